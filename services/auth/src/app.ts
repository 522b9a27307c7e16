// Builds auth's Fastify app: the platform's HTTP app plus the account, session, MFA, key and OAuth route plugins.
import { createHttpApp, type HttpApp, type ServiceMetrics } from '@techcorp/platform';
import { accountRoutes } from './accounts/account.routes.ts';
import { signInRoutes } from './accounts/sign-in.routes.ts';
import { oauthRoutes } from './clients/oauth.routes.ts';
import type { AuthDeps } from './deps.ts';
import { keyRoutes } from './keys/keys.routes.ts';
import { mfaRoutes } from './mfa/mfa.routes.ts';
import { sessionRoutes } from './sessions/sessions.routes.ts';

export async function buildApp(deps: AuthDeps, metrics: ServiceMetrics): Promise<HttpApp> {
  const { sql, kv, logger } = deps;
  const app = createHttpApp({
    name: 'auth',
    logger,
    metrics,
    readiness: async () => {
      await sql.query('SELECT 1');
      await kv.ping();
    },
  });
  await app.register(signInRoutes, deps);
  await app.register(sessionRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(mfaRoutes, deps);
  await app.register(keyRoutes, deps);
  await app.register(oauthRoutes, deps);
  return app;
}
