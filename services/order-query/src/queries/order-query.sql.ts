// Every read of the live read model: filtered keyset pages, items, the version probe and the analytics aggregates.
import type { SqlExecutor } from '@techcorp/platform';
import { LIVE_TABLES } from '../projection/projection.sql.ts';
import type { Cursor, Direction, OrderStatus, SortKey } from './order-query.policy.ts';

const T = LIVE_TABLES;
const ts = (column: string, fraction: 'MS' | 'US') =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.${fraction}"Z"')`;
// created_key keeps microseconds, so a cursor built from it lands exactly on its row.
const ORDER_COLUMNS = `order_id, order_number, customer_id, status, failure_reason, total_amount, currency, version,
  ${ts('created_at', 'MS')} AS created_at, ${ts('created_at', 'US')} AS created_key, ${ts('updated_at', 'MS')} AS updated_at`;
const SORT_COLUMN: Record<SortKey, { column: string; cast: string }> = {
  created_at: { column: 'created_at', cast: 'timestamptz' },
  total: { column: 'total_amount', cast: 'bigint' },
};

export interface OrderRecord {
  order_id: string;
  order_number: string;
  customer_id: string;
  status: OrderStatus;
  failure_reason: string | null;
  total_amount: number;
  currency: string;
  version: number;
  created_at: string;
  created_key: string;
  updated_at: string;
}

export interface ItemRecord {
  order_id: string;
  product_id: string;
  product_name: string;
  sku: string;
  quantity: number;
  price: number;
  line_total: number;
}

export interface OrderFilters {
  statuses?: readonly OrderStatus[];
  customerId?: string;
  /** Inclusive. */
  createdFrom?: string;
  /** Exclusive. */
  createdTo?: string;
  minTotal?: number;
  maxTotal?: number;
  /** A tsquery in input syntax (search-terms.ts prefixQuery). */
  tsquery?: string;
}

export interface PageQuery {
  sort: SortKey;
  direction: Direction;
  /** Rows to fetch: one more than the page, to know whether another follows. */
  limit: number;
  after?: Cursor;
}

/** Builds the page statement; pure, so its shape is unit-tested. Values are always bound, never inlined. */
export function buildListQuery(filters: OrderFilters, page: PageQuery): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filters.statuses?.length) where.push(`status = ANY (string_to_array(${bind(filters.statuses.join(','))}, ','))`);
  if (filters.customerId !== undefined) where.push(`customer_id = ${bind(filters.customerId)}`);
  if (filters.createdFrom !== undefined) where.push(`created_at >= ${bind(filters.createdFrom)}::timestamptz`);
  if (filters.createdTo !== undefined) where.push(`created_at < ${bind(filters.createdTo)}::timestamptz`);
  if (filters.minTotal !== undefined) where.push(`total_amount >= ${bind(filters.minTotal)}`);
  if (filters.maxTotal !== undefined) where.push(`total_amount <= ${bind(filters.maxTotal)}`);
  if (filters.tsquery !== undefined) where.push(`search_vector @@ ${bind(filters.tsquery)}::tsquery`);
  const { column, cast } = SORT_COLUMN[page.sort];
  const dir = page.direction === 'asc' ? 'ASC' : 'DESC';
  if (page.after) {
    const op = page.direction === 'asc' ? '>' : '<';
    where.push(`(${column}, order_id) ${op} (${bind(page.after.value)}::${cast}, ${bind(page.after.orderId)}::uuid)`);
  }
  const text = `SELECT ${ORDER_COLUMNS} FROM ${T.orders}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${column} ${dir}, order_id ${dir} LIMIT ${bind(page.limit)}`;
  return { text, params };
}

export async function listOrders(db: SqlExecutor, filters: OrderFilters, page: PageQuery): Promise<OrderRecord[]> {
  const { text, params } = buildListQuery(filters, page);
  const { rows } = await db.query<OrderRecord>(text, params);
  return rows.map((r) => ({ ...r, total_amount: Number(r.total_amount), version: Number(r.version) }));
}

/** The items of the given orders, in line order. */
export async function listItems(db: SqlExecutor, orderIds: readonly string[]): Promise<ItemRecord[]> {
  if (orderIds.length === 0) return [];
  const { rows } = await db.query<ItemRecord>(
    `SELECT order_id, product_id, product_name, sku, quantity, price, line_total FROM ${T.items}
     WHERE order_id = ANY (string_to_array($1, ',')::uuid[]) ORDER BY order_id, id`,
    [orderIds.join(',')],
  );
  return rows.map((r) => ({ ...r, price: Number(r.price), line_total: Number(r.line_total) }));
}

/**
 * The version the read model holds for an order; 0 when it is not projected yet, or (with `customerId`) when it
 * is another customer's, so waiting on someone else's order tells nothing about it.
 */
export async function projectedVersion(db: SqlExecutor, orderId: string, customerId?: string): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `SELECT version FROM ${T.orders} WHERE order_id = $1 AND ($2::text IS NULL OR customer_id = $2)`,
    [orderId, customerId ?? null],
  );
  return rows[0] ? Number(rows[0].version) : 0;
}

export async function pingDatabase(db: SqlExecutor): Promise<void> {
  await db.query('SELECT 1');
}
