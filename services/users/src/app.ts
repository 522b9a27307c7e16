// Builds the users Fastify app: the platform's HTTP app plus the profile, preferences, address and history routes.
import {
  createHttpApp,
  type HttpApp,
  type Logger,
  type ServiceAuth,
  type ServiceMetrics,
  type Sql,
} from '@techcorp/platform';
import { addressRoutes } from './addresses/address.routes.ts';
import { historyRoutes } from './history/history.routes.ts';
import { trimRequest } from './http/trim.ts';
import { preferencesRoutes } from './preferences/preferences.routes.ts';
import { profileRoutes } from './profile/profile.routes.ts';
import type { ProfileCache } from './profile/profile-cache.ts';

export interface AppDeps {
  logger: Logger;
  sql: Sql;
  metrics: ServiceMetrics;
  auth: ServiceAuth;
  cache: ProfileCache;
}

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const { logger, sql, metrics, auth, cache } = deps;
  const app = createHttpApp({
    name: 'users',
    logger,
    metrics,
    readiness: async () => {
      await sql.query('SELECT 1');
    },
  });
  const routes = { sql, auth, cache };
  await app.register(async (users) => {
    users.addHook('preValidation', trimRequest);
    // Personal data: no shared cache may keep a copy.
    users.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });
    await users.register(profileRoutes, routes);
    await users.register(preferencesRoutes, routes);
    await users.register(addressRoutes, routes);
    await users.register(historyRoutes, routes);
  });
  return app;
}
