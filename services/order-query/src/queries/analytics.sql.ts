// The analytics aggregates over the live read model, for orders created in [from, to) (days in UTC).
import type { SqlExecutor } from '@techcorp/platform';
import { LIVE_TABLES } from '../projection/projection.sql.ts';
import type { OrderStatus } from './order-query.policy.ts';

const T = LIVE_TABLES;
const IN_WINDOW = 'created_at >= $1::timestamptz AND created_at < $2::timestamptz';

export interface DayRow {
  day: string;
  status: OrderStatus;
  currency: string;
  orders: number;
  revenue: number;
}

export interface AverageRow {
  currency: string;
  orders: number;
  average: number;
}

export interface ProductRow {
  product_id: string;
  product_name: string;
  currency: string;
  units: number;
  revenue: number;
}

const numbers = <R extends object>(row: R, keys: readonly (keyof R)[]): R => {
  const out = { ...row };
  for (const key of keys) out[key] = Number(row[key]) as R[keyof R];
  return out;
};

export async function ordersPerDay(db: SqlExecutor, from: string, to: string): Promise<DayRow[]> {
  const { rows } = await db.query<DayRow>(
    `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, status, currency,
       count(*) AS orders, sum(total_amount) AS revenue
     FROM ${T.orders} WHERE ${IN_WINDOW}
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [from, to],
  );
  return rows.map((r) => numbers(r, ['orders', 'revenue']));
}

export async function ordersPerStatus(
  db: SqlExecutor,
  from: string,
  to: string,
): Promise<{ status: OrderStatus; orders: number }[]> {
  const { rows } = await db.query<{ status: OrderStatus; orders: number }>(
    `SELECT status, count(*) AS orders FROM ${T.orders} WHERE ${IN_WINDOW} GROUP BY status ORDER BY status`,
    [from, to],
  );
  return rows.map((r) => numbers(r, ['orders']));
}

/** Average order value per currency (rounded to a minor unit) over orders in the given statuses. */
export async function averageOrderValue(
  db: SqlExecutor,
  from: string,
  to: string,
  statuses: readonly OrderStatus[],
): Promise<AverageRow[]> {
  const { rows } = await db.query<AverageRow>(
    `SELECT currency, count(*) AS orders, round(avg(total_amount))::bigint AS average
     FROM ${T.orders} WHERE ${IN_WINDOW} AND status = ANY (string_to_array($3, ','))
     GROUP BY currency ORDER BY currency`,
    [from, to, statuses.join(',')],
  );
  return rows.map((r) => numbers(r, ['orders', 'average']));
}

const PRODUCT_ORDER = { units: 'units DESC, revenue DESC', revenue: 'revenue DESC, units DESC' } as const;

/** Best sellers per currency over orders in the given statuses, by units sold or by revenue. */
export async function topProducts(
  db: SqlExecutor,
  window: { from: string; to: string; statuses: readonly OrderStatus[] },
  by: keyof typeof PRODUCT_ORDER,
  limit: number,
): Promise<ProductRow[]> {
  const { rows } = await db.query<ProductRow>(
    `SELECT i.product_id, max(i.product_name) AS product_name, o.currency,
       sum(i.quantity) AS units, sum(i.line_total) AS revenue
     FROM ${T.items} i JOIN ${T.orders} o ON o.order_id = i.order_id
     WHERE o.created_at >= $1::timestamptz AND o.created_at < $2::timestamptz
       AND o.status = ANY (string_to_array($3, ','))
     GROUP BY i.product_id, o.currency
     ORDER BY ${PRODUCT_ORDER[by]}, i.product_id LIMIT $4`,
    [window.from, window.to, window.statuses.join(','), limit],
  );
  return rows.map((r) => numbers(r, ['units', 'revenue']));
}
