// Statements for the stock consumer: lock a product with its stock bookkeeping, record an applied stock event.
import type { SqlExecutor } from '@techcorp/platform';
import type { Product } from '../product/product.model.ts';
import { PRODUCT_COLUMNS, type ProductRow, toProduct } from '../product/product.sql.ts';

export interface LockedStock {
  product: Product;
  /** The product's last applied stock event occurred after this one. */
  stale: boolean;
}

export interface StockRepository {
  /** Row-locks the product and compares the event time with the last applied one; null for an unknown product. */
  lock(tx: SqlExecutor, productId: string, occurredAt: string): Promise<LockedStock | null>;
  /** Records the event as the latest applied one without changing the product (no version, no updated_at). */
  touch(tx: SqlExecutor, productId: string, occurredAt: string): Promise<void>;
  /** Sets in_stock, records the event time and bumps the version. */
  flip(tx: SqlExecutor, productId: string, inStock: boolean, occurredAt: string): Promise<Product>;
}

export function createStockRepository(): StockRepository {
  return {
    async lock(tx, productId, occurredAt) {
      // Compared in SQL: timestamptz keeps the microseconds a JavaScript Date would drop.
      const { rows } = await tx.query<ProductRow & { stale: boolean }>(
        `SELECT ${PRODUCT_COLUMNS}, (stock_changed_at IS NOT NULL AND stock_changed_at > $2::timestamptz) AS stale
         FROM products WHERE id = $1 FOR UPDATE`,
        [productId, occurredAt],
      );
      const row = rows[0];
      return row ? { product: toProduct(row), stale: row.stale } : null;
    },

    async touch(tx, productId, occurredAt) {
      await tx.query(`UPDATE products SET stock_changed_at = $2::timestamptz WHERE id = $1`, [productId, occurredAt]);
    },

    async flip(tx, productId, inStock, occurredAt) {
      const { rows } = await tx.query<ProductRow>(
        `UPDATE products SET in_stock = $2, stock_changed_at = $3::timestamptz, version = version + 1,
           updated_at = clock_timestamp()
         WHERE id = $1 RETURNING ${PRODUCT_COLUMNS}`,
        [productId, inStock, occurredAt],
      );
      return toProduct(rows[0]!);
    },
  };
}
