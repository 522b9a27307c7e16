// order-query settings from the environment, checked at boot: a bad value stops the service and names the variable.
import { type Env, intFromEnv } from '@techcorp/platform';

export interface OrderQueryConfig {
  /** ORDER_QUERY_CACHE_TTL_MS: how long a cached answer may live (a projected change invalidates it sooner). */
  cacheTtlMs: number;
  /** ORDER_QUERY_WAIT_TIMEOUT_MS: the longest a for_order/min_version request waits for the projection. */
  waitTimeoutMs: number;
  /** ORDER_QUERY_REBUILD_PAGE_SIZE: orders per page of the replay feed during a rebuild. */
  rebuildPageSize: number;
  /** ORDER_QUERY_REBUILD_LEASE_MS: a rebuild without progress for this long counts as dead. */
  rebuildLeaseMs: number;
}

export function orderQueryConfig(env: Env): OrderQueryConfig {
  return {
    cacheTtlMs: intFromEnv(env, 'ORDER_QUERY_CACHE_TTL_MS', 30_000, { min: 100, max: 3_600_000 }),
    waitTimeoutMs: intFromEnv(env, 'ORDER_QUERY_WAIT_TIMEOUT_MS', 5_000, { min: 0, max: 30_000 }),
    rebuildPageSize: intFromEnv(env, 'ORDER_QUERY_REBUILD_PAGE_SIZE', 200, { min: 1, max: 500 }),
    rebuildLeaseMs: intFromEnv(env, 'ORDER_QUERY_REBUILD_LEASE_MS', 60_000, { min: 1_000, max: 3_600_000 }),
  };
}
