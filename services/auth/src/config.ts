// Auth settings from the environment, checked at boot: a bad value stops the service and names the variable.
import { ConfigError, type Env, intFromEnv, tokenSettings } from '@techcorp/platform';
import { isEmail, normaliseEmail, passwordProblem } from './accounts/account.policy.ts';
import { type ClientConfig, parseClients } from './clients/client-config.ts';

export interface AuthConfig {
  issuer: string;
  audience: string;
  /** AES-256-GCM key sealing signing keys and TOTP secrets at rest. */
  keyEncryptionKey: Buffer;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Absolute cap on a session (refresh-token family), however often it is refreshed. */
  sessionMaxLifetimeSeconds: number;
  login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; failureWindowSeconds: number };
  /** How often each instance re-reads the active signing key (so it follows another instance's rotation). */
  keyReloadIntervalMs: number;
  bootstrapAdmin: { email: string; password: string } | null;
  clients: ClientConfig[];
  totpIssuer: string;
}

const KEY_TEXT = /^[A-Za-z0-9_-]{43}=?$/;

/** AUTH_KEY_ENCRYPTION_KEY: base64url of exactly 32 bytes (never echoed in the error). */
export function keyEncryptionKeyFromEnv(env: Env): Buffer {
  const raw = env.AUTH_KEY_ENCRYPTION_KEY?.trim();
  if (!raw) throw new ConfigError('AUTH_KEY_ENCRYPTION_KEY is required (base64url of 32 random bytes)');
  const key = KEY_TEXT.test(raw) ? Buffer.from(raw.replace(/=$/, ''), 'base64url') : Buffer.alloc(0);
  if (key.length !== 32) throw new ConfigError('AUTH_KEY_ENCRYPTION_KEY must be base64url of exactly 32 bytes');
  return key;
}

function bootstrapAdminFromEnv(env: Env): AuthConfig['bootstrapAdmin'] {
  const email = env.AUTH_BOOTSTRAP_ADMIN_EMAIL?.trim();
  const password = env.AUTH_BOOTSTRAP_ADMIN_PASSWORD;
  if (!email && !password) return null;
  if (!email) throw new ConfigError('AUTH_BOOTSTRAP_ADMIN_EMAIL is required when AUTH_BOOTSTRAP_ADMIN_PASSWORD is set');
  if (!password) {
    throw new ConfigError('AUTH_BOOTSTRAP_ADMIN_PASSWORD is required when AUTH_BOOTSTRAP_ADMIN_EMAIL is set');
  }
  const normalised = normaliseEmail(email);
  if (!isEmail(normalised)) throw new ConfigError('AUTH_BOOTSTRAP_ADMIN_EMAIL is not an email address');
  const problem = passwordProblem(password, normalised);
  if (problem) throw new ConfigError(`AUTH_BOOTSTRAP_ADMIN_PASSWORD ${problem}`);
  return { email: normalised, password };
}

export function authConfig(env: Env): AuthConfig {
  const refreshTokenTtlSeconds = intFromEnv(env, 'AUTH_REFRESH_TOKEN_TTL_SECONDS', 604_800, {
    min: 300,
    max: 7_776_000,
  });
  return {
    ...tokenSettings(env),
    keyEncryptionKey: keyEncryptionKeyFromEnv(env),
    accessTokenTtlSeconds: intFromEnv(env, 'AUTH_ACCESS_TOKEN_TTL_SECONDS', 300, { min: 60, max: 3600 }),
    refreshTokenTtlSeconds,
    sessionMaxLifetimeSeconds: intFromEnv(
      env,
      'AUTH_SESSION_MAX_LIFETIME_SECONDS',
      Math.max(2_592_000, refreshTokenTtlSeconds),
      { min: refreshTokenTtlSeconds, max: 31_536_000 },
    ),
    login: {
      maxFailuresPerAccount: intFromEnv(env, 'AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, { min: 1, max: 1000 }),
      maxFailuresPerIp: intFromEnv(env, 'AUTH_LOGIN_MAX_FAILURES_PER_IP', 50, { min: 1, max: 1_000_000 }),
      failureWindowSeconds: intFromEnv(env, 'AUTH_LOGIN_FAILURE_WINDOW_SECONDS', 900, { min: 1, max: 86_400 }),
    },
    keyReloadIntervalMs: intFromEnv(env, 'AUTH_KEY_RELOAD_INTERVAL_MS', 30_000, { min: 100, max: 30_000 }),
    bootstrapAdmin: bootstrapAdminFromEnv(env),
    clients: parseClients(env.AUTH_CLIENTS),
    totpIssuer: env.AUTH_TOTP_ISSUER?.trim() || 'TechCorp Commerce',
  };
}
