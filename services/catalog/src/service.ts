// The catalog service module: products with their prices, categories and brands, stock flags that follow inventory.
import {
  createServiceAuth,
  createServiceMetrics,
  mountDeadLetters,
  type OutboxRelay,
  SERVICE_PORTS,
  type ServiceDeps,
  type ServiceHandle,
  type ServiceModule,
  type Subscription,
  startConsumer,
  startOutboxRelay,
} from '@techcorp/platform';
import { buildCatalogApp } from './app.ts';
import type { WriteOutcome } from './product/product.commands.ts';
import { STOCK_QUEUE, stockHandlers } from './stock/stock.handlers.ts';
import { createStockRepository } from './stock/stock.sql.ts';

export const catalogService: ServiceModule = {
  name: 'catalog',
  defaultPort: SERVICE_PORTS.catalog,
  migrationsDir: new URL('./migrations/', import.meta.url),

  async create({ logger, sql, bus, env, urls }: ServiceDeps): Promise<ServiceHandle> {
    const metrics = createServiceMetrics('catalog');
    const writes = metrics.counter('catalog_product_writes_total', 'Product writes by outcome', ['outcome']);
    // Writes before start() stay in the outbox; the relay publishes them once it runs.
    let relay: OutboxRelay | undefined;
    const afterCommit = (outcome: WriteOutcome) => {
      writes.inc({ outcome });
      if (outcome !== 'unchanged') relay?.nudge();
    };
    const auth = createServiceAuth({ env, urls });
    const app = await buildCatalogApp({ logger, sql, auth, metrics, afterCommit });
    await mountDeadLetters({ app, metrics, bus, queues: [STOCK_QUEUE], auth });
    const handlers = stockHandlers({
      stock: createStockRepository(),
      logger,
      events: metrics.counter('catalog_stock_events_total', 'inventory.stock_changed by outcome', ['outcome']),
    });
    let consumer: Subscription | undefined;

    return {
      name: 'catalog',
      app,
      async start() {
        relay ??= startOutboxRelay({ sql, bus, logger });
        consumer ??= await startConsumer({
          sql,
          bus,
          logger,
          consumer: STOCK_QUEUE,
          queue: STOCK_QUEUE,
          handlers,
          relay,
        });
      },
      async stop() {
        await app.close();
        await consumer?.close();
        consumer = undefined;
        await relay?.stop();
        relay = undefined;
      },
    };
  },
};
