// `npm start`: every service in one process. Embedded adapters (PGlite, in-process bus, in-memory store)
// unless DATABASE_URL, RABBITMQ_URL or REDIS_URL point at real servers.
import { createLogger, infraConfigFromEnv, openBus, openKv, openServiceSql } from '@techcorp/platform';
import { adminTokenFor } from './admin-token.ts';
import { loadDemoData } from './demo-loader.ts';
import { bootPlatform } from './platform.ts';

const logger = createLogger('platform');
const infra = infraConfigFromEnv(process.env);
const adminToken = await adminTokenFor(infra.dataDir, process.env);
const env = { ...process.env, ADMIN_API_TOKEN: adminToken };
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
  await loadDemoData({ catalogUrl: catalog!, inventoryUrl: inventory!, adminToken }, (line) => logger.info(line));
}

const mode = [
  infra.databaseUrl ? 'PostgreSQL' : `PGlite in ${infra.dataDir}`,
  infra.rabbitmqUrl ? 'RabbitMQ' : 'in-process bus',
  infra.redisUrl ? 'Redis' : 'in-memory store',
].join(', ');
logger.info({ urls: platform.urls }, `TechCorp Commerce is up (${mode})`);
logger.info(`admin token: ${process.env.ADMIN_API_TOKEN ? 'from ADMIN_API_TOKEN' : `in ${infra.dataDir}/admin-token`}`);

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
