// The parts of search the service and the reindex command share: engine, query cache, catalog client, reindex.
import {
  type Env,
  type KeyValueStore,
  type Logger,
  type ServiceMetrics,
  type Sql,
  serviceUrl,
} from '@techcorp/platform';
import { type SearchConfig, searchConfig } from './config.ts';
import { createPostgresEngine } from './engine/postgres/postgres-engine.ts';
import type { SearchEngine } from './engine/search-engine.ts';
import { type CatalogClient, createCatalogClient } from './indexing/catalog.client.ts';
import { createReindexRunner, type ReindexRunner } from './reindex/reindex.runner.ts';
import { createQueryCache, type QueryCache } from './search/query-cache.ts';

export interface SearchCoreDeps {
  sql: Sql;
  kv: KeyValueStore;
  logger: Logger;
  env: Env;
  urls: Record<string, string>;
  metrics: ServiceMetrics;
}

export interface SearchCore {
  config: SearchConfig;
  engine: SearchEngine;
  cache: QueryCache;
  catalog: CatalogClient;
  reindex: ReindexRunner;
}

export function createSearchCore(deps: SearchCoreDeps): SearchCore {
  const { sql, kv, logger, env, urls, metrics } = deps;
  const config = searchConfig(env);
  const engine = createPostgresEngine({
    sql,
    typoMinSimilarity: config.typoMinSimilarity,
    fuzzyMinSimilarity: config.fuzzyMinSimilarity,
  });
  const cache = createQueryCache({
    kv,
    logger,
    ttlMs: config.cacheTtlMs,
    lookups: metrics.counter('search_cache_lookups_total', 'Query cache lookups by endpoint and result', [
      'endpoint',
      'result',
    ]),
  });
  const catalog = createCatalogClient({
    // Read at each call: the embedded runner learns catalog's address only once catalog listens.
    baseUrl: () => urls.catalog ?? serviceUrl('catalog', env),
    timeoutMs: config.catalogTimeoutMs,
  });
  const reindex = createReindexRunner({
    sql,
    logger,
    engine,
    catalog,
    leaseMs: config.reindexLeaseMs,
    onChanged: () => cache.invalidate(),
  });
  return { config, engine, cache, catalog, reindex };
}
