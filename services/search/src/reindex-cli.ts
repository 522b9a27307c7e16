// Runs one full reindex from catalog and exits: 0 when it finished, 1 when it failed or another one is running.
// Usage: DATABASE_URL=... CATALOG_URL=... [REDIS_URL=...] node services/search/src/reindex-cli.ts
import {
  createLogger,
  createServiceMetrics,
  infraConfigFromEnv,
  type KeyValueStore,
  openKv,
  openServiceSql,
  type Sql,
} from '@techcorp/platform';
import { createSearchCore } from './core.ts';
import { searchService } from './service.ts';

const env = process.env;
const logger = createLogger('search-reindex', env.LOG_LEVEL ?? 'info');

async function main(): Promise<number> {
  const infra = infraConfigFromEnv(env);
  let sql: Sql | null = null;
  let kv: KeyValueStore | null = null;
  try {
    sql = await openServiceSql(infra, searchService.name, searchService.migrationsDir, logger);
    // The same Redis as the service (when REDIS_URL is set), so its cached answers are invalidated.
    kv = await openKv(infra);
    const metrics = createServiceMetrics('search-reindex');
    const { reindex } = createSearchCore({ sql, kv, logger, env, urls: {}, metrics });
    const stopOnSignal = () => void reindex.stop();
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    await reindex.start();
    await reindex.settled();
    const status = await reindex.status();
    logger.info({ status }, `reindex ${status.state}`);
    return status.state === 'done' ? 0 : 1;
  } catch (error) {
    logger.error({ err: error }, 'reindex could not run');
    return 1;
  } finally {
    await kv?.close().catch(() => {});
    await sql?.close().catch(() => {});
  }
}

process.exitCode = await main();
