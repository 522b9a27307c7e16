// Every statement of the rebuild: the state row, the shadow tables, and the swap that puts them live.
// Lock order everywhere: the state row first, then tables, so projector, rebuild pages and swap never deadlock.
import type { SqlExecutor } from '@techcorp/platform';
import { LIVE_TABLES, RETIRED_TABLES, SHADOW_TABLES } from '../projection/projection.sql.ts';
import type { RebuildRecord } from './rebuild.policy.ts';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO})`;
const RECORD = `state, owner, processed, ${iso('started_at')} AS started_at, ${iso('finished_at')} AS finished_at,
  ${iso('heartbeat_at')} AS heartbeat_at, error, ${iso('now()')} AS now`;

interface RecordRow {
  state: RebuildRecord['state'];
  owner: string | null;
  processed: number;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  error: string | null;
  now: string;
}

const toRecord = (row: RecordRow): RebuildRecord => ({
  state: row.state,
  owner: row.owner,
  processed: Number(row.processed),
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  heartbeatAt: row.heartbeat_at,
  error: row.error,
  now: row.now,
});

export async function readRebuild(db: SqlExecutor): Promise<RebuildRecord> {
  const { rows } = await db.query<RecordRow>(`SELECT ${RECORD} FROM read_model_rebuild WHERE id = 1`);
  return toRecord(rows[0]!);
}

/**
 * Locks the state row until the transaction ends. FOR UPDATE waits for every projector holding it (FOR KEY SHARE)
 * and holds new ones back, so a projector never sees the flag change halfway through its transaction.
 */
export async function lockRebuild(tx: SqlExecutor): Promise<RebuildRecord> {
  const { rows } = await tx.query<RecordRow>(`SELECT ${RECORD} FROM read_model_rebuild WHERE id = 1 FOR UPDATE`);
  return toRecord(rows[0]!);
}

/** For the projector: whether to write the shadow tables too. KEY SHARE does not block progress updates. */
export async function rebuildInProgress(tx: SqlExecutor): Promise<boolean> {
  const { rows } = await tx.query<{ state: string }>('SELECT state FROM read_model_rebuild WHERE id = 1 FOR KEY SHARE');
  return rows[0]?.state === 'running';
}

/** Marks the (locked) row running for `owner` and creates empty shadow tables shaped like the live ones. */
export async function startRebuild(tx: SqlExecutor, owner: string): Promise<void> {
  await dropShadowTables(tx);
  await tx.query(`CREATE TABLE ${SHADOW_TABLES.orders} (LIKE ${LIVE_TABLES.orders} INCLUDING ALL)`);
  await tx.query(`CREATE TABLE ${SHADOW_TABLES.items} (LIKE ${LIVE_TABLES.items} INCLUDING ALL)`);
  // LIKE copies no foreign keys.
  await tx.query(
    `ALTER TABLE ${SHADOW_TABLES.items} ADD FOREIGN KEY (order_id)
     REFERENCES ${SHADOW_TABLES.orders} (order_id) ON DELETE CASCADE`,
  );
  await tx.query(
    `UPDATE read_model_rebuild SET state = 'running', owner = $1, processed = 0, started_at = now(),
       finished_at = NULL, heartbeat_at = now(), error = NULL
     WHERE id = 1`,
    [owner],
  );
}

/**
 * First statement of each page's transaction: adds to the processed count and renews the lease (taking the row
 * before any shadow row); false when `owner` no longer holds the rebuild.
 */
export async function recordProgress(tx: SqlExecutor, owner: string, processed: number): Promise<boolean> {
  const result = await tx.query(
    `UPDATE read_model_rebuild SET processed = processed + $2, heartbeat_at = now()
     WHERE id = 1 AND state = 'running' AND owner = $1`,
    [owner, processed],
  );
  return result.rowCount === 1;
}

/** In the transaction that locked the row: shadow becomes live, the old live tables are dropped. */
export async function swapShadowIntoLive(tx: SqlExecutor): Promise<void> {
  const all = [LIVE_TABLES.items, LIVE_TABLES.orders, SHADOW_TABLES.items, SHADOW_TABLES.orders];
  await tx.query(`LOCK TABLE ${all.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  await tx.query(`ALTER TABLE ${LIVE_TABLES.items} RENAME TO ${RETIRED_TABLES.items}`);
  await tx.query(`ALTER TABLE ${LIVE_TABLES.orders} RENAME TO ${RETIRED_TABLES.orders}`);
  await tx.query(`ALTER TABLE ${SHADOW_TABLES.items} RENAME TO ${LIVE_TABLES.items}`);
  await tx.query(`ALTER TABLE ${SHADOW_TABLES.orders} RENAME TO ${LIVE_TABLES.orders}`);
  await tx.query(`DROP TABLE ${RETIRED_TABLES.items}, ${RETIRED_TABLES.orders}`);
  await finishRebuild(tx, 'done', null);
}

/** In the transaction that locked the row: the shadow tables go, the row records the failure. */
export async function abandonRebuild(tx: SqlExecutor, error: string): Promise<void> {
  await dropShadowTables(tx);
  await finishRebuild(tx, 'failed', error);
}

async function finishRebuild(tx: SqlExecutor, state: 'done' | 'failed', error: string | null): Promise<void> {
  await tx.query(
    `UPDATE read_model_rebuild SET state = $1, error = $2, finished_at = now(), heartbeat_at = now() WHERE id = 1`,
    [state, error],
  );
}

async function dropShadowTables(tx: SqlExecutor): Promise<void> {
  await tx.query(`DROP TABLE IF EXISTS ${SHADOW_TABLES.items}, ${SHADOW_TABLES.orders}`);
}
