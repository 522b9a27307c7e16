// The orders HTTP app: platform app (errors, health, metrics) plus the order routes; no listen here.
import { createHttpApp, type Logger, type ServiceMetrics } from '@techcorp/platform';
import { type OrderRoutesDeps, orderRoutes } from './order/order.routes.ts';
import { orderAdminRoutes } from './order/order-admin.routes.ts';

export async function buildOrdersApp(logger: Logger, metrics: ServiceMetrics, routes: OrderRoutesDeps) {
  const app = createHttpApp({
    name: 'orders',
    logger,
    metrics,
    readiness: async () => {
      await routes.sql.query('SELECT 1');
    },
  });
  await app.register(orderRoutes, routes);
  await app.register(orderAdminRoutes, { sql: routes.sql, auth: routes.auth });
  return app;
}
