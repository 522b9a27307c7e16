// Every statement on checkouts: the snapshot of a cart version (written once) and the order it became.
import type { SqlExecutor } from '@techcorp/platform';

export interface CheckoutLine {
  product_id: string;
  sku: string;
  title: string;
  quantity: number;
  unit_price_at_add: number;
  added_at: string;
}

export interface CheckoutRow {
  cartId: string;
  version: number;
  customerId: string;
  currency: string;
  lines: CheckoutLine[];
  orderId: string | null;
}

interface Row {
  cart_id: string;
  version: number;
  customer_id: string;
  currency: string;
  lines: CheckoutLine[] | string;
  order_id: string | null;
}

const toRow = (r: Row): CheckoutRow => ({
  cartId: r.cart_id,
  version: Number(r.version),
  customerId: r.customer_id,
  currency: r.currency,
  lines: typeof r.lines === 'string' ? (JSON.parse(r.lines) as CheckoutLine[]) : r.lines,
  orderId: r.order_id,
});

/** Stores the snapshot unless this cart version has one already; resolves with the stored one either way. */
export async function saveCheckout(db: SqlExecutor, snapshot: Omit<CheckoutRow, 'orderId'>): Promise<CheckoutRow> {
  await db.query(
    `INSERT INTO checkouts (cart_id, version, customer_id, currency, lines)
     VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (cart_id, version) DO NOTHING`,
    [snapshot.cartId, snapshot.version, snapshot.customerId, snapshot.currency, JSON.stringify(snapshot.lines)],
  );
  // A separate statement: under READ COMMITTED it sees a row a concurrent call committed while we waited on it.
  const found = await findCheckout(db, snapshot.cartId, snapshot.version);
  if (!found) throw new Error(`checkout ${snapshot.cartId}/${snapshot.version} vanished`);
  return found;
}

export async function findCheckout(db: SqlExecutor, cartId: string, version: number): Promise<CheckoutRow | null> {
  const { rows } = await db.query<Row>(
    `SELECT cart_id, version, customer_id, currency, lines, order_id FROM checkouts
     WHERE cart_id = $1 AND version = $2`,
    [cartId, version],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

/**
 * Links the customer's snapshot to the order made from it; resolves with the order id the row holds afterwards
 * (another one means two orders claimed one cart version), or null when that customer has no such snapshot.
 */
export async function recordOrder(
  db: SqlExecutor,
  ref: { cartId: string; version: number; customerId: string },
  orderId: string,
): Promise<string | null> {
  const { rows } = await db.query<{ order_id: string }>(
    `UPDATE checkouts SET order_id = COALESCE(order_id, $4::uuid)
     WHERE cart_id = $1 AND version = $2 AND customer_id = $3
     RETURNING order_id`,
    [ref.cartId, ref.version, ref.customerId, orderId],
  );
  return rows[0]?.order_id ?? null;
}

export async function pingDatabase(db: SqlExecutor): Promise<void> {
  await db.query('SELECT 1');
}
