// Test harness: auth on real PostgreSQL, RabbitMQ and Redis, called as the gateway would (signed context), every
// response body kept so a suite can prove no secret ever left the service.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Envelope } from '@techcorp/contracts';
import { type Caller, createTestInfra, gatewayHeaders, type TestInfra } from '@techcorp/platform/testing';
import type { LightMyRequestResponse } from 'fastify';
import { decodeJwt } from 'jose';
import { expect } from 'vitest';
import { type AuthHandle, authService } from '../service.ts';

export const PASSWORD = 'correct horse battery staple';

export interface RequestOptions {
  /** Who the gateway vouches for; null = anonymous through the gateway; undefined = no gateway context at all. */
  caller?: Caller | null;
  clientIp?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Registered {
  user: { id: string; email: string; name: string; roles: string[] };
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

export interface AuthHarness {
  infra: TestInfra;
  handle: AuthHandle;
  env: Record<string, string>;
  /** Every response body any instance of this harness sent. */
  bodies: string[];
  request(method: string, url: string, options?: RequestOptions): Promise<LightMyRequestResponse>;
  /** Registers a fresh account (unique e-mail unless given) and returns the 201 body. */
  register(overrides?: { email?: string; password?: string; name?: string }): Promise<Registered>;
  /** The caller the gateway derives from an access token: sub, roles, sid. */
  callerOf(accessToken: string): Caller;
  /** Another instance of auth on the same database, kv and bus (as Kubernetes would run several). */
  startInstance(env?: Record<string, string>): Promise<AuthHandle>;
  outbox(type: string): Promise<Envelope[]>;
  /** Fails when a response body carried a password hash, an argon2 string or a stored digest or sealed secret. */
  assertNoSecretsLeaked(): Promise<void>;
  close(): Promise<void>;
}

export const uniqueEmail = (label = 'user'): string => `${label}-${randomUUID().slice(0, 8)}@example.com`;
export const newKeyEncryptionKey = (): string => randomBytes(32).toString('base64url');

export interface StartOptions {
  env?: Record<string, string>;
  /** false: instances are created but not started (the test starts them). */
  start?: boolean;
  /** PGlite, the in-process bus and the in-memory kv (the embedded runner's adapters) instead of the real servers. */
  embedded?: boolean;
}

export async function startAuth(options: StartOptions = {}): Promise<AuthHarness> {
  const infra = await createTestInfra({
    schema: 'auth',
    migrationsDir: authService.migrationsDir,
    embedded: options.embedded ?? false,
  });
  const env: Record<string, string> = { ...infra.env, AUTH_KEY_ENCRYPTION_KEY: newKeyEncryptionKey(), ...options.env };
  const { sql, bus, kv, logger } = infra;
  const gatewaySecret = infra.env.GATEWAY_IDENTITY_SECRET as string;
  const bodies: string[] = [];
  const handles: AuthHandle[] = [];

  const startInstance = async (extra: Record<string, string> = {}) => {
    const handle = await authService.create({ logger, sql, bus, kv, urls: {}, env: { ...env, ...extra } });
    handle.app.addHook('onSend', async (_request, _reply, payload) => {
      bodies.push(Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload ?? ''));
      return payload;
    });
    handles.push(handle);
    if (options.start !== false) await handle.start();
    return handle;
  };
  const handle = await startInstance();

  const harness: AuthHarness = {
    infra,
    handle,
    env,
    bodies,
    async request(method, url, { caller, clientIp = '203.0.113.10', body, headers = {} } = {}) {
      const signed = caller === undefined ? {} : gatewayHeaders(gatewaySecret, caller, method, url, clientIp);
      return handle.app.inject({
        method: method as 'GET',
        url,
        headers: { ...signed, ...headers },
        ...(body !== undefined && { payload: body as object }),
      });
    },
    async register(overrides = {}) {
      const body = { email: uniqueEmail(), password: PASSWORD, name: 'Ada Lovelace', ...overrides };
      const res = await harness.request('POST', '/api/auth/register', { caller: null, body });
      if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
      return res.json() as Registered;
    },
    callerOf(accessToken) {
      const claims = decodeJwt(accessToken);
      return {
        subject: claims.sub as string,
        roles: claims.roles as string[],
        sessionId: (claims.sid as string) ?? null,
      };
    },
    startInstance,
    async outbox(type) {
      const { rows } = await sql.query<{ envelope: Envelope }>(
        'SELECT envelope FROM outbox WHERE message_type = $1 ORDER BY seq',
        [type],
      );
      return rows.map((r) => r.envelope);
    },
    async assertNoSecretsLeaked() {
      const { rows } = await sql.query<{ secret: string }>(
        `SELECT token_hash AS secret FROM refresh_tokens
         UNION ALL SELECT code_hash FROM mfa_recovery_codes
         UNION ALL SELECT secret_sealed FROM mfa_totp
         UNION ALL SELECT secret_hash FROM oauth_clients
         UNION ALL SELECT private_key_sealed FROM signing_keys WHERE private_key_sealed IS NOT NULL
         UNION ALL SELECT password_hash FROM users`,
      );
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) {
        expect(body).not.toContain('password_hash');
        expect(body).not.toContain('$argon2');
        for (const { secret } of rows) expect(body).not.toContain(secret);
      }
    },
    async close() {
      for (const h of handles.splice(0)) await h.stop().catch(() => {});
      await infra.close();
    },
  };
  return harness;
}
