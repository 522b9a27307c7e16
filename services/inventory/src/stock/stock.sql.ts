// All SQL on stock rows, warehouses and the movement ledger.
import type { SqlExecutor } from '@techcorp/platform';
import type { Movement, MovementKind, ProductTotals, StockRow } from './stock.policy.ts';

export interface MovementContext {
  orderId: string | null;
  reservationId: string | null;
  note: string | null;
}

export interface MovementRecord extends Movement, MovementContext {
  id: number;
  createdAt: Date;
}

const STOCK_COLUMNS = `product_id AS "productId", warehouse_id AS "warehouseId", on_hand AS "onHand", reserved`;
const TOTAL_COLUMNS = `product_id AS "productId", sum(on_hand)::int AS "onHand", sum(reserved)::int AS reserved,
  sum(on_hand - reserved)::int AS available`;

export function stockSql(db: SqlExecutor) {
  return {
    /** Locks every warehouse row of the products in one fixed order (product, warehouse) so lockers never deadlock. */
    async lockProducts(productIds: readonly string[]): Promise<StockRow[]> {
      if (productIds.length === 0) return [];
      const { rows } = await db.query<StockRow>(
        `SELECT ${STOCK_COLUMNS} FROM stock WHERE product_id = ANY($1::uuid[])
         ORDER BY product_id, warehouse_id FOR UPDATE`,
        [[...productIds]],
      );
      return rows;
    },

    async productRows(productId: string): Promise<StockRow[]> {
      const { rows } = await db.query<StockRow>(
        `SELECT ${STOCK_COLUMNS} FROM stock WHERE product_id = $1 ORDER BY warehouse_id`,
        [productId],
      );
      return rows;
    },

    /** The warehouse rows of many products in one statement, ordered (product, warehouse); unstocked ones absent. */
    async productsRows(productIds: readonly string[]): Promise<StockRow[]> {
      if (productIds.length === 0) return [];
      const { rows } = await db.query<StockRow>(
        `SELECT ${STOCK_COLUMNS} FROM stock WHERE product_id = ANY($1::uuid[]) ORDER BY product_id, warehouse_id`,
        [[...productIds]],
      );
      return rows;
    },

    /** Creates an empty row so a first restock into a warehouse has a row to lock. */
    async ensureRow(productId: string, warehouseId: string): Promise<void> {
      await db.query(
        `INSERT INTO stock (product_id, warehouse_id, on_hand, reserved) VALUES ($1, $2, 0, 0)
         ON CONFLICT (product_id, warehouse_id) DO NOTHING`,
        [productId, warehouseId],
      );
    },

    async saveRows(rows: readonly StockRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db.query(
        `UPDATE stock AS s SET on_hand = v.on_hand, reserved = v.reserved, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[]) AS v (product_id, warehouse_id, on_hand, reserved)
         WHERE s.product_id = v.product_id AND s.warehouse_id = v.warehouse_id`,
        [
          rows.map((r) => r.productId),
          rows.map((r) => r.warehouseId),
          rows.map((r) => r.onHand),
          rows.map((r) => r.reserved),
        ],
      );
    },

    /** Appends movements in order; returns the id of the last one (its visibility proves the transaction committed). */
    async insertMovements(movements: readonly (Movement & MovementContext)[]): Promise<number | null> {
      if (movements.length === 0) return null;
      const column = <T>(pick: (m: Movement & MovementContext) => T) => movements.map(pick);
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO stock_movements
           (product_id, warehouse_id, kind, quantity, on_hand_after, reserved_after, order_id, reservation_id, note)
         SELECT p, w, k, q, oh, r, o, res, n
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::uuid[], $8::uuid[],
           $9::text[]) WITH ORDINALITY AS m (p, w, k, q, oh, r, o, res, n, ord)
         ORDER BY ord
         RETURNING id`,
        [
          column((m) => m.productId),
          column((m) => m.warehouseId),
          column((m) => m.kind),
          column((m) => m.quantity),
          column((m) => m.onHandAfter),
          column((m) => m.reservedAfter),
          column((m) => m.orderId),
          column((m) => m.reservationId),
          column((m) => m.note),
        ],
      );
      return rows.reduce((max, r) => Math.max(max, Number(r.id)), 0) || null;
    },

    async movements(productId: string, page: { limit: number; beforeId: number | null }): Promise<MovementRecord[]> {
      const { rows } = await db.query<MovementRecord & { kind: MovementKind }>(
        `SELECT id, product_id AS "productId", warehouse_id AS "warehouseId", kind, quantity,
                on_hand_after AS "onHandAfter", reserved_after AS "reservedAfter", order_id AS "orderId",
                reservation_id AS "reservationId", note, created_at AS "createdAt"
         FROM stock_movements WHERE product_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
         ORDER BY id DESC LIMIT $3`,
        [productId, page.beforeId, page.limit],
      );
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },

    /** Committed totals per product, for the available counters. */
    async totals(productIds: readonly string[]): Promise<ProductTotals[]> {
      const { rows } = await db.query<ProductTotals>(
        `SELECT ${TOTAL_COLUMNS} FROM stock WHERE product_id = ANY($1::uuid[]) GROUP BY product_id`,
        [[...productIds]],
      );
      return rows;
    },

    /** Totals of every product in product id order, one page at a time (keyset). */
    async totalsPage(afterProductId: string | null, limit: number): Promise<ProductTotals[]> {
      const { rows } = await db.query<ProductTotals>(
        `SELECT ${TOTAL_COLUMNS} FROM stock WHERE ($1::uuid IS NULL OR product_id > $1::uuid)
         GROUP BY product_id ORDER BY product_id LIMIT $2`,
        [afterProductId, limit],
      );
      return rows;
    },

    async visibleMovements(ids: readonly number[]): Promise<Set<number>> {
      if (ids.length === 0) return new Set();
      const { rows } = await db.query<{ id: number }>(`SELECT id FROM stock_movements WHERE id = ANY($1::bigint[])`, [
        [...ids],
      ]);
      return new Set(rows.map((r) => Number(r.id)));
    },

    async warehouseExists(warehouseId: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM warehouses WHERE id = $1`, [warehouseId]);
      return rows.length > 0;
    },

    async upsertWarehouse(warehouseId: string, name: string): Promise<void> {
      await db.query(
        `INSERT INTO warehouses (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
        [warehouseId, name],
      );
    },
  };
}

export type StockSql = ReturnType<typeof stockSql>;
