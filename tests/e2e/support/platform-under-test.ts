// Boots the platform in-process for e2e tests, isolated per test file: on REAL PostgreSQL, RabbitMQ and Redis
// (default), or on the embedded adapters `npm start` uses (PGlite, in-process bus, in-memory store).
import { randomBytes } from 'node:crypto';
import {
  type Bus,
  createBus,
  createKv,
  createLogger,
  createSql,
  type Logger,
  loadMigrations,
  runMigrations,
  type Sql,
  type SqlConfig,
  schemaName,
} from '@techcorp/platform';
import { createTestDatabase } from '@techcorp/platform/testing';
import { bootPlatform, type RunningPlatform } from '../../../runner/src/platform.ts';
import { generateSecrets, secretsEnv } from '../../../runner/src/platform-secrets.ts';

/** The secret the services trust the gateway with; tests that call services directly sign with it too. */
export const E2E_GATEWAY_SECRET = 'e2e-gateway-identity-secret-0123456789abcdef';

export type Infrastructure = 'real' | 'embedded';

export interface PlatformUnderTest extends RunningPlatform {
  /** The bus the services share, for injecting (duplicate) messages. */
  bus: Bus;
  /** A second handle on a service's schema, for asserting on stored state. */
  sql(service: string): Promise<Sql>;
  close(): Promise<void>;
}

/** Secrets and the bootstrap admin, generated per test run (nothing fixed in the repository but the gateway secret). */
const secrets = { ...generateSecrets(), GATEWAY_IDENTITY_SECRET: E2E_GATEWAY_SECRET };
export const E2E_ADMIN = {
  email: secrets.AUTH_BOOTSTRAP_ADMIN_EMAIL,
  password: secrets.AUTH_BOOTSTRAP_ADMIN_PASSWORD,
};
/** The platform's own service client (SERVICE role), as the embedded runner registers it. */
export const E2E_SERVICE_CLIENT = { id: secrets.SERVICE_CLIENT_ID, secret: secrets.SERVICE_CLIENT_SECRET };

export const E2E_ENV: Record<string, string> = {
  ...secretsEnv(secrets, {}),
  // Tests register and log in many users from one address: edge limits high unless a test sets its own.
  GATEWAY_RATE_LIMITS: JSON.stringify({
    global: { max: 100_000, windowSeconds: 60 },
    'auth-login': { max: 100_000, windowSeconds: 60 },
    'auth-register': { max: 100_000, windowSeconds: 60 },
    'auth-refresh': { max: 100_000, windowSeconds: 60 },
    'orders-place': { max: 100_000, windowSeconds: 60 },
  }),
  AUTH_LOGIN_MAX_FAILURES_PER_IP: '100000',
  // Separate-process platforms (crash and process tests) start a dozen processes: small pools there too.
  DATABASE_POOL_SIZE: '4',
  PAYMENTS_RETRY_BASE_MS: '20',
  PAYMENTS_PROVIDER_TIMEOUT_MS: '300',
  // tok_timeout scenarios trip the provider breaker (as they should); let it probe again quickly.
  PAYMENTS_BREAKER_HALF_OPEN_MS: '200',
  INVENTORY_SWEEP_INTERVAL_MS: '200',
  ORDERS_SWEEP_INTERVAL_MS: '200',
};

async function openAdapters(infrastructure: Infrastructure, id: string, logger: ReturnType<typeof createLogger>) {
  if (infrastructure === 'embedded') {
    const dataDir = `memory://e2e-${id}`;
    return {
      sqlConfig: (schema: string): SqlConfig => ({ kind: 'pglite', dataDir, schema }),
      bus: await createBus({ kind: 'memory', queuePrefix: `e2e.${id}.` }, logger),
      kv: await createKv({ kind: 'memory' }),
      drop: async () => undefined,
    };
  }
  const database = await createTestDatabase();
  return {
    // A dozen services in one process: small pools keep the whole platform well under max_connections.
    sqlConfig: (schema: string): SqlConfig => ({ kind: 'postgres', url: database.url, schema, poolSize: 4 }),
    bus: await createBus(
      {
        kind: 'rabbitmq',
        url: process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
        exchange: `e2e.${id}`,
        queuePrefix: `e2e.${id}.`,
      },
      logger,
    ),
    kv: await createKv({
      kind: 'redis',
      url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      keyPrefix: `e2e:${id}:`,
    }),
    drop: () => database.drop(),
  };
}

export interface PlatformUnderTestOptions {
  /** Wraps the bus the services get (e.g. a redelivery storm); close() closes the wrapper, then the real bus. */
  wrapBus?: (bus: Bus) => Bus;
  /** The logger every service writes to (default: silent unless TEST_LOG_LEVEL). */
  logger?: Logger;
}

export async function startPlatformUnderTest(
  env: Record<string, string> = {},
  infrastructure: Infrastructure = 'real',
  options: PlatformUnderTestOptions = {},
): Promise<PlatformUnderTest> {
  const id = randomBytes(4).toString('hex');
  const logger = options.logger ?? createLogger('e2e', process.env.TEST_LOG_LEVEL ?? 'silent');
  const { sqlConfig, bus, kv, drop } = await openAdapters(infrastructure, id, logger);
  const servicesBus = options.wrapBus?.(bus) ?? bus;
  const extra: Sql[] = [];
  const openSql = async (service: string, migrationsDir: URL) => {
    const sql = await createSql(sqlConfig(schemaName(service)));
    await runMigrations(sql, await loadMigrations(migrationsDir));
    return sql;
  };
  const platform = await bootPlatform({
    adapters: { bus: servicesBus, kv, openSql },
    logger,
    env: { ...E2E_ENV, ...env },
    ports: 'ephemeral',
    sandboxOptions: { timeoutTokenDelayMs: 1000 },
  });
  return {
    ...platform,
    bus,
    async sql(service) {
      const sql = await createSql(sqlConfig(schemaName(service)));
      extra.push(sql);
      return sql;
    },
    async close() {
      await platform.stop();
      for (const sql of extra) await sql.close();
      if (servicesBus !== bus) await servicesBus.close();
      // Delete the private exchange and every queue the services declared: quorum queues left behind pile up on
      // the broker (hundreds of them once wedged a shared RabbitMQ).
      const withTopology = bus as Bus & { closeAndDeleteTopology?: () => Promise<void> };
      await (withTopology.closeAndDeleteTopology ? withTopology.closeAndDeleteTopology() : bus.close());
      await kv.close();
      await drop();
    },
  };
}
