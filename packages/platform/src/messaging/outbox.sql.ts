// Outbox queries: producers enqueue in their own transaction; the relay claims, marks and purges.
import type { Envelope } from '@techcorp/contracts';
import type { SqlExecutor } from '../sql/sql.ts';
import type { EnqueueOutbox } from './messaging.ts';

/** Rows per INSERT; keeps the parameter count far below PostgreSQL's 65535. */
const ENQUEUE_CHUNK = 500;
const MAX_ERROR_LENGTH = 1000;

export interface PendingOutboxRow {
  seq: number;
  envelope: Envelope;
  attempts: number;
}

/** Rows get seq in array order, so one transaction's messages are published in the order given. */
export const enqueueOutbox: EnqueueOutbox = async (tx, messages) => {
  for (let start = 0; start < messages.length; start += ENQUEUE_CHUNK) {
    const chunk = messages.slice(start, start + ENQUEUE_CHUNK);
    const params: unknown[] = [];
    const values = chunk.map((message, i) => {
      params.push(message.id, message.type, JSON.stringify(message));
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
    });
    await tx.query(`INSERT INTO outbox (message_id, message_type, envelope) VALUES ${values.join(', ')}`, params);
  }
};

/** Locks the oldest pending rows; rows another relay holds are skipped, not waited for. */
export async function claimPendingOutbox(tx: SqlExecutor, limit: number): Promise<PendingOutboxRow[]> {
  const { rows } = await tx.query<PendingOutboxRow>(
    `SELECT seq, envelope, attempts FROM outbox
     WHERE published_at IS NULL
     ORDER BY seq
     LIMIT $1
     FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return rows;
}

export async function markOutboxPublished(tx: SqlExecutor, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  await tx.query('UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])', [
    seqs,
  ]);
}

export async function recordOutboxFailure(tx: SqlExecutor, seq: number, error: string): Promise<void> {
  await tx.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = $1', [
    seq,
    error.slice(0, MAX_ERROR_LENGTH),
  ]);
}

/** Deletes rows published more than `olderThanMs` ago; returns how many. */
export async function purgePublishedOutbox(sql: SqlExecutor, olderThanMs: number): Promise<number> {
  const { rowCount } = await sql.query(
    `DELETE FROM outbox WHERE published_at < now() - $1::double precision * interval '1 millisecond'`,
    [olderThanMs],
  );
  return rowCount;
}

export async function pendingOutboxCount(sql: SqlExecutor): Promise<number> {
  const { rows } = await sql.query<{ pending: number }>(
    'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
  );
  return rows[0]?.pending ?? 0;
}

/** Age in seconds of the oldest unpublished row (0 when none): the outbox lag metric. */
export async function oldestPendingOutboxAgeSeconds(sql: SqlExecutor): Promise<number> {
  const { rows } = await sql.query<{ age: number | null }>(
    `SELECT extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox WHERE published_at IS NULL`,
  );
  return Math.max(0, rows[0]?.age ?? 0);
}
