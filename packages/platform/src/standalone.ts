// The body of every service's server.ts: adapters from the environment, the service, listen, graceful shutdown.
import type { Bus } from './bus/bus.ts';
import { type Env, infraConfigFromEnv, intFromEnv } from './config.ts';
import { openBus, openKv, openServiceSql } from './infra.ts';
import type { KeyValueStore } from './kv/kv.ts';
import { createLogger, type Logger } from './logging.ts';
import type { ServiceHandle, ServiceModule } from './service.ts';
import type { Sql } from './sql/sql.ts';
import { SERVICE_PORTS, type ServiceName, serviceUrl } from './topology.ts';

const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface StandaloneServer {
  /** The address the service listens on, e.g. http://127.0.0.1:8081. */
  readonly url: string;
  readonly handle: ServiceHandle;
  /** Stops accepting requests, stops the service, closes bus, kv and sql. Safe to call more than once. */
  shutdown(): Promise<void>;
}

/** Base URLs of every service, from <NAME>_URL or loopback on the default port. */
export function serviceUrls(env: Env): Record<string, string> {
  const names = Object.keys(SERVICE_PORTS) as ServiceName[];
  return Object.fromEntries(names.map((name) => [name, serviceUrl(name, env)]));
}

/** Starts the service and listens; no signal handling (runStandalone adds it). Tests drive this directly. */
export async function startStandalone(module: ServiceModule, env: Env, logger: Logger): Promise<StandaloneServer> {
  const infra = infraConfigFromEnv(env);
  const host = env.HOST?.trim() || '127.0.0.1';
  const port = intFromEnv(env, 'PORT', module.defaultPort, { min: 0, max: 65_535 });
  const opened: { close(): Promise<void> }[] = [];
  const closeOpened = async () => {
    for (const adapter of opened.splice(0).reverse()) {
      await adapter.close().catch((error: unknown) => logger.error({ err: error }, 'closing an adapter failed'));
    }
  };
  let handle: ServiceHandle | undefined;
  try {
    const sql: Sql = await openServiceSql(infra, module.name, module.migrationsDir, logger);
    opened.push(sql);
    const bus: Bus = await openBus(infra, logger);
    opened.push(bus);
    // No prefix: each service names its own keys (seed 001's `inventory:product:{id}:available`), the same
    // keys the embedded runner uses, so one Redis serves both ways of running.
    const kv: KeyValueStore = await openKv(infra);
    opened.push(kv);
    handle = await module.create({ logger, sql, bus, kv, urls: serviceUrls(env), env });
    await handle.start();
    const url = await handle.app.listen({ host, port });
    logger.info({ url, embedded: describeInfra(infra) }, `${module.name} listening`);
    return { url, handle, shutdown: once(() => stop(handle!, closeOpened, logger)) };
  } catch (error) {
    if (handle) await handle.stop().catch(() => {});
    await closeOpened();
    throw error;
  }
}

async function stop(handle: ServiceHandle, closeOpened: () => Promise<void>, logger: Logger): Promise<void> {
  logger.info('shutting down');
  // Stop accepting first; in-flight requests finish. handle.stop() closes the app again, which is a no-op by then.
  await handle.app.close();
  await handle.stop();
  await closeOpened();
  logger.info('shut down');
}

/**
 * Runs a service as its own process: listens on HOST (default 127.0.0.1) and PORT (default module.defaultPort).
 * SIGTERM/SIGINT shut down gracefully and exit 0; a second signal, a failed shutdown or 10 s exit 1.
 */
export async function runStandalone(module: ServiceModule, env: Env = process.env): Promise<void> {
  const logger = createLogger(module.name, env.LOG_LEVEL ?? 'info');
  let server: StandaloneServer;
  try {
    server = await startStandalone(module, env, logger);
  } catch (error) {
    logger.fatal({ err: error }, `${module.name} failed to start`);
    process.exit(1);
  }
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'signal received');
    setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms: exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    server.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

function describeInfra(infra: ReturnType<typeof infraConfigFromEnv>): string[] {
  const embedded: string[] = [];
  if (!infra.databaseUrl) embedded.push(`pglite in ${infra.dataDir}`);
  if (!infra.rabbitmqUrl) embedded.push('in-process bus');
  if (!infra.redisUrl) embedded.push('in-memory kv');
  return embedded;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= fn();
    return running;
  };
}
