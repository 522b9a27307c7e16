// Test-only statements: the read model as comparable rows, and ways to damage it that a rebuild must repair.
import type { SqlExecutor } from '@techcorp/platform';

/** Every order row (search lexemes as text; projected_at left out: it says when, not what) ordered by id. */
export async function orderRows(db: SqlExecutor): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query(
    `SELECT order_id, order_number, customer_id, status, failure_reason, total_amount, currency, version,
       created_at, updated_at, search_vector::text AS search_vector
     FROM order_read_model ORDER BY order_id`,
  );
  return rows;
}

/** Every item row without its surrogate id, in a stable order. */
export async function itemRows(db: SqlExecutor): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query(
    `SELECT order_id, product_id, product_name, sku, quantity, price, line_total
     FROM order_item_read_model ORDER BY order_id, id`,
  );
  return rows;
}

export async function orderRow(db: SqlExecutor, orderId: string): Promise<Record<string, unknown> | undefined> {
  return (await orderRows(db)).find((r) => r.order_id === orderId);
}

export async function damageOrder(db: SqlExecutor, orderId: string): Promise<void> {
  await db.query(`UPDATE order_read_model SET status = 'FAILED', total_amount = 1 WHERE order_id = $1`, [orderId]);
}

export async function deleteOrder(db: SqlExecutor, orderId: string): Promise<void> {
  await db.query('DELETE FROM order_read_model WHERE order_id = $1', [orderId]);
}

export async function shadowTablesExist(db: SqlExecutor): Promise<boolean> {
  const { rows } = await db.query<{ name: string | null }>(
    `SELECT to_regclass('order_read_model_rebuild')::text AS name`,
  );
  return rows[0]?.name !== null && rows[0]?.name !== undefined;
}
