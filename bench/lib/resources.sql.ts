// The benchmark's SQL: commit counters and the invariant queries over the services' schemas (read only).
import pg from 'pg';

export type Db = pg.Client;

export async function openDb(url: string): Promise<Db> {
  const client = new pg.Client({ connectionString: url, application_name: 'bench' });
  await client.connect();
  return client;
}

async function count(db: Db, text: string, values: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(text, values);
  return Number(rows[0]?.n ?? 0);
}

/** Transactions committed in this database so far (PostgreSQL flushes these counters about once a second). */
export const committedTransactions = (db: Db) =>
  count(db, 'SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()');

/** What autovacuum would have done by now after a bulk load: reclaim dead row versions and gather statistics. */
export async function vacuumAnalyzeDatabase(db: Db): Promise<void> {
  await db.query('VACUUM ANALYZE');
}

/** Stock rows that break `0 <= reserved <= on_hand` anywhere in inventory. */
export const oversoldStockRows = (db: Db) =>
  count(db, 'SELECT count(*)::int AS n FROM inventory.stock WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand');

/** Units still reserved on these products (after the drain, every reservation should be confirmed or released). */
export const reservedUnits = (db: Db, productIds: string[]) =>
  count(db, 'SELECT coalesce(sum(reserved), 0)::int AS n FROM inventory.stock WHERE product_id = ANY($1::uuid[])', [
    productIds,
  ]);

/** Sagas of these orders not in a terminal state. */
export const nonTerminalSagas = (db: Db, orderIds: string[]) =>
  count(
    db,
    `SELECT count(*)::int AS n FROM orders.sagas
      WHERE order_id = ANY($1::uuid[]) AND state NOT IN ('COMPLETED', 'COMPENSATED', 'FAILED')`,
    [orderIds],
  );

/** Outbox rows not yet published, over every service schema that has an outbox (auth and users publish too). */
export async function unpublishedOutboxRows(db: Db): Promise<number> {
  const { rows } = await db.query<{ schema: string }>(
    `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox' ORDER BY 1`,
  );
  let total = 0;
  for (const { schema } of rows)
    total += await count(
      db,
      `SELECT count(*)::int AS n FROM ${db.escapeIdentifier(schema)}.outbox WHERE published_at IS NULL`,
    );
  return total;
}
