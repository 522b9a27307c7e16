// When the index's tables need upkeep (pure): autovacuum's own rule, applied by search itself. The index is loaded in
// bursts (a catalog import, a reindex, a sale flipping stock flags), and its query plans depend on fresh statistics;
// where autovacuum is off or behind, the planner guesses and reads dead row versions (typo correction read 93,857
// dead `terms` versions for 191 live ones after a 10,000-product load on a server without autovacuum).

/** What PostgreSQL's statistics views say about one table. */
export interface TableActivity {
  table: string;
  liveRows: number;
  deadRows: number;
  /** Rows inserted, updated or deleted since the last ANALYZE (manual or automatic). */
  modifiedSinceAnalyze: number;
}

export interface UpkeepAction {
  table: string;
  /** VACUUM (ANALYZE) when dead versions piled up, else ANALYZE alone. */
  kind: 'vacuum-analyze' | 'analyze';
}

// PostgreSQL's defaults for autovacuum (threshold + scale factor × live rows), with larger fixed parts: a little
// later than autovacuum would be on a small table, so where it runs it is nearly always first.
const ANALYZE_THRESHOLD = 500;
const ANALYZE_SCALE = 0.1;
const VACUUM_THRESHOLD = 1_000;
const VACUUM_SCALE = 0.2;

export function dueUpkeep(tables: readonly TableActivity[]): UpkeepAction[] {
  const due: UpkeepAction[] = [];
  for (const t of tables) {
    if (t.deadRows >= VACUUM_THRESHOLD + VACUUM_SCALE * t.liveRows)
      due.push({ table: t.table, kind: 'vacuum-analyze' });
    else if (t.modifiedSinceAnalyze >= ANALYZE_THRESHOLD + ANALYZE_SCALE * t.liveRows)
      due.push({ table: t.table, kind: 'analyze' });
  }
  return due;
}
