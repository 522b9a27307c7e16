// Read-your-writes: hold a query until the read model has caught up with a version the client already saw.
import type { SqlExecutor } from '@techcorp/platform';
import { projectedVersion } from './order-query.sql.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until the order is projected at `minVersion` or later; false when `timeoutMs` ran out first. `customerId`
 * (for a customer's request) only counts that customer's order.
 */
export async function waitForProjection(
  db: SqlExecutor,
  orderId: string,
  minVersion: number,
  timeoutMs: number,
  customerId?: string,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    if ((await projectedVersion(db, orderId, customerId)) >= minVersion) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, 100);
  }
}
