// What auth's route plugins share: adapters, settings and the services built once per instance.
import type { Counter, KeyValueStore, Logger, ServiceAuth, Sql } from '@techcorp/platform';
import type { LoginThrottle } from './accounts/login-throttle.ts';
import type { AuthConfig } from './config.ts';
import type { PasswordHasher } from './crypto/passwords.ts';
import type { Keyring } from './keys/keyring.ts';
import type { Challenges } from './mfa/mfa-challenge.ts';
import type { Mfa } from './mfa/mfa-service.ts';
import type { SessionService } from './sessions/session-service.ts';

export interface AuthMetrics {
  logins: Counter<'outcome'>;
  registrations: Counter;
  clientTokens: Counter<'outcome'>;
}

export interface AuthDeps {
  sql: Sql;
  kv: KeyValueStore;
  logger: Logger;
  config: AuthConfig;
  auth: ServiceAuth;
  keyring: Keyring;
  sessions: SessionService;
  mfa: Mfa;
  challenges: Challenges;
  throttle: LoginThrottle;
  passwords: PasswordHasher;
  metrics: AuthMetrics;
  /** Wakes the outbox relay after a transaction that enqueued events committed. */
  afterCommit: () => void;
}
