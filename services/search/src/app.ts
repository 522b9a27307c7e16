// Builds search's Fastify app: the platform's HTTP app plus the search and reindex route plugins; no listen.
import {
  createHttpApp,
  type HttpApp,
  type Logger,
  type ServiceAuth,
  type ServiceMetrics,
  type Sql,
} from '@techcorp/platform';
import type { SearchEngine } from './engine/search-engine.ts';
import { pingDatabase } from './health.sql.ts';
import { reindexRoutes } from './reindex/reindex.routes.ts';
import type { ReindexRunner } from './reindex/reindex.runner.ts';
import type { QueryCache } from './search/query-cache.ts';
import { searchRoutes } from './search/search.routes.ts';

export interface SearchAppDeps {
  logger: Logger;
  sql: Sql;
  auth: ServiceAuth;
  metrics: ServiceMetrics;
  engine: SearchEngine;
  cache: QueryCache;
  reindex: ReindexRunner;
}

export async function buildSearchApp(deps: SearchAppDeps): Promise<HttpApp> {
  const { logger, sql, auth, metrics, engine, cache, reindex } = deps;
  // Readiness is the database only: without the cache, search still answers (from SQL).
  const app = createHttpApp({
    name: 'search',
    logger,
    metrics,
    readiness: () => pingDatabase(sql),
  });
  await app.register(searchRoutes, { engine, cache });
  await app.register(reindexRoutes, { reindex, auth });
  return app;
}
