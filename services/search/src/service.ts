// The search service module: the product index on PostgreSQL full-text search, fed by product.updated, with a
// cached public search API, autocomplete and an admin full reindex from catalog.
import {
  createAfterCommit,
  createServiceAuth,
  createServiceMetrics,
  mountDeadLetters,
  SERVICE_PORTS,
  type ServiceDeps,
  type ServiceHandle,
  type ServiceModule,
  type Subscription,
  startConsumer,
} from '@techcorp/platform';
import { buildSearchApp } from './app.ts';
import { createSearchCore } from './core.ts';
import { createCatalogPrefetch } from './indexing/catalog-prefetch.ts';
import { PRODUCT_QUEUE, productEventHandlers } from './indexing/product-events.handlers.ts';
import { startUpkeepLoop, type UpkeepLoop } from './indexing/upkeep-loop.ts';
import type { ReindexRunner } from './reindex/reindex.runner.ts';

export interface SearchHandle extends ServiceHandle {
  readonly reindex: ReindexRunner;
}

const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export async function createSearchService(deps: ServiceDeps): Promise<SearchHandle> {
  const { logger, sql, bus, kv, env, urls } = deps;
  const auth = createServiceAuth({ env, urls });
  const metrics = createServiceMetrics('search');
  const { config, engine, cache, catalog, reindex } = createSearchCore({ sql, kv, logger, env, urls, metrics });

  const lag = metrics.histogram('search_index_lag_seconds', 'Event occurredAt to indexed_at', [], LAG_BUCKETS);
  const lastLag = metrics.gauge('search_index_last_lag_seconds', 'Index lag of the last indexed change');
  metrics.gauge('search_documents', 'Indexed documents by status', ['status'], async (gauge) => {
    gauge.reset();
    for (const [status, count] of Object.entries(await engine.countByStatus())) gauge.set({ status }, count);
  });
  // Each indexed change records its lag; once its transaction committed, the metrics and the cache learn of it.
  const afterCommit = createAfterCommit<number>((lags) => {
    for (const seconds of lags) {
      lag.observe(seconds);
      lastLag.set(seconds);
    }
    void cache.invalidate();
  });
  const prefetch = createCatalogPrefetch(catalog);
  const handlers = productEventHandlers({
    engine,
    prefetch,
    afterCommit,
    indexed: metrics.counter('search_indexed_total', 'product.updated messages by outcome', ['outcome']),
  });

  const app = await buildSearchApp({ logger, sql, auth, metrics, engine, cache, reindex });
  await mountDeadLetters({ app, metrics, bus, queues: [PRODUCT_QUEUE], auth });
  let consumer: Subscription | null = null;
  const upkeepDone = metrics.counter('search_index_upkeep_total', 'ANALYZE / VACUUM runs of the index tables', [
    'table',
    'kind',
  ]);
  let upkeep: UpkeepLoop | null = null;

  return {
    name: 'search',
    app,
    reindex,
    async start() {
      consumer ??= await startConsumer({
        sql,
        bus: prefetch.wrap(bus),
        logger,
        consumer: PRODUCT_QUEUE,
        queue: PRODUCT_QUEUE,
        handlers,
        relay: afterCommit.relay,
      });
      if (config.upkeepIntervalMs > 0)
        upkeep ??= startUpkeepLoop({
          engine,
          logger,
          intervalMs: config.upkeepIntervalMs,
          onDone: (action) => upkeepDone.inc({ table: action.table, kind: action.kind }),
        });
    },
    async stop() {
      await app.close();
      await consumer?.close();
      consumer = null;
      await upkeep?.stop();
      upkeep = null;
      await reindex.stop();
    },
  };
}

export const searchService = {
  name: 'search',
  defaultPort: SERVICE_PORTS.search,
  migrationsDir: new URL('./migrations/', import.meta.url),
  create: createSearchService,
} satisfies ServiceModule;
