// Configuration is checked at boot: every bad variable is named, and secrets are never echoed.
import { randomBytes } from 'node:crypto';
import { ConfigError } from '@techcorp/platform';
import { describe, expect, it } from 'vitest';
import { authConfig, keyEncryptionKeyFromEnv } from './config.ts';

const KEY = randomBytes(32).toString('base64url');
const base = { AUTH_KEY_ENCRYPTION_KEY: KEY };

describe('AUTH_KEY_ENCRYPTION_KEY', () => {
  it('is required', () => {
    expect(() => authConfig({})).toThrow(ConfigError);
    expect(() => authConfig({})).toThrow('AUTH_KEY_ENCRYPTION_KEY is required');
  });
  it.each([
    randomBytes(31).toString('base64url'),
    randomBytes(33).toString('base64url'),
    randomBytes(32).toString('hex'),
    `${KEY.slice(0, 42)}!`,
  ])('refuses anything but base64url of exactly 32 bytes (%s), without echoing it', (value) => {
    try {
      keyEncryptionKeyFromEnv({ AUTH_KEY_ENCRYPTION_KEY: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('AUTH_KEY_ENCRYPTION_KEY');
      expect((error as Error).message).not.toContain(value);
    }
  });
  it('accepts 32 bytes, with or without padding', () => {
    expect(keyEncryptionKeyFromEnv(base)).toHaveLength(32);
    expect(keyEncryptionKeyFromEnv({ AUTH_KEY_ENCRYPTION_KEY: `${KEY}=` })).toHaveLength(32);
  });
});

describe('token and throttle settings', () => {
  it('default to the brief’s values', () => {
    const config = authConfig(base);
    expect(config).toMatchObject({
      issuer: 'https://auth.techcorp.com',
      audience: 'techcorp-services',
      accessTokenTtlSeconds: 300,
      refreshTokenTtlSeconds: 604_800,
      login: { maxFailuresPerAccount: 5, maxFailuresPerIp: 50, failureWindowSeconds: 900 },
      keyReloadIntervalMs: 30_000,
      bootstrapAdmin: null,
      clients: [],
    });
  });
  it.each([
    ['AUTH_ACCESS_TOKEN_TTL_SECONDS', '59'],
    ['AUTH_ACCESS_TOKEN_TTL_SECONDS', '3601'],
    ['AUTH_ACCESS_TOKEN_TTL_SECONDS', '5m'],
    ['AUTH_REFRESH_TOKEN_TTL_SECONDS', '0'],
    ['AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT', '0'],
    ['AUTH_LOGIN_MAX_FAILURES_PER_IP', '-1'],
    ['AUTH_LOGIN_FAILURE_WINDOW_SECONDS', '1.5'],
    ['AUTH_KEY_RELOAD_INTERVAL_MS', '60000'],
  ])('%s=%s is refused, naming the variable', (name, value) => {
    expect(() => authConfig({ ...base, [name]: value })).toThrow(name);
  });
});

describe('bootstrap admin', () => {
  it('needs both variables, a real address and a policy-conforming password (never echoed)', () => {
    expect(() => authConfig({ ...base, AUTH_BOOTSTRAP_ADMIN_EMAIL: 'a@example.com' })).toThrow(
      'AUTH_BOOTSTRAP_ADMIN_PASSWORD is required',
    );
    expect(() =>
      authConfig({ ...base, AUTH_BOOTSTRAP_ADMIN_EMAIL: 'nope', AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'x'.repeat(20) }),
    ).toThrow('AUTH_BOOTSTRAP_ADMIN_EMAIL is not an email address');
    expect(() =>
      authConfig({ ...base, AUTH_BOOTSTRAP_ADMIN_EMAIL: 'a@example.com', AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'hunter2' }),
    ).toThrow('AUTH_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters');
    const config = authConfig({
      ...base,
      AUTH_BOOTSTRAP_ADMIN_EMAIL: ' Root@Example.com ',
      AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'a strong passphrase',
    });
    expect(config.bootstrapAdmin).toEqual({ email: 'root@example.com', password: 'a strong passphrase' });
  });
});
