// Test-only reads of the index tables, to check what the API cannot show (versions, tombstones, term counts).
import type { SqlExecutor } from '@techcorp/platform';

export interface StoredDocument {
  title: string;
  status: string;
  version: number;
  indexed_at: string;
}

export async function storedDocument(db: SqlExecutor, productId: string): Promise<StoredDocument | null> {
  const { rows } = await db.query<StoredDocument>(
    `SELECT title, status, version, to_char(indexed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS indexed_at
     FROM documents WHERE product_id = $1`,
    [productId],
  );
  return rows[0] ?? null;
}

export async function termCount(db: SqlExecutor, term: string): Promise<number> {
  const { rows } = await db.query<{ doc_count: number }>('SELECT doc_count FROM terms WHERE term = $1', [term]);
  return Number(rows[0]?.doc_count ?? 0);
}

/** Rows where the terms table and a recount from the active documents disagree (0 when in step). */
export async function termsOutOfStep(db: SqlExecutor): Promise<number> {
  const recount = `SELECT t AS term, count(*)::int AS doc_count FROM documents, unnest(terms) AS t
    WHERE status = 'ACTIVE' GROUP BY t`;
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       (SELECT term, doc_count FROM terms EXCEPT ${recount})
       UNION ALL
       (${recount} EXCEPT SELECT term, doc_count FROM terms)
     ) AS diff`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Changes a title behind the index's back: only a cached answer can still show the old one. */
export async function overwriteTitle(db: SqlExecutor, productId: string, title: string): Promise<void> {
  await db.query('UPDATE documents SET title = $2 WHERE product_id = $1', [productId, title]);
}

/** The index tables in this schema that no VACUUM ANALYZE has processed yet (manual runs; autovacuum is apart). */
export async function tablesNotVacuumAnalyzed(db: SqlExecutor): Promise<string[]> {
  const { rows } = await db.query<{ relname: string }>(
    `SELECT relname FROM pg_stat_user_tables
     WHERE schemaname = current_schema() AND relname IN ('documents', 'terms')
       AND (last_vacuum IS NULL OR last_analyze IS NULL)
     ORDER BY relname`,
  );
  return rows.map((r) => r.relname);
}
