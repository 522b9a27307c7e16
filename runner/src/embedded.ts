// `npm start`: every service in one process. Embedded adapters (PGlite, in-process bus, in-memory store)
// unless DATABASE_URL, RABBITMQ_URL or REDIS_URL point at real servers.
import {
  createLogger,
  identityFrom,
  infraConfigFromEnv,
  openBus,
  openKv,
  openServiceSql,
  ROLES,
  signContext,
} from '@techcorp/platform';
import { loadDemoData } from './demo-loader.ts';
import { bootPlatform } from './platform.ts';
import { loadOrCreateSecrets, secretsEnv } from './platform-secrets.ts';

const logger = createLogger('platform');
const infra = infraConfigFromEnv(process.env);
const secrets = await loadOrCreateSecrets(infra.dataDir);
const platformEnv = secretsEnv(secrets, process.env);
const env = { ...process.env, ...platformEnv };
const bus = await openBus(infra, logger);
const kv = await openKv(infra);

const platform = await bootPlatform({
  adapters: { bus, kv, openSql: (service, dir) => openServiceSql(infra, service, dir) },
  logger,
  env,
  host: process.env.HOST ?? '127.0.0.1',
});
if (process.env.DEMO_DATA !== 'off') {
  const { catalog, inventory } = platform.urls;
  // The runner holds the gateway secret, so it vouches for its own admin calls the way the gateway would.
  const operator = identityFrom('system:demo-loader', [ROLES.admin], null);
  const authorize = (method: string, url: URL) =>
    signContext(
      platformEnv.GATEWAY_IDENTITY_SECRET as string,
      { identity: operator, clientIp: null },
      {
        method,
        url: url.pathname + url.search,
      },
    );
  await loadDemoData({ catalogUrl: catalog!, inventoryUrl: inventory!, authorize }, (line) => logger.info(line));
}

const mode = [
  infra.databaseUrl ? 'PostgreSQL' : `PGlite in ${infra.dataDir}`,
  infra.rabbitmqUrl ? 'RabbitMQ' : 'in-process bus',
  infra.redisUrl ? 'Redis' : 'in-memory store',
].join(', ');
logger.info({ urls: platform.urls }, `TechCorp Commerce is up (${mode})`);
logger.info(
  `admin login: ${env.AUTH_BOOTSTRAP_ADMIN_EMAIL} (password ${process.env.AUTH_BOOTSTRAP_ADMIN_PASSWORD ? 'from AUTH_BOOTSTRAP_ADMIN_PASSWORD' : `in ${infra.dataDir}/secrets.json`})`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) process.exit(1);
  stopping = true;
  logger.info({ signal }, 'shutting down');
  setTimeout(() => process.exit(1), 15_000).unref();
  await platform.stop();
  await bus.close();
  await kv.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
