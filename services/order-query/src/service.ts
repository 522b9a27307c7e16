// The order-query service (CQRS read side): order read models projected from order.* events, cached queries,
// read-your-writes, and a rebuild from the orders event store.
import {
  clientCredentialsFromEnv,
  createAfterCommit,
  createServiceAuth,
  createServiceMetrics,
  mountDeadLetters,
  SERVICE_PORTS,
  type ServiceDeps,
  type ServiceHandle,
  type ServiceModule,
  type Subscription,
  serviceUrl,
  startConsumer,
} from '@techcorp/platform';
import { buildOrderQueryApp } from './app.ts';
import { orderQueryConfig } from './config.ts';
import { PROJECTION_QUEUE, projectionHandlers } from './projection/projection.handlers.ts';
import { createQueryCache } from './queries/query-cache.ts';
import { createRebuildRunner, type RebuildRunner } from './rebuild/rebuild.runner.ts';
import { createReplayFeed } from './rebuild/replay-feed.client.ts';

export interface OrderQueryHandle extends ServiceHandle {
  readonly rebuild: RebuildRunner;
}

const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export async function createOrderQueryService(deps: ServiceDeps): Promise<OrderQueryHandle> {
  const { logger, sql, bus, kv, urls, env } = deps;
  const config = orderQueryConfig(env);
  const auth = createServiceAuth({ env, urls });
  const metrics = createServiceMetrics('order-query');
  const cache = createQueryCache({
    kv,
    logger,
    ttlMs: config.cacheTtlMs,
    lookups: metrics.counter('order_query_cache_lookups_total', 'Query cache lookups by result', ['kind', 'result']),
  });
  const afterCommit = createAfterCommit<string>((customerIds) => void cache.invalidate(customerIds));
  const handlers = projectionHandlers({
    afterCommit,
    lag: metrics.histogram(
      'order_query_projection_lag_seconds',
      'Event occurredAt to projection',
      ['type'],
      LAG_BUCKETS,
    ),
    projected: metrics.counter('order_query_projected_total', 'Order events projected by outcome', ['type', 'outcome']),
  });
  const rebuild = createRebuildRunner({
    sql,
    logger,
    feed: createReplayFeed({
      baseUrl: () => urls.orders ?? serviceUrl('orders', env),
      tokens: clientCredentialsFromEnv(env, () => `${urls.auth ?? serviceUrl('auth', env)}/api/auth/oauth/token`),
      pageSize: config.rebuildPageSize,
    }),
    leaseMs: config.rebuildLeaseMs,
    onSwapped: () => cache.invalidateAll(),
  });
  const app = await buildOrderQueryApp({
    logger,
    sql,
    auth,
    metrics,
    cache,
    rebuild,
    waitTimeoutMs: config.waitTimeoutMs,
  });
  await mountDeadLetters({ app, metrics, bus, queues: [PROJECTION_QUEUE], auth });
  let consumer: Subscription | null = null;

  return {
    name: 'order-query',
    app,
    rebuild,
    async start() {
      consumer ??= await startConsumer({
        sql,
        bus,
        logger,
        consumer: PROJECTION_QUEUE,
        queue: PROJECTION_QUEUE,
        handlers,
        relay: afterCommit.relay,
      });
    },
    async stop() {
      await app.close();
      await consumer?.close();
      consumer = null;
      await rebuild.stop();
    },
  };
}

export const orderQueryService = {
  name: 'order-query',
  defaultPort: SERVICE_PORTS['order-query'],
  migrationsDir: new URL('./migrations/', import.meta.url),
  create: createOrderQueryService,
} satisfies ServiceModule;
