// Builds the cart's Fastify app: the platform's HTTP app plus the customer cart routes and the service checkout.
import {
  createHttpApp,
  type HttpApp,
  type KeyValueStore,
  type Logger,
  type ServiceAuth,
  type ServiceMetrics,
  type Sql,
} from '@techcorp/platform';
import type { CartCommands } from './cart/cart.commands.ts';
import { cartRoutes } from './cart/cart.routes.ts';
import type { CartStore } from './cart/cart.store.ts';
import { checkoutRoutes } from './checkout/checkout.routes.ts';
import { pingDatabase } from './checkout/checkout.sql.ts';

/** The largest valid request is a few hundred bytes; anything far beyond is abuse. */
const BODY_LIMIT = 16 * 1024;

export interface CartAppDeps {
  logger: Logger;
  sql: Sql;
  kv: KeyValueStore;
  auth: ServiceAuth;
  metrics: ServiceMetrics;
  store: CartStore;
  commands: CartCommands;
  onCheckout: () => void;
}

export async function buildCartApp(deps: CartAppDeps): Promise<HttpApp> {
  const { logger, sql, kv, auth, metrics, store, commands, onCheckout } = deps;
  const app = createHttpApp({
    name: 'cart',
    logger,
    metrics,
    bodyLimit: BODY_LIMIT,
    readiness: async () => {
      await Promise.all([kv.ping(), pingDatabase(sql)]);
    },
  });
  await app.register(cartRoutes, { auth, commands });
  await app.register(checkoutRoutes, { auth, sql, store, onCheckout });
  return app;
}
