// The cart service module: carts in the key-value store checked against catalog and inventory, checkout snapshots
// in PostgreSQL, and the order.created consumer that empties a checked-out cart.
import {
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
import { buildCartApp } from './app.ts';
import { createCartCommands } from './cart/cart.commands.ts';
import { createCartStore } from './cart/cart.store.ts';
import { ORDER_EVENTS_QUEUE, orderEventHandlers } from './checkout/order-events.handlers.ts';
import { createCatalogClient } from './clients/catalog.client.ts';
import { createInventoryClient } from './clients/inventory.client.ts';
import { cartConfig } from './config.ts';

export async function createCartService(deps: ServiceDeps): Promise<ServiceHandle> {
  const { logger, sql, bus, kv, env, urls } = deps;
  const config = cartConfig(env);
  const auth = createServiceAuth({ env, urls });
  const metrics = createServiceMetrics('cart');
  const changes = metrics.counter('cart_changes_total', 'Cart changes applied, by operation', ['operation']);
  const conflicts = metrics.counter('cart_write_conflicts_total', 'Cart writes retried after a concurrent change');
  const checkouts = metrics.counter('cart_checkouts_total', 'Checkout snapshots answered');
  const emptied = metrics.counter('cart_emptied_after_order_total', 'Carts emptied by order.created');
  const now = () => new Date().toISOString();

  const store = createCartStore({
    kv,
    userTtlMs: config.userTtlMs,
    guestTtlMs: config.guestTtlMs,
    now,
    onConflict: () => conflicts.inc(),
  });
  // Read at each call: in the embedded runner the other services may bind after this one is created.
  const catalog = createCatalogClient(() => urls.catalog ?? serviceUrl('catalog', env), config.upstreamTimeoutMs);
  const inventory = createInventoryClient(
    () => urls.inventory ?? serviceUrl('inventory', env),
    config.upstreamTimeoutMs,
  );
  const commands = createCartCommands({
    store,
    catalog,
    inventory,
    now,
    onChange: (operation) => changes.inc({ operation }),
  });
  const app = await buildCartApp({
    logger,
    sql,
    kv,
    auth,
    metrics,
    store,
    commands,
    onCheckout: () => checkouts.inc(),
  });
  await mountDeadLetters({ app, metrics, bus, queues: [ORDER_EVENTS_QUEUE], auth });
  let consumer: Subscription | null = null;

  return {
    name: 'cart',
    app,
    async start() {
      consumer ??= await startConsumer({
        sql,
        bus,
        logger,
        consumer: ORDER_EVENTS_QUEUE,
        queue: ORDER_EVENTS_QUEUE,
        handlers: orderEventHandlers({ store, logger, now, onEmptied: () => emptied.inc() }),
      });
    },
    async stop() {
      await app.close();
      await consumer?.close();
      consumer = null;
    },
  };
}

export const cartService = {
  name: 'cart',
  defaultPort: SERVICE_PORTS.cart,
  migrationsDir: new URL('./migrations/', import.meta.url),
  create: createCartService,
} satisfies ServiceModule;
