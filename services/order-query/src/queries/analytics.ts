// Assembles the analytics answer: orders and revenue per day and status, average order value, best sellers, outcomes.
import type { SqlExecutor } from '@techcorp/platform';
import { averageOrderValue, ordersPerDay, ordersPerStatus, topProducts } from './analytics.sql.ts';
import { COMPLETED_STATUSES, sagaOutcomes } from './order-query.policy.ts';
import type { AnalyticsView } from './order-query.schemas.ts';

export const TOP_PRODUCTS = 10;

/**
 * Revenue per day is the sum of totals per status (so a FAILED row shows what was lost); the average order value
 * and the best sellers count completed orders only (CONFIRMED, SHIPPED, DELIVERED). Amounts never mix currencies.
 */
export async function loadAnalytics(db: SqlExecutor, window: { from: string; to: string }): Promise<AnalyticsView> {
  const { from, to } = window;
  const completed = { from, to, statuses: COMPLETED_STATUSES };
  const [perDay, perStatus, average, byUnits, byRevenue] = await Promise.all([
    ordersPerDay(db, from, to),
    ordersPerStatus(db, from, to),
    averageOrderValue(db, from, to, COMPLETED_STATUSES),
    topProducts(db, completed, 'units', TOP_PRODUCTS),
    topProducts(db, completed, 'revenue', TOP_PRODUCTS),
  ]);
  return {
    from,
    to,
    per_day: perDay,
    average_order_value: average,
    top_products: { by_units: byUnits, by_revenue: byRevenue },
    saga_outcomes: sagaOutcomes(perStatus),
  };
}
