// Boots the platform for e2e tests on REAL PostgreSQL, RabbitMQ and Redis, isolated per test file.
import { randomBytes } from 'node:crypto';
import {
  type Bus,
  createBus,
  createKv,
  createLogger,
  createSql,
  loadMigrations,
  runMigrations,
  type Sql,
} from '@techcorp/platform';
import { createTestDatabase } from '@techcorp/platform/testing';
import { bootPlatform, type RunningPlatform } from '../../../runner/src/platform.ts';

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

export interface PlatformUnderTest extends RunningPlatform {
  /** The bus the services share, for injecting (duplicate) messages. */
  bus: Bus;
  /** A second handle on a service's schema, for asserting on stored state. */
  sql(service: string): Promise<Sql>;
  close(): Promise<void>;
}

export async function startPlatformUnderTest(env: Record<string, string> = {}): Promise<PlatformUnderTest> {
  const id = randomBytes(4).toString('hex');
  const logger = createLogger('e2e', process.env.TEST_LOG_LEVEL ?? 'silent');
  const database = await createTestDatabase();
  const bus = await createBus(
    {
      kind: 'rabbitmq',
      url: process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
      exchange: `e2e.${id}`,
      queuePrefix: `e2e.${id}.`,
    },
    logger,
  );
  const kv = await createKv({
    kind: 'redis',
    url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    keyPrefix: `e2e:${id}:`,
  });
  const extra: Sql[] = [];
  const openSql = async (service: string, migrationsDir: URL) => {
    const sql = await createSql({ kind: 'postgres', url: database.url, schema: service.replace(/-/g, '_') });
    await runMigrations(sql, await loadMigrations(migrationsDir));
    return sql;
  };
  const platform = await bootPlatform({
    adapters: { bus, kv, openSql },
    logger,
    env: {
      ADMIN_API_TOKEN: ADMIN_TOKEN,
      PAYMENTS_RETRY_BASE_MS: '20',
      PAYMENTS_PROVIDER_TIMEOUT_MS: '300',
      // tok_timeout scenarios trip the provider breaker (as they should); let it probe again quickly.
      PAYMENTS_BREAKER_HALF_OPEN_MS: '200',
      INVENTORY_SWEEP_INTERVAL_MS: '200',
      ORDERS_SWEEP_INTERVAL_MS: '200',
      ...env,
    },
    ports: 'ephemeral',
    sandboxOptions: { timeoutTokenDelayMs: 1000 },
  });
  return {
    ...platform,
    bus,
    async sql(service) {
      const sql = await createSql({ kind: 'postgres', url: database.url, schema: service });
      extra.push(sql);
      return sql;
    },
    async close() {
      await platform.stop();
      for (const sql of extra) await sql.close();
      await bus.close();
      await kv.close();
      await database.drop();
    },
  };
}
