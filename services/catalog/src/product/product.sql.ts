// Every statement on the products table the product API runs; plain async functions over whichever executor the caller holds.
import type { SqlExecutor } from '@techcorp/platform';
import { FOREIGN_KEY_VIOLATION, isViolation, UNIQUE_VIOLATION } from '../sql-errors.ts';
import {
  FIELD_NAMES,
  PRODUCT_FIELDS,
  type Product,
  type ProductField,
  type ProductFields,
  type ProductPatch,
} from './product.model.ts';
import type { Cursor } from './product.policy.ts';

// Timestamps leave the database as text with microseconds: a JS Date would drop them and break keyset cursors.
const TS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
// Prices are BIGINT, which drivers return as string or bigint; text keeps both adapters alike.
export const PRODUCT_COLUMNS = `id, sku, title, description, price::text AS price, original_price::text AS original_price,
  currency, category, brand, attributes, images, popularity_score, in_stock, status, version,
  to_char(created_at AT TIME ZONE 'UTC', ${TS}) AS created_at, to_char(updated_at AT TIME ZONE 'UTC', ${TS}) AS updated_at`;

/** JSON documents go in as text cast to jsonb: a driver would turn a JS array into a PostgreSQL array. */
const JSON_FIELDS: ReadonlySet<ProductField> = new Set(['attributes', 'images']);
const placeholder = (field: ProductField, n: number) => (JSON_FIELDS.has(field) ? `$${n}::jsonb` : `$${n}`);
const encode = (field: ProductField, value: unknown) => (JSON_FIELDS.has(field) ? JSON.stringify(value) : value);

export interface ProductRow {
  id: string;
  sku: string;
  title: string;
  description: string;
  price: string;
  original_price: string | null;
  currency: string;
  category: string;
  brand: string;
  attributes: Product['attributes'];
  images: Product['images'];
  popularity_score: number | string;
  in_stock: boolean;
  status: Product['status'];
  version: number;
  created_at: string;
  updated_at: string;
}

export const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  sku: row.sku,
  title: row.title,
  description: row.description,
  price: Number(row.price),
  originalPrice: row.original_price === null ? null : Number(row.original_price),
  currency: row.currency,
  category: row.category,
  brand: row.brand,
  // JSONB orders keys by length; alphabetical reads better and stays stable.
  attributes: Object.fromEntries(Object.entries(row.attributes).sort(([a], [b]) => (a < b ? -1 : 1))),
  images: row.images,
  popularityScore: Number(row.popularity_score),
  inStock: row.in_stock,
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

/** Thrown when a write names a category or brand that is not there (deleted since it was checked). */
export class MissingReferenceError extends Error {
  override readonly name = 'MissingReferenceError';
  readonly field: 'category' | 'brand';
  constructor(field: 'category' | 'brand') {
    super(`${field} does not exist`);
    this.field = field;
  }
}

export interface ProductRepository {
  insert(tx: SqlExecutor, id: string, fields: ProductFields): Promise<Product>;
  findById(db: SqlExecutor, id: string): Promise<Product | null>;
  /** Reads and row-locks a product for the rest of the transaction. */
  lockById(tx: SqlExecutor, id: string): Promise<Product | null>;
  /** Writes the given fields and bumps the version; the product must be locked by the caller. */
  update(tx: SqlExecutor, id: string, patch: ProductPatch): Promise<Product>;
  list(db: SqlExecutor, query: ProductListQuery): Promise<Product[]>;
  /** Which of the named category and brand do not exist (the foreign keys still guard against a later delete). */
  missingReferences(db: SqlExecutor, refs: { category?: string; brand?: string }): Promise<('category' | 'brand')[]>;
}

export function createProductRepository(): ProductRepository {
  return {
    async insert(tx, id, fields) {
      const values = PRODUCT_FIELDS.map((field) => encode(field, fields[field]));
      const columns = PRODUCT_FIELDS.map((field) => FIELD_NAMES[field]).join(', ');
      const placeholders = PRODUCT_FIELDS.map((field, i) => placeholder(field, i + 2)).join(', ');
      const result = await translateConstraints(() =>
        tx.query<ProductRow>(
          `INSERT INTO products (id, ${columns}) VALUES ($1, ${placeholders}) RETURNING ${PRODUCT_COLUMNS}`,
          [id, ...values],
        ),
      );
      return toProduct(result.rows[0]!);
    },

    async findById(db, id) {
      const result = await db.query<ProductRow>(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = $1`, [id]);
      return result.rows[0] ? toProduct(result.rows[0]) : null;
    },

    async lockById(tx, id) {
      const result = await tx.query<ProductRow>(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = $1 FOR UPDATE`, [
        id,
      ]);
      return result.rows[0] ? toProduct(result.rows[0]) : null;
    },

    async update(tx, id, patch) {
      // Column names come from the fixed field list, never from the request.
      const fields = PRODUCT_FIELDS.filter((field) => patch[field] !== undefined);
      const assignments = fields.map((field, i) => `${FIELD_NAMES[field]} = ${placeholder(field, i + 2)}`);
      const result = await translateConstraints(() =>
        tx.query<ProductRow>(
          `UPDATE products SET ${[...assignments, 'version = version + 1', 'updated_at = clock_timestamp()'].join(', ')}
           WHERE id = $1 RETURNING ${PRODUCT_COLUMNS}`,
          [id, ...fields.map((field) => encode(field, patch[field]))],
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
        `SELECT ${PRODUCT_COLUMNS} FROM products ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at, id LIMIT ${param(query.limit)}`,
        params,
      );
      return result.rows.map(toProduct);
    },

    async missingReferences(db, { category, brand }) {
      if (category === undefined && brand === undefined) return [];
      const { rows } = await db.query<{ category: boolean; brand: boolean }>(
        `SELECT ($1::text IS NULL OR EXISTS (SELECT 1 FROM categories WHERE slug = $1)) AS category,
                ($2::text IS NULL OR EXISTS (SELECT 1 FROM brands WHERE slug = $2)) AS brand`,
        [category ?? null, brand ?? null],
      );
      const found = rows[0]!;
      return (['category', 'brand'] as const).filter((field) => !found[field]);
    },
  };
}

async function translateConstraints<T>(statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    if (isViolation(error, UNIQUE_VIOLATION, 'products_sku_key')) throw new DuplicateSkuError('sku already in use');
    if (isViolation(error, FOREIGN_KEY_VIOLATION, 'products_category_fkey'))
      throw new MissingReferenceError('category');
    if (isViolation(error, FOREIGN_KEY_VIOLATION, 'products_brand_fkey')) throw new MissingReferenceError('brand');
    throw error;
  }
}
