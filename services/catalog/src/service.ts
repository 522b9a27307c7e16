// The catalog service module: products with their prices, the authority orders prices baskets from.
import {
  createServiceAuth,
  createServiceMetrics,
  type OutboxRelay,
  SERVICE_PORTS,
  type ServiceDeps,
  type ServiceHandle,
  type ServiceModule,
  startOutboxRelay,
} from '@techcorp/platform';
import { buildCatalogApp } from './app.ts';
import type { WriteOutcome } from './product/product.commands.ts';

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

    return {
      name: 'catalog',
      app,
      async start() {
        relay ??= startOutboxRelay({ sql, bus, logger });
      },
      async stop() {
        await app.close();
        await relay?.stop();
        relay = undefined;
      },
    };
  },
};
