// The users service module: profiles from auth's registrations, preferences, addresses, change history, Redis cache.
import {
  createServiceAuth,
  createServiceMetrics,
  mountDeadLetters,
  SERVICE_PORTS,
  type ServiceDeps,
  type ServiceHandle,
  type ServiceModule,
  type Subscription,
  startConsumer,
} from '@techcorp/platform';
import { buildApp } from './app.ts';
import { usersConfig } from './config.ts';
import { createProfileCache } from './profile/profile-cache.ts';
import { ACCOUNT_EVENTS_QUEUE, registrationHandlers } from './profile/registration.handlers.ts';

export async function createUsersService(deps: ServiceDeps): Promise<ServiceHandle> {
  const { logger, sql, bus, kv, env, urls } = deps;
  const config = usersConfig(env);
  const auth = createServiceAuth({ env, urls });
  const metrics = createServiceMetrics('users');
  const cache = createProfileCache({
    kv,
    logger,
    ttlMs: config.profileCacheTtlMs,
    lookups: metrics.counter('users_profile_cache_lookups_total', 'Profile cache lookups by result', ['result']),
  });
  const handlers = registrationHandlers({
    locale: { language: config.defaultLanguage, currency: config.defaultCurrency },
    logger,
    registrations: metrics.counter('users_registrations_total', 'user.registered events by outcome', ['outcome']),
  });
  const app = await buildApp({ logger, sql, metrics, auth, cache });
  await mountDeadLetters({ app, metrics, bus, queues: [ACCOUNT_EVENTS_QUEUE], auth });
  let consumer: Subscription | null = null;

  return {
    name: 'users',
    app,
    async start() {
      consumer ??= await startConsumer({
        sql,
        bus,
        logger,
        consumer: ACCOUNT_EVENTS_QUEUE,
        queue: ACCOUNT_EVENTS_QUEUE,
        handlers,
      });
    },
    async stop() {
      await app.close();
      await consumer?.close();
      consumer = null;
    },
  };
}

export const usersService = {
  name: 'users',
  defaultPort: SERVICE_PORTS.users,
  migrationsDir: new URL('./migrations/', import.meta.url),
  create: createUsersService,
} satisfies ServiceModule;
