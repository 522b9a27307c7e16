// Admin: the bootstrap admin (created once, never by default), admin-only routes, role changes and their limits.
import { revokedSessionKey } from '@techcorp/platform';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHarness, PASSWORD, startAuth, uniqueEmail } from '../testing/auth-harness.ts';

const ADMIN_EMAIL = 'root@example.com';
const ADMIN_PASSWORD = 'bootstrap admin passphrase';

describe('admin (real PostgreSQL, Redis)', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuth({
      env: {
        AUTH_BOOTSTRAP_ADMIN_EMAIL: ` ${ADMIN_EMAIL.toUpperCase()} `,
        AUTH_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      },
    });
  });
  afterAll(async () => {
    await h?.assertNoSecretsLeaked();
    await h?.close();
  });

  const login = (email: string, password: string) =>
    h.request('POST', '/api/auth/login', { caller: null, body: { email, password } });
  const adminSession = async () => (await login(ADMIN_EMAIL, ADMIN_PASSWORD)).json();
  const setRoles = (id: string, roles: unknown, caller: Parameters<AuthHarness['callerOf']>[0] | null) =>
    h.request('PUT', `/api/auth/users/${id}/roles`, {
      caller: caller === null ? null : h.callerOf(caller),
      body: { roles },
    });

  it('the bootstrap admin exists once with USER and ADMIN; a restart changes neither count nor password', async () => {
    const first = await adminSession();
    expect(first.user).toMatchObject({ email: ADMIN_EMAIL, roles: ['USER', 'ADMIN'] });
    expect(decodeJwt(first.access_token).roles).toEqual(['USER', 'ADMIN']);
    expect(await h.outbox('user.registered')).toHaveLength(1);

    const again = await h.startInstance({ AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'a different bootstrap password' });
    await again.stop();
    const { rows } = await h.infra.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE email = $1', [
      ADMIN_EMAIL,
    ]);
    expect(rows[0]?.n).toBe(1);
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).statusCode).toBe(200);
    expect((await login(ADMIN_EMAIL, 'a different bootstrap password')).statusCode).toBe(401);
    expect(await h.outbox('user.registered')).toHaveLength(1);
  });

  it('naming an existing account grants it ADMIN and keeps its password', async () => {
    const existing = await h.register();
    const instance = await h.startInstance({
      AUTH_BOOTSTRAP_ADMIN_EMAIL: existing.user.email,
      AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'an attacker chosen password',
    });
    await instance.stop();
    const res = await login(existing.user.email, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.roles).toEqual(['USER', 'ADMIN']);
    expect((await login(existing.user.email, 'an attacker chosen password')).statusCode).toBe(401);
  });

  it('admin-only routes refuse a customer (403) and anonymous callers (401)', async () => {
    const customer = await h.register();
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/auth/keys'],
      ['POST', '/api/auth/keys/rotate'],
      ['PUT', `/api/auth/users/${customer.user.id}/roles`, { roles: ['USER', 'ADMIN'] }],
    ];
    for (const [method, url, body] of routes) {
      const asCustomer = await h.request(method, url, { caller: h.callerOf(customer.access_token), body });
      expect(asCustomer.statusCode, `${method} ${url}`).toBe(403);
      for (const caller of [null, undefined]) {
        expect((await h.request(method, url, { caller, body })).statusCode, `${method} ${url}`).toBe(401);
      }
    }
    expect(
      (await h.request('GET', '/api/auth/me', { caller: h.callerOf(customer.access_token) })).json().roles,
    ).toEqual(['USER']);
  });

  it('an admin grants and removes ADMIN; removal ends the user’s sessions at once', async () => {
    const admin = (await adminSession()).access_token as string;
    const user = await h.register();
    const granted = await setRoles(user.user.id, ['ADMIN', 'USER'], admin);
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toEqual({ ...user.user, roles: ['USER', 'ADMIN'] });
    const promoted = await h.request('POST', '/api/auth/refresh', {
      caller: null,
      body: { refresh_token: user.refresh_token },
    });
    const promotedTokens = promoted.json();
    expect(decodeJwt(promotedTokens.access_token).roles).toEqual(['USER', 'ADMIN']);

    const removed = await setRoles(user.user.id, ['USER'], admin);
    expect(removed.json().roles).toEqual(['USER']);
    const sid = decodeJwt(promotedTokens.access_token).sid as string;
    expect(await h.infra.kv.get(revokedSessionKey(sid))).not.toBeNull();
    const refused = await h.request('POST', '/api/auth/refresh', {
      caller: null,
      body: { refresh_token: promotedTokens.refresh_token },
    });
    expect(refused.statusCode).toBe(401);
  });

  it('an admin cannot remove their own ADMIN role, nor act after being demoted', async () => {
    const admin = (await adminSession()).access_token as string;
    const self = decodeJwt(admin).sub as string;
    const own = await setRoles(self, ['USER'], admin);
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toBe('an admin cannot remove their own ADMIN role');

    const second = await h.register({ email: uniqueEmail('second-admin') });
    await setRoles(second.user.id, ['USER', 'ADMIN'], admin);
    const secondAdmin = (await login(second.user.email, PASSWORD)).json().access_token;
    await setRoles(second.user.id, ['USER'], admin);
    // Their token still says ADMIN (the gateway would refuse it: the session is revoked); auth checks the database.
    const stale = await setRoles(self, ['USER'], secondAdmin);
    expect(stale.statusCode).toBe(403);
  });

  it('roles input: 400 naming the field, 404 for an unknown user', async () => {
    const admin = (await adminSession()).access_token as string;
    const user = await h.register();
    for (const roles of [['ADMIN'], ['USER', 'USER'], ['ROOT'], [], 'USER', ['USER', 'ADMIN', 'USER']]) {
      const res = await setRoles(user.user.id, roles, admin);
      expect(res.statusCode, JSON.stringify(roles)).toBe(400);
      expect(res.json().errors[0].field).toMatch(/^roles/);
    }
    const extra = await h.request('PUT', `/api/auth/users/${user.user.id}/roles`, {
      caller: h.callerOf(admin),
      body: { roles: ['USER'], email: 'takeover@example.com' },
    });
    expect(extra.json().errors).toEqual([{ field: 'email', message: 'is not allowed' }]);
    expect((await setRoles(crypto.randomUUID(), ['USER'], admin)).statusCode).toBe(404);
    const badId = await h.request('PUT', '/api/auth/users/not-a-uuid/roles', {
      caller: h.callerOf(admin),
      body: { roles: ['USER'] },
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('id');
  });
});

describe('no bootstrap variables', () => {
  it('creates no account at all, and half a pair or a weak password refuses to boot', async () => {
    const h = await startAuth();
    try {
      const { rows } = await h.infra.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      expect(rows[0]?.n).toBe(0);
      await expect(h.startInstance({ AUTH_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com' })).rejects.toThrow(
        'AUTH_BOOTSTRAP_ADMIN_PASSWORD is required',
      );
      await expect(h.startInstance({ AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'long enough password' })).rejects.toThrow(
        'AUTH_BOOTSTRAP_ADMIN_EMAIL is required',
      );
      await expect(
        h.startInstance({ AUTH_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com', AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'admin' }),
      ).rejects.toThrow('AUTH_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters');
    } finally {
      await h.close();
    }
  });
});
