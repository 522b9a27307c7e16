// Saga rows: one per order, locked FOR UPDATE by every writer so one order's steps never interleave.
import type { SqlExecutor } from '@techcorp/platform';
import type { Saga } from './checkout.types.ts';

export interface SagaRow {
  saga: Saga;
  cardToken: string | null;
  /** The database clock, so every instance's saga decisions use one clock. */
  now: string;
}

interface Row {
  saga: Saga;
  card_token: string | null;
  now: Date;
}

const toSagaRow = (row: Row | undefined): SagaRow | null =>
  row ? { saga: row.saga, cardToken: row.card_token, now: row.now.toISOString() } : null;

export async function insertSaga(tx: SqlExecutor, saga: Saga, cardToken: string): Promise<void> {
  await tx.query(
    `INSERT INTO sagas (order_id, state, saga, card_token, next_attempt_at, deadline_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [saga.orderId, saga.state, JSON.stringify(saga), cardToken, saga.nextAttemptAt, saga.deadlineAt],
  );
}

export async function lockSaga(tx: SqlExecutor, orderId: string): Promise<SagaRow | null> {
  const { rows } = await tx.query<Row>(
    'SELECT saga, card_token, now() AS now FROM sagas WHERE order_id = $1 FOR UPDATE',
    [orderId],
  );
  return toSagaRow(rows[0]);
}

export async function readSaga(db: SqlExecutor, orderId: string): Promise<Saga | null> {
  const { rows } = await db.query<{ saga: Saga }>('SELECT saga FROM sagas WHERE order_id = $1', [orderId]);
  return rows[0]?.saga ?? null;
}

/** Saves the saga; the card token is dropped once no payment step can need it again. */
export async function updateSaga(tx: SqlExecutor, saga: Saga, keepCardToken: boolean): Promise<void> {
  await tx.query(
    `UPDATE sagas SET state = $2, saga = $3, next_attempt_at = $4, updated_at = now(),
       card_token = CASE WHEN $5::boolean THEN card_token ELSE NULL END
     WHERE order_id = $1`,
    [saga.orderId, saga.state, JSON.stringify(saga), saga.nextAttemptAt, keepCardToken],
  );
}

/** Claims one saga whose reply is overdue or whose deadline passed; SKIP LOCKED lets several sweepers share work. */
export async function claimDueSaga(tx: SqlExecutor): Promise<SagaRow | null> {
  const { rows } = await tx.query<Row>(
    `SELECT saga, card_token, now() AS now FROM sagas
     WHERE state IN ('STARTED', 'INVENTORY_RESERVED', 'PAYMENT_PROCESSING', 'COMPENSATING')
       AND (next_attempt_at <= now() OR (deadline_at <= now() AND state <> 'COMPENSATING'))
     ORDER BY next_attempt_at
     LIMIT 1
     FOR UPDATE SKIP LOCKED`,
  );
  return toSagaRow(rows[0]);
}

export async function countSagasByState(db: SqlExecutor): Promise<{ state: string; count: number }[]> {
  const { rows } = await db.query<{ state: string; count: number }>(
    'SELECT state, count(*)::int8 AS count FROM sagas GROUP BY state',
  );
  return rows;
}

export async function databaseNow(db: SqlExecutor): Promise<string> {
  const { rows } = await db.query<{ now: Date }>('SELECT now() AS now');
  return rows[0]!.now.toISOString();
}
