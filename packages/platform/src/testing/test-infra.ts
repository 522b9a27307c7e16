// Test harness: a service's adapters on REAL servers (fresh database, own exchange, own key prefix) or embedded ones.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bus } from '../bus/bus.ts';
import { createMemoryBus } from '../bus/memory-bus.ts';
import { RabbitMqBus } from '../bus/rabbitmq-bus.ts';
import { schemaName } from '../infra.ts';
import { createKv } from '../kv/create-kv.ts';
import type { KeyValueStore } from '../kv/kv.ts';
import { createLogger, type Logger } from '../logging.ts';
import { createSql } from '../sql/create-sql.ts';
import { loadMigrations, runMigrations } from '../sql/migrate.ts';
import type { Sql } from '../sql/sql.ts';
import { createTestDatabase } from './databases.ts';

export interface TestInfraOptions {
  /** The service's schema (a service name works: '-' becomes '_'). */
  schema: string;
  /** The service's migrations; platform tables (outbox, inbox, idempotency keys) are always created. */
  migrationsDir?: URL;
  /** PGlite in memory, an in-process bus and an in-memory kv instead of the real servers. Default false. */
  embedded?: boolean;
}

export interface TestInfra {
  sql: Sql;
  bus: Bus;
  kv: KeyValueStore;
  logger: Logger;
  /** Environment for the service under test: server URLs (when real) and the GATEWAY_IDENTITY_SECRET to sign callers with. */
  env: Record<string, string>;
  /** Closes every adapter and removes what the harness created: database, queues and exchange, keys. */
  close(): Promise<void>;
}

const rabbitmqUrl = () => process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const redisUrl = () => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Cleanup = () => Promise<void>;

export async function createTestInfra(options: TestInfraOptions): Promise<TestInfra> {
  const id = randomBytes(5).toString('hex');
  const schema = schemaName(options.schema);
  const logger = createLogger(`test-${options.schema}`, process.env.TEST_LOG_LEVEL ?? 'silent');
  const env: Record<string, string> = {
    ADMIN_API_TOKEN: `test-admin-${id}`,
    GATEWAY_IDENTITY_SECRET: randomBytes(32).toString('base64url'),
  };
  const cleanups: Cleanup[] = [];
  try {
    const sql = options.embedded ? await createSql({ kind: 'pglite', schema }) : await realSql(schema, env, cleanups);
    if (options.embedded) cleanups.push(() => sql.close());
    await runMigrations(sql, options.migrationsDir ? await loadMigrations(options.migrationsDir) : []);
    const bus = options.embedded
      ? createMemoryBus({ logger, queuePrefix: `test-${id}.` })
      : await realBus(id, logger, env);
    cleanups.push(() => (bus instanceof RabbitMqBus ? bus.closeAndDeleteTopology() : bus.close()));
    const kv = options.embedded ? await createKv({ kind: 'memory' }) : await realKv(id, env, cleanups);
    if (options.embedded) cleanups.push(() => kv.close());
    return { sql, bus, kv, logger, env, close: once(() => runCleanups(cleanups)) };
  } catch (error) {
    await runCleanups(cleanups).catch(() => {});
    throw error;
  }
}

async function realSql(schema: string, env: Record<string, string>, cleanups: Cleanup[]): Promise<Sql> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const sql = await createSql({ kind: 'postgres', url: database.url, schema, poolSize: 5, applicationName: 'tests' });
  cleanups.push(() => sql.close());
  env.DATABASE_URL = database.url;
  return sql;
}

async function realBus(id: string, logger: Logger, env: Record<string, string>): Promise<RabbitMqBus> {
  const url = rabbitmqUrl();
  env.RABBITMQ_URL = url;
  return RabbitMqBus.connect({
    url,
    logger,
    exchange: `test-${id}`,
    queuePrefix: `test-${id}.`,
    connectionName: `test-infra-${id}`,
  });
}

async function realKv(id: string, env: Record<string, string>, cleanups: Cleanup[]): Promise<KeyValueStore> {
  const url = redisUrl();
  const keyPrefix = `test:${id}:`;
  const kv = await createKv({ kind: 'redis', url, keyPrefix });
  cleanups.push(async () => {
    await kv.close();
    await purgeRedisPrefix(url, keyPrefix);
  });
  env.REDIS_URL = url;
  return kv;
}

/** Deletes every key under the prefix (SCAN, never KEYS: other test files share the server). */
export async function purgeRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
}

/** Runs cleanups newest first; every one runs even when an earlier one fails, then the first failure is thrown. */
async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  const errors: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= fn();
    return running;
  };
}
