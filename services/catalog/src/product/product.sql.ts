// Every statement on the products table; plain async functions over whichever executor the caller holds.
import type { SqlExecutor } from '@techcorp/platform';
import { type Cursor, PRODUCT_FIELDS, type Product, type ProductFields, type ProductPatch } from './product.policy.ts';

// Timestamps leave the database as text with microseconds: a JS Date would drop them and break keyset cursors.
const TS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
// price is BIGINT, which drivers return as string or bigint; text keeps both adapters alike.
const COLUMNS = `id, sku, title, description, price::text AS price, currency, category, brand, status, version,
  to_char(created_at AT TIME ZONE 'UTC', ${TS}) AS created_at, to_char(updated_at AT TIME ZONE 'UTC', ${TS}) AS updated_at`;

interface ProductRow {
  id: string;
  sku: string;
  title: string;
  description: string;
  price: string;
  currency: string;
  category: string;
  brand: string;
  status: Product['status'];
  version: number;
  created_at: string;
  updated_at: string;
}

const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  sku: row.sku,
  title: row.title,
  description: row.description,
  price: Number(row.price),
  currency: row.currency,
  category: row.category,
  brand: row.brand,
  status: row.status,
  version: Number(row.version),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface ProductListQuery {
  /** Rows to fetch (the caller asks one more than a page to know whether another follows). */
  limit: number;
  after?: Cursor;
  category?: string;
  brand?: string;
  ids?: readonly string[];
  includeArchived: boolean;
}

/** Thrown when a write would give a second product the same sku. */
export class DuplicateSkuError extends Error {
  override readonly name = 'DuplicateSkuError';
}

export interface ProductRepository {
  insert(tx: SqlExecutor, id: string, fields: ProductFields): Promise<Product>;
  findById(db: SqlExecutor, id: string): Promise<Product | null>;
  /** Reads and row-locks a product for the rest of the transaction. */
  lockById(tx: SqlExecutor, id: string): Promise<Product | null>;
  /** Writes the given fields and bumps the version; the product must be locked by the caller. */
  update(tx: SqlExecutor, id: string, patch: ProductPatch): Promise<Product>;
  list(db: SqlExecutor, query: ProductListQuery): Promise<Product[]>;
}

export function createProductRepository(): ProductRepository {
  return {
    async insert(tx, id, fields) {
      const values = PRODUCT_FIELDS.map((field) => fields[field]);
      const placeholders = PRODUCT_FIELDS.map((_, i) => `$${i + 2}`).join(', ');
      const result = await translateDuplicateSku(() =>
        tx.query<ProductRow>(
          `INSERT INTO products (id, ${PRODUCT_FIELDS.join(', ')}) VALUES ($1, ${placeholders}) RETURNING ${COLUMNS}`,
          [id, ...values],
        ),
      );
      return toProduct(result.rows[0]!);
    },

    async findById(db, id) {
      const result = await db.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id]);
      return result.rows[0] ? toProduct(result.rows[0]) : null;
    },

    async lockById(tx, id) {
      const result = await tx.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1 FOR UPDATE`, [id]);
      return result.rows[0] ? toProduct(result.rows[0]) : null;
    },

    async update(tx, id, patch) {
      // Column names come from the fixed field list, never from the request.
      const fields = PRODUCT_FIELDS.filter((field) => patch[field] !== undefined);
      const assignments = fields.map((field, i) => `${field} = $${i + 2}`);
      const result = await translateDuplicateSku(() =>
        tx.query<ProductRow>(
          `UPDATE products SET ${[...assignments, 'version = version + 1', 'updated_at = clock_timestamp()'].join(', ')}
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, ...fields.map((field) => patch[field])],
        ),
      );
      return toProduct(result.rows[0]!);
    },

    async list(db, query) {
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const where: string[] = [];
      if (!query.includeArchived) where.push(`status = 'ACTIVE'`);
      if (query.category !== undefined) where.push(`category = ${param(query.category)}`);
      if (query.brand !== undefined) where.push(`brand = ${param(query.brand)}`);
      // One text parameter split in SQL, so both adapters bind it the same way.
      if (query.ids !== undefined) where.push(`id = ANY (string_to_array(${param(query.ids.join(','))}, ',')::uuid[])`);
      if (query.after !== undefined)
        where.push(`(created_at, id) > (${param(query.after.createdAt)}::timestamptz, ${param(query.after.id)}::uuid)`);
      const result = await db.query<ProductRow>(
        `SELECT ${COLUMNS} FROM products ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at, id LIMIT ${param(query.limit)}`,
        params,
      );
      return result.rows.map(toProduct);
    },
  };
}

async function translateDuplicateSku<T>(statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    if (isUniqueViolation(error, 'products_sku_key')) throw new DuplicateSkuError('sku already in use');
    throw error;
  }
}

/** SQLSTATE 23505 on the named constraint, looked for on the error and on whatever an adapter wrapped. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Object; depth++, e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === '23505' && (name === constraint || (typeof message === 'string' && message.includes(constraint))))
      return true;
  }
  return false;
}
