// Every statement that writes a read model: the order row (upsert if newer) and its items, on live or shadow tables.
import type { SqlExecutor } from '@techcorp/platform';
import type { OrderItemRow, OrderRow } from './projection.decider.ts';

/** A pair of read-model tables: the live ones queries read, or the shadow pair a rebuild fills. */
export interface ReadModelTables {
  readonly orders: string;
  readonly items: string;
}

// Table names only ever come from these constants, never from input.
export const LIVE_TABLES: ReadModelTables = { orders: 'order_read_model', items: 'order_item_read_model' };
export const SHADOW_TABLES: ReadModelTables = {
  orders: 'order_read_model_rebuild',
  items: 'order_item_read_model_rebuild',
};
export const RETIRED_TABLES: ReadModelTables = {
  orders: 'order_read_model_retired',
  items: 'order_item_read_model_retired',
};

/** The stored version of an order, row-locked for the rest of the transaction; null when not projected yet. */
export async function lockStoredVersion(tx: SqlExecutor, t: ReadModelTables, orderId: string): Promise<number | null> {
  const { rows } = await tx.query<{ version: number }>(
    `SELECT version FROM ${t.orders} WHERE order_id = $1 FOR UPDATE`,
    [orderId],
  );
  return rows[0] ? Number(rows[0].version) : null;
}

/**
 * Inserts the row, or overwrites it only when the stored version is older; resolves false when the guard kept
 * the stored row (a concurrent writer got a newer version in first).
 */
export async function upsertOrderIfNewer(tx: SqlExecutor, t: ReadModelTables, row: OrderRow): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO ${t.orders} (order_id, order_number, customer_id, status, failure_reason, total_amount, currency,
       version, created_at, updated_at, search_vector, projected_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, array_to_tsvector(string_to_array($11, ' ')), now())
     ON CONFLICT (order_id) DO UPDATE SET
       order_number = EXCLUDED.order_number, customer_id = EXCLUDED.customer_id, status = EXCLUDED.status,
       failure_reason = EXCLUDED.failure_reason, total_amount = EXCLUDED.total_amount, currency = EXCLUDED.currency,
       version = EXCLUDED.version, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
       search_vector = EXCLUDED.search_vector, projected_at = EXCLUDED.projected_at
     WHERE ${t.orders}.version < EXCLUDED.version
     RETURNING order_id`,
    [
      row.orderId,
      row.orderNumber,
      row.customerId,
      row.status,
      row.failureReason,
      row.totalAmount,
      row.currency,
      row.version,
      row.createdAt,
      row.updatedAt,
      row.searchTerms.join(' '),
    ],
  );
  return rows.length > 0;
}

/** Replaces an order's items with the snapshot's lines (one statement each way, whatever the line count). */
export async function replaceItems(
  tx: SqlExecutor,
  t: ReadModelTables,
  orderId: string,
  items: readonly OrderItemRow[],
): Promise<void> {
  await tx.query(`DELETE FROM ${t.items} WHERE order_id = $1`, [orderId]);
  if (items.length === 0) return;
  const lines = items.map((i) => ({
    product_id: i.productId,
    product_name: i.productName,
    sku: i.sku,
    quantity: i.quantity,
    price: i.price,
    line_total: i.lineTotal,
  }));
  await tx.query(
    `INSERT INTO ${t.items} (order_id, product_id, product_name, sku, quantity, price, line_total)
     SELECT $1::uuid, x.product_id, x.product_name, x.sku, x.quantity, x.price, x.line_total
     FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (product_id text, product_name text, sku text,
       quantity integer, price bigint, line_total bigint))
       WITH ORDINALITY AS x(product_id, product_name, sku, quantity, price, line_total, n)
     ORDER BY x.n`,
    [orderId, JSON.stringify(lines)],
  );
}
