// The auth service module: accounts, sessions with rotating refresh tokens, TOTP MFA, RS256 keys and OAuth clients.
import {
  createServiceAuth,
  createServiceMetrics,
  type OutboxRelay,
  pendingOutboxCount,
  SERVICE_PORTS,
  type ServiceDeps,
  type ServiceHandle,
  type ServiceModule,
  startOutboxRelay,
} from '@techcorp/platform';
import { bootstrapAdmin } from './accounts/bootstrap-admin.ts';
import { createLoginThrottle } from './accounts/login-throttle.ts';
import { buildApp } from './app.ts';
import { createClientCredentials } from './clients/client-credentials.ts';
import { authConfig } from './config.ts';
import { createPasswordHasher } from './crypto/passwords.ts';
import { createSecretBox } from './crypto/secret-box.ts';
import type { AuthDeps } from './deps.ts';
import { createKeyring, type Keyring } from './keys/keyring.ts';
import { createChallenges } from './mfa/mfa-challenge.ts';
import { createMfa } from './mfa/mfa-service.ts';
import { createSessionService } from './sessions/session-service.ts';
import { createSessionSweeper } from './sessions/session-sweeper.ts';

export interface AuthHandle extends ServiceHandle {
  /** The signing keys (tests rotate and reload through it, as an admin request and the timer would). */
  readonly keyring: Keyring;
  /** Deletes sessions that ended more than 30 days ago (what the hourly sweeper runs); resolves with how many. */
  purgeEndedSessions(): Promise<number>;
}

const SESSION_SWEEP_INTERVAL_MS = 3_600_000;

export async function createAuthService(deps: ServiceDeps): Promise<AuthHandle> {
  const { logger, sql, bus, kv, env, urls } = deps;
  const config = authConfig(env);
  const auth = createServiceAuth({ env, urls });
  const box = createSecretBox(config.keyEncryptionKey);
  const passwords = await createPasswordHasher();
  const metrics = createServiceMetrics('auth');
  metrics.gauge('auth_outbox_pending', 'Outbox messages not yet published', [], async (gauge) => {
    gauge.set(await pendingOutboxCount(sql));
  });
  const keyring = createKeyring({
    sql,
    logger,
    box,
    issuer: config.issuer,
    audience: config.audience,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    reloadIntervalMs: config.keyReloadIntervalMs,
  });
  const sessions = createSessionService({
    sql,
    kv,
    logger,
    keyring,
    lifetimes: {
      refreshTtlSeconds: config.refreshTokenTtlSeconds,
      maxLifetimeSeconds: config.sessionMaxLifetimeSeconds,
    },
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshOutcomes: metrics.counter('auth_refresh_total', 'Refresh attempts by outcome', ['outcome']),
  });
  const sweeper = createSessionSweeper({ sql, logger, intervalMs: SESSION_SWEEP_INTERVAL_MS });
  let relay: OutboxRelay | null = null;
  const appDeps: AuthDeps = {
    sql,
    kv,
    logger,
    config,
    auth,
    keyring,
    sessions,
    mfa: createMfa({ sql, box, issuer: config.totpIssuer }),
    challenges: createChallenges(kv),
    throttle: createLoginThrottle(kv, logger, config.login.failureWindowSeconds),
    passwords,
    metrics: {
      logins: metrics.counter('auth_logins_total', 'Sign-in attempts by outcome', ['outcome']),
      registrations: metrics.counter('auth_registrations_total', 'Accounts registered'),
      clientTokens: metrics.counter('auth_client_tokens_total', 'Client-credentials requests by outcome', ['outcome']),
    },
    afterCommit: () => relay?.nudge(),
  };
  const app = await buildApp(appDeps, metrics);

  return {
    name: 'auth',
    app,
    keyring,
    purgeEndedSessions: () => sweeper.sweep(),
    async start() {
      relay = startOutboxRelay({ sql, bus, logger });
      await keyring.ensureActiveKey();
      keyring.start();
      await createClientCredentials({ sql, keyring, logger }).sync(config.clients);
      await bootstrapAdmin(appDeps, config.bootstrapAdmin);
      sweeper.start();
    },
    async stop() {
      await app.close();
      keyring.stop();
      sweeper.stop();
      await relay?.stop();
      relay = null;
    },
  };
}

export const authService = {
  name: 'auth',
  defaultPort: SERVICE_PORTS.auth,
  migrationsDir: new URL('./migrations/', import.meta.url),
  create: createAuthService,
} satisfies ServiceModule;
