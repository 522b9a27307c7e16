// Statements over the reindex row: claim (under its row lock), progress with lease renewal, and the outcome.
import type { SqlExecutor } from '@techcorp/platform';
import type { ReindexRecord } from './reindex.policy.ts';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO})`;
const RECORD = `state, run_id, processed, ${iso('started_at')} AS started_at, ${iso('finished_at')} AS finished_at,
  ${iso('heartbeat_at')} AS heartbeat_at, error, ${iso('clock_timestamp()')} AS now`;

interface RecordRow {
  state: ReindexRecord['state'];
  run_id: string | null;
  processed: number;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  error: string | null;
  now: string;
}

const toRecord = (row: RecordRow): ReindexRecord => ({
  state: row.state,
  runId: row.run_id,
  processed: Number(row.processed),
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  heartbeatAt: row.heartbeat_at,
  error: row.error,
  now: row.now,
});

export async function readReindex(db: SqlExecutor): Promise<ReindexRecord> {
  const { rows } = await db.query<RecordRow>(`SELECT ${RECORD} FROM reindex_state WHERE id = 1`);
  return toRecord(rows[0]!);
}

/** Locks the row until the transaction ends: claims and outcomes of concurrent instances queue behind it. */
export async function lockReindex(tx: SqlExecutor): Promise<ReindexRecord> {
  const { rows } = await tx.query<RecordRow>(`SELECT ${RECORD} FROM reindex_state WHERE id = 1 FOR UPDATE`);
  return toRecord(rows[0]!);
}

/** On the locked row: running for `runId` from now (database clock, which documents' indexed_at also use). */
export async function claimReindex(tx: SqlExecutor, runId: string): Promise<void> {
  await tx.query(
    `UPDATE reindex_state SET state = 'running', run_id = $1, processed = 0, started_at = clock_timestamp(),
       finished_at = NULL, heartbeat_at = clock_timestamp(), error = NULL
     WHERE id = 1`,
    [runId],
  );
}

/** Adds to the processed count and renews the lease; false when `runId` no longer holds the reindex. */
export async function recordProgress(db: SqlExecutor, runId: string, processed: number): Promise<boolean> {
  const result = await db.query(
    `UPDATE reindex_state SET processed = processed + $2, heartbeat_at = clock_timestamp()
     WHERE id = 1 AND state = 'running' AND run_id = $1`,
    [runId, processed],
  );
  return result.rowCount === 1;
}

/** Records the outcome if `runId` still holds the reindex; false when it had lost it. */
export async function finishReindex(
  db: SqlExecutor,
  runId: string,
  state: 'done' | 'failed',
  error: string | null,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE reindex_state SET state = $2, error = $3, finished_at = clock_timestamp(), heartbeat_at = clock_timestamp()
     WHERE id = 1 AND state = 'running' AND run_id = $1`,
    [runId, state, error],
  );
  return result.rowCount === 1;
}
