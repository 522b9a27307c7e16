// Loads one keyset page of orders with their items, as the API shows them.
import { type SqlExecutor, validationError } from '@techcorp/platform';
import { type Cursor, type Direction, decodeCursor, paginate, type SortKey } from './order-query.policy.ts';
import type { OrderPage, OrderView } from './order-query.schemas.ts';
import { type ItemRecord, listItems, listOrders, type OrderFilters, type OrderRecord } from './order-query.sql.ts';

export interface PageParams {
  sort?: SortKey;
  direction?: Direction;
  limit?: number;
  cursor?: string;
}

export interface ResolvedPage {
  sort: SortKey;
  direction: Direction;
  limit: number;
  after?: Cursor;
}

/** Defaults applied and the cursor checked; throws a 400 naming `cursor` for one this service did not issue. */
export function resolvePage(params: PageParams): ResolvedPage {
  const sort = params.sort ?? 'created_at';
  const direction = params.direction ?? 'desc';
  const limit = params.limit ?? 20;
  if (params.cursor === undefined) return { sort, direction, limit };
  const after = decodeCursor(params.cursor, sort, direction);
  if (!after)
    throw validationError('invalid cursor', [
      { field: 'cursor', message: 'is not a cursor this service issued for this sort and direction' },
    ]);
  return { sort, direction, limit, after };
}

export async function loadOrderPage(db: SqlExecutor, filters: OrderFilters, page: ResolvedPage): Promise<OrderPage> {
  const rows = await listOrders(db, filters, { ...page, limit: page.limit + 1 });
  const cut = paginate(
    rows,
    page.limit,
    (last) => ({ value: page.sort === 'total' ? String(last.total_amount) : last.created_key, orderId: last.order_id }),
    page.sort,
    page.direction,
  );
  const items = await listItems(
    db,
    cut.items.map((r) => r.order_id),
  );
  const byOrder = new Map<string, ItemRecord[]>();
  for (const item of items) byOrder.set(item.order_id, [...(byOrder.get(item.order_id) ?? []), item]);
  return { items: cut.items.map((r) => toOrderView(r, byOrder.get(r.order_id) ?? [])), next_cursor: cut.nextCursor };
}

export function toOrderView(row: OrderRecord, items: readonly ItemRecord[]): OrderView {
  return {
    order_id: row.order_id,
    order_number: row.order_number,
    customer_id: row.customer_id,
    status: row.status,
    failure_reason: row.failure_reason,
    total: row.total_amount,
    currency: row.currency,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
    items: items.map((i) => ({
      product_id: i.product_id,
      product_name: i.product_name,
      sku: i.sku,
      quantity: i.quantity,
      price: i.price,
      line_total: i.line_total,
    })),
  };
}
