// The orders service: event-sourced orders and the orchestrated checkout saga (DESIGN.md "The order saga").
import {
  clientCredentialsFromEnv,
  createServiceAuth,
  createServiceMetrics,
  enqueueOutbox,
  mountDeadLetters,
  pendingOutboxCount,
  SERVICE_PORTS,
  type ServiceModule,
  serviceUrl,
  startConsumer,
  startOutboxRelay,
} from '@techcorp/platform';
import { buildOrdersApp } from './app.ts';
import type { Saga } from './checkout-saga/checkout.types.ts';
import { SAGA_QUEUE, sagaHandlers } from './checkout-saga/saga.handlers.ts';
import { countSagasByState } from './checkout-saga/saga.sql.ts';
import { startSagaSweeper } from './checkout-saga/saga.sweeper.ts';
import type { SagaRunnerConfig } from './checkout-saga/saga-runner.ts';
import { ordersConfig } from './config.ts';
import { createAddressBook } from './order/address-book.client.ts';
import { createCartCheckout } from './order/cart.client.ts';
import { createCatalogClient } from './order/catalog.client.ts';

export const ordersService: ServiceModule = {
  name: 'orders',
  defaultPort: SERVICE_PORTS.orders,
  migrationsDir: new URL('./migrations/', import.meta.url),

  async create({ logger, sql, bus, urls, env }) {
    const config = ordersConfig(env);
    const metrics = createServiceMetrics('orders');
    const placed = metrics.counter('orders_placed_total', 'Orders accepted by POST /api/orders');
    const transitions = metrics.counter('saga_transitions_total', 'Checkout saga state changes', ['state']);
    metrics.gauge('outbox_pending', 'Outbox rows not yet published', [], async (g) => {
      g.set(await pendingOutboxCount(sql));
    });
    metrics.gauge('sagas', 'Checkout sagas by state', ['state'], async (g) => {
      for (const row of await countSagasByState(sql)) g.set({ state: row.state }, row.count);
    });

    const relay = startOutboxRelay({ sql, bus, logger });
    const saga: SagaRunnerConfig = {
      policy: config.policy,
      reservationTtlSeconds: config.reservationTtlSeconds,
      enqueueOutbox,
      onTransition: (before: Saga | null, after: Saga) => {
        if (before?.state !== after.state) transitions.inc({ state: after.state });
      },
    };
    const catalog = createCatalogClient(urls.catalog ?? 'http://127.0.0.1:8087');
    const auth = createServiceAuth({ env, urls });
    const serviceUrlOf = (name: 'auth' | 'users' | 'cart') => () => urls[name] ?? serviceUrl(name, env);
    const tokens = clientCredentialsFromEnv(env, () => `${serviceUrlOf('auth')()}/api/auth/oauth/token`);
    const addresses = createAddressBook(serviceUrlOf('users'), tokens);
    const carts = createCartCheckout(serviceUrlOf('cart'), tokens);
    const app = await buildOrdersApp(logger, metrics, {
      sql,
      saga,
      catalog,
      addresses,
      carts,
      relay,
      config,
      auth,
      onOrderPlaced: () => placed.inc(),
    });
    await mountDeadLetters({ app, metrics, bus, queues: [SAGA_QUEUE], auth });

    let stopConsumer: (() => Promise<void>) | null = null;
    let sweeper: ReturnType<typeof startSagaSweeper> | null = null;
    return {
      name: 'orders',
      app,
      async start() {
        const subscription = await startConsumer({
          sql,
          bus,
          logger,
          consumer: SAGA_QUEUE,
          queue: SAGA_QUEUE,
          handlers: sagaHandlers(saga),
          relay,
        });
        stopConsumer = () => subscription.close();
        sweeper = startSagaSweeper({ sql, config: saga, logger, relay, intervalMs: config.sweepIntervalMs });
      },
      async stop() {
        await app.close();
        await stopConsumer?.();
        await sweeper?.stop();
        await relay.stop();
      },
    };
  },
};
