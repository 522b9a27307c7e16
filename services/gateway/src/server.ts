// Runs the gateway as its own process: kv from REDIS_URL (memory otherwise), listen on HOST:PORT, graceful close.
import { createLogger, infraConfigFromEnv, intFromEnv, openKv, serviceUrls } from '@techcorp/platform';
import { createGateway, GATEWAY_PORT, type GatewayHandle } from './gateway.ts';

const SHUTDOWN_TIMEOUT_MS = 10_000;
const env = process.env;
const logger = createLogger('gateway', env.LOG_LEVEL ?? 'info');

let gateway: GatewayHandle;
let closeKv: () => Promise<void> = async () => {};
try {
  const infra = infraConfigFromEnv(env);
  // No key prefix: revocations are read under the keys auth writes (auth:revoked-session:<sid>).
  const kv = await openKv(infra);
  closeKv = () => kv.close();
  gateway = await createGateway({ logger, kv, urls: serviceUrls(env), env });
  await gateway.start();
  const host = env.HOST?.trim() || '0.0.0.0';
  const port = intFromEnv(env, 'PORT', GATEWAY_PORT, { min: 0, max: 65_535 });
  const url = await gateway.app.listen({ host, port });
  logger.info({ url, kv: infra.redisUrl ? 'redis' : 'in-memory' }, 'gateway listening');
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  await closeKv().catch(() => {});
  process.exit(1);
}

let stopping = false;
function onSignal(signal: NodeJS.Signals): void {
  if (stopping) {
    logger.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, 'signal received: shutting down');
  setTimeout(() => {
    logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms: exiting`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  gateway
    .stop()
    .then(closeKv)
    .then(
      () => {
        logger.info('shut down');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
}
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
