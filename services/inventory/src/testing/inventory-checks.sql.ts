// Read-only queries integration tests use to check inventory's tables and invariants (tests only).
import type { SqlExecutor } from '@techcorp/platform';

export interface StockRowView {
  warehouseId: string;
  onHand: number;
  reserved: number;
}

export function inventoryChecks(db: SqlExecutor) {
  const one = async <T>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows[0]!;
  return {
    async stock(productId: string): Promise<StockRowView[]> {
      const { rows } = await db.query<StockRowView>(
        `SELECT warehouse_id AS "warehouseId", on_hand AS "onHand", reserved FROM stock
         WHERE product_id = $1 ORDER BY warehouse_id`,
        [productId],
      );
      return rows;
    },

    async counts(): Promise<{ stock: number; reservations: number; lines: number; movements: number; outbox: number }> {
      return one(
        `SELECT (SELECT count(*)::int FROM stock) AS stock, (SELECT count(*)::int FROM reservations) AS reservations,
                (SELECT count(*)::int FROM reservation_lines) AS lines,
                (SELECT count(*)::int FROM stock_movements) AS movements, (SELECT count(*)::int FROM outbox) AS outbox`,
      );
    },

    async reservation(orderId: string): Promise<{ status: string; expiresAt: Date | null } | undefined> {
      const { rows } = await db.query<{ status: string; expiresAt: Date | null }>(
        `SELECT status, expires_at AS "expiresAt" FROM reservations WHERE order_id = $1`,
        [orderId],
      );
      return rows[0];
    },

    async movementKinds(productId: string): Promise<string[]> {
      const { rows } = await db.query<{ k: string }>(
        `SELECT kind || ' ' || warehouse_id || ' ' || quantity AS k FROM stock_movements WHERE product_id = $1 ORDER BY id`,
        [productId],
      );
      return rows.map((r) => r.k);
    },

    /** Reservations the database clock already considers due. */
    async dueCount(): Promise<number> {
      const row = await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM reservations WHERE status = 'RESERVED' AND expires_at <= now()`,
      );
      return row.n;
    },

    /**
     * Invariant breaches, each as a text: a row whose reserved differs from its live reservation lines, whose values
     * differ from its last movement, or whose on hand differs from the sum of its movements.
     */
    async breaches(): Promise<string[]> {
      const { rows } = await db.query<{ breach: string }>(
        `WITH live AS (
           SELECT l.product_id, l.warehouse_id, sum(l.quantity)::int AS q FROM reservation_lines l
           JOIN reservations r ON r.id = l.reservation_id WHERE r.status = 'RESERVED'
           GROUP BY l.product_id, l.warehouse_id),
         last AS (
           SELECT DISTINCT ON (product_id, warehouse_id) product_id, warehouse_id, on_hand_after, reserved_after
           FROM stock_movements ORDER BY product_id, warehouse_id, id DESC),
         sums AS (
           SELECT product_id, warehouse_id, sum(CASE WHEN kind = 'SALE' THEN -quantity
             WHEN kind IN ('RESTOCK', 'RETURN', 'ADJUST') THEN quantity ELSE 0 END)::int AS on_hand
           FROM stock_movements GROUP BY product_id, warehouse_id)
         SELECT s.product_id || '@' || s.warehouse_id || ': ' || concat_ws(', ',
           CASE WHEN s.reserved <> coalesce(live.q, 0) THEN 'reserved ' || s.reserved || ' vs lines ' || coalesce(live.q, 0) END,
           CASE WHEN last.on_hand_after IS DISTINCT FROM s.on_hand OR last.reserved_after IS DISTINCT FROM s.reserved
                THEN 'row differs from last movement' END,
           CASE WHEN sums.on_hand IS DISTINCT FROM s.on_hand THEN 'on hand ' || s.on_hand || ' vs movements ' || sums.on_hand END
         ) AS breach
         FROM stock s
         LEFT JOIN live ON live.product_id = s.product_id AND live.warehouse_id = s.warehouse_id
         LEFT JOIN last ON last.product_id = s.product_id AND last.warehouse_id = s.warehouse_id
         LEFT JOIN sums ON sums.product_id = s.product_id AND sums.warehouse_id = s.warehouse_id
         WHERE s.reserved <> coalesce(live.q, 0) OR s.reserved < 0 OR s.reserved > s.on_hand
            OR last.on_hand_after IS DISTINCT FROM s.on_hand OR last.reserved_after IS DISTINCT FROM s.reserved
            OR sums.on_hand IS DISTINCT FROM s.on_hand`,
      );
      return rows.map((r) => r.breach);
    },
  };
}
