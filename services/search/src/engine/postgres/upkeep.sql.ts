// The index tables' activity from PostgreSQL's statistics views, and the upkeep statements. VACUUM cannot run in a
// transaction: `db` is the pool.
import type { SqlExecutor } from '@techcorp/platform';
import type { TableActivity, UpkeepAction } from '../upkeep.ts';

const TABLES = ['documents', 'terms'] as const;

export async function tableActivity(db: SqlExecutor): Promise<TableActivity[]> {
  const { rows } = await db.query<{ table: string; live: number; dead: number; modified: number }>(
    `SELECT relname AS table, n_live_tup::int AS live, n_dead_tup::int AS dead, n_mod_since_analyze::int AS modified
     FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ANY($1::text[]) ORDER BY relname`,
    [TABLES],
  );
  return rows.map((r) => ({
    table: r.table,
    liveRows: Number(r.live),
    deadRows: Number(r.dead),
    modifiedSinceAnalyze: Number(r.modified),
  }));
}

/** Runs one action; the table name comes from TABLES, never from input. */
export async function runUpkeep(db: SqlExecutor, action: UpkeepAction): Promise<void> {
  const table = TABLES.find((t) => t === action.table);
  if (!table) throw new Error(`no upkeep for table ${action.table}`);
  await db.query(action.kind === 'vacuum-analyze' ? `VACUUM (ANALYZE) ${table}` : `ANALYZE ${table}`);
}

/** After a bulk rewrite (a full reindex): both tables, whatever their counters say. */
export async function vacuumAnalyzeAll(db: SqlExecutor): Promise<void> {
  for (const table of TABLES) await runUpkeep(db, { table, kind: 'vacuum-analyze' });
}
