// Builds order-query's Fastify app: the platform's HTTP app plus the query and rebuild route plugins; no listen.
import {
  createHttpApp,
  type HttpApp,
  type Logger,
  type ServiceAuth,
  type ServiceMetrics,
  type Sql,
} from '@techcorp/platform';
import { queryRoutes } from './queries/order-query.routes.ts';
import { pingDatabase } from './queries/order-query.sql.ts';
import type { QueryCache } from './queries/query-cache.ts';
import { rebuildRoutes } from './rebuild/rebuild.routes.ts';
import type { RebuildRunner } from './rebuild/rebuild.runner.ts';

export interface OrderQueryAppDeps {
  logger: Logger;
  sql: Sql;
  auth: ServiceAuth;
  metrics: ServiceMetrics;
  cache: QueryCache;
  rebuild: RebuildRunner;
  waitTimeoutMs: number;
}

export async function buildOrderQueryApp(deps: OrderQueryAppDeps): Promise<HttpApp> {
  const { logger, sql, auth, metrics, cache, rebuild, waitTimeoutMs } = deps;
  // Readiness is the database only: without the cache the service still answers (from SQL).
  const app = createHttpApp({ name: 'order-query', logger, metrics, readiness: () => pingDatabase(sql) });
  await app.register(queryRoutes, { sql, auth, cache, waitTimeoutMs });
  await app.register(rebuildRoutes, { rebuild, auth });
  return app;
}
