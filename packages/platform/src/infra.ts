// Opens a service's adapters from InfraConfig: the real server when its URL is set, the embedded stand-in otherwise.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bus } from './bus/bus.ts';
import { createBus } from './bus/create-bus.ts';
import type { InfraConfig } from './config.ts';
import { createKv } from './kv/create-kv.ts';
import type { KeyValueStore } from './kv/kv.ts';
import type { Logger } from './logging.ts';
import { createSql } from './sql/create-sql.ts';
import { loadMigrations, runMigrations } from './sql/migrate.ts';
import type { Sql } from './sql/sql.ts';

/** Schemas DESIGN.md names differently from their service ("Services and ports"). */
const SCHEMA_OF: Record<string, string> = { catalog: 'products', cart: 'carts' };

/** A service's PostgreSQL schema: DESIGN.md's name, else the service name with '-' as '_' (order-query -> order_query). */
export function schemaName(service: string): string {
  return SCHEMA_OF[service] ?? service.replace(/-/g, '_');
}

/**
 * The service's schema on PostgreSQL (DATABASE_URL) or on PGlite persisted under `${dataDir}/pglite` (one PGlite instance, a schema per service),
 * migrated (platform tables first, then the service's own) before it is returned.
 */
export async function openServiceSql(
  infra: InfraConfig,
  schema: string,
  migrationsDir: URL,
  logger?: Logger,
): Promise<Sql> {
  const name = schemaName(schema);
  const sql = infra.databaseUrl
    ? await createSql(
        {
          kind: 'postgres',
          url: infra.databaseUrl,
          schema: name,
          applicationName: schema,
          poolSize: infra.databasePoolSize,
        },
        logger,
      )
    : await createSql({ kind: 'pglite', dataDir: join(infra.dataDir, 'pglite'), schema: name }, logger);
  try {
    const hasOwn = await isDirectory(migrationsDir);
    if (!hasOwn) logger?.warn({ migrationsDir: migrationsDir.href }, 'no migrations folder; only platform tables');
    const own = hasOwn ? await loadMigrations(migrationsDir) : [];
    const applied = await runMigrations(sql, own);
    if (applied.length > 0) logger?.info({ schema: name, applied }, 'migrations applied');
    return sql;
  } catch (error) {
    await sql.close().catch(() => {});
    throw error;
  }
}

/** RabbitMQ when RABBITMQ_URL is set, else the in-process bus (shared by every service of this process). */
export function openBus(infra: InfraConfig, logger: Logger): Promise<Bus> {
  return infra.rabbitmqUrl
    ? createBus(
        { kind: 'rabbitmq', url: infra.rabbitmqUrl, exchange: infra.busExchange, queuePrefix: infra.busQueuePrefix },
        logger,
      )
    : createBus({ kind: 'memory', queuePrefix: infra.busQueuePrefix }, logger);
}

/** Redis when REDIS_URL is set, else an in-memory store; `keyPrefix` keeps services sharing one Redis apart. */
export function openKv(infra: InfraConfig, keyPrefix?: string): Promise<KeyValueStore> {
  return infra.redisUrl
    ? createKv({ kind: 'redis', url: infra.redisUrl, keyPrefix })
    : createKv({ kind: 'memory', keyPrefix });
}

async function isDirectory(url: URL): Promise<boolean> {
  try {
    return (await stat(url)).isDirectory();
  } catch {
    return false;
  }
}
