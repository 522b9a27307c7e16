// A user's sessions: listing only their own, deleting one (another user's is 404), password change ends the others.
import { revokedSessionKey } from '@techcorp/platform';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHarness, PASSWORD, startAuth } from '../testing/auth-harness.ts';

describe('sessions of a user (real PostgreSQL, Redis)', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuth();
  });
  afterAll(async () => {
    await h?.assertNoSecretsLeaked();
    await h?.close();
  });

  const login = async (email: string, password = PASSWORD, userAgent = 'phone/2.0') => {
    const res = await h.request('POST', '/api/auth/login', {
      caller: null,
      body: { email, password },
      headers: { 'user-agent': userAgent },
    });
    return { status: res.statusCode, body: res.json() };
  };
  const refresh = (refresh_token: string) =>
    h.request('POST', '/api/auth/refresh', { caller: null, body: { refresh_token } });
  const sidOf = (accessToken: string) => decodeJwt(accessToken).sid as string;

  it('lists only the caller’s live sessions, marking the current one', async () => {
    const alice = await h.register();
    const second = (await login(alice.user.email)).body;
    const bob = await h.register();

    const res = await h.request('GET', '/api/auth/sessions', { caller: h.callerOf(second.access_token) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; current: boolean; user_agent: string | null; ip: string }[];
    expect(items.map((s) => s.id).sort()).toEqual([sidOf(alice.access_token), sidOf(second.access_token)].sort());
    expect(items.find((s) => s.current)?.id).toBe(sidOf(second.access_token));
    expect(items.find((s) => s.current)?.user_agent).toBe('phone/2.0');
    expect(items.every((s) => s.ip === '203.0.113.10')).toBe(true);
    expect(items.map((s) => s.id)).not.toContain(sidOf(bob.access_token));
  });

  it('deleting another user’s session is 404 and leaves it working; deleting one’s own ends it', async () => {
    const alice = await h.register();
    const aliceOther = (await login(alice.user.email)).body;
    const bob = await h.register();
    const asAlice = h.callerOf(alice.access_token);

    const foreign = await h.request('DELETE', `/api/auth/sessions/${sidOf(bob.access_token)}`, { caller: asAlice });
    expect(foreign.statusCode).toBe(404);
    const missing = await h.request('DELETE', `/api/auth/sessions/${crypto.randomUUID()}`, { caller: asAlice });
    expect(missing.statusCode).toBe(404);
    expect(missing.body.replace(/"instance":"[^"]*"/, '')).toBe(foreign.body.replace(/"instance":"[^"]*"/, ''));
    expect((await refresh(bob.refresh_token)).statusCode).toBe(200);

    const own = await h.request('DELETE', `/api/auth/sessions/${sidOf(aliceOther.access_token)}`, { caller: asAlice });
    expect(own.statusCode).toBe(204);
    expect(await h.infra.kv.get(revokedSessionKey(sidOf(aliceOther.access_token)))).not.toBeNull();
    expect((await refresh(aliceOther.refresh_token)).statusCode).toBe(401);
    const list = await h.request('GET', '/api/auth/sessions', { caller: asAlice });
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([sidOf(alice.access_token)]);
  });

  it('a password change revokes every other session and keeps the current one', async () => {
    const alice = await h.register();
    const others = [(await login(alice.user.email)).body, (await login(alice.user.email)).body];
    const caller = h.callerOf(alice.access_token);

    const wrong = await h.request('POST', '/api/auth/password', {
      caller,
      body: { current_password: 'not my password at all', new_password: 'a brand new passphrase' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'current_password', message: 'is incorrect' }]);

    const weak = await h.request('POST', '/api/auth/password', {
      caller,
      body: { current_password: PASSWORD, new_password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('new_password');

    const changed = await h.request('POST', '/api/auth/password', {
      caller,
      body: { current_password: PASSWORD, new_password: 'a brand new passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    for (const other of others) {
      expect((await refresh(other.refresh_token)).statusCode).toBe(401);
      expect(await h.infra.kv.get(revokedSessionKey(sidOf(other.access_token)))).not.toBeNull();
    }
    expect((await refresh(alice.refresh_token)).statusCode).toBe(200);
    expect((await login(alice.user.email)).status).toBe(401);
    expect((await login(alice.user.email, 'a brand new passphrase')).status).toBe(200);
  });

  it('logout without a session in the token is a 400, and a service caller is refused', async () => {
    const alice = await h.register();
    const noSession = await h.request('POST', '/api/auth/logout', {
      caller: { subject: alice.user.id, roles: ['USER'] },
    });
    expect(noSession.statusCode).toBe(400);
    const service = await h.request('GET', '/api/auth/sessions', { caller: { subject: 'orders', roles: ['SERVICE'] } });
    expect(service.statusCode).toBe(403);
  });

  it('sessions that ended over 30 days ago are purged with their tokens; live ones and recent ones stay', async () => {
    const old = await h.register();
    const recent = await h.register();
    const live = await h.register();
    await refresh(live.refresh_token);
    await h.infra.sql.query(
      `UPDATE sessions SET created_at = now() - interval '40 days', expires_at = now() - interval '31 days'
       WHERE id = $1`,
      [sidOf(old.access_token)],
    );
    await h.infra.sql.query(
      `UPDATE sessions SET revoked_at = now() - interval '29 days', revoked_reason = 'logout'
       WHERE id = $1`,
      [sidOf(recent.access_token)],
    );
    expect(await h.handle.purgeEndedSessions()).toBe(1);
    const { rows } = await h.infra.sql.query<{ id: string; tokens: number }>(
      `SELECT s.id, (SELECT count(*) FROM refresh_tokens t WHERE t.session_id = s.id)::int AS tokens
       FROM sessions s WHERE s.id = ANY($1::uuid[])`,
      [[old, recent, live].map((r) => sidOf(r.access_token))],
    );
    expect(new Map(rows.map((r) => [r.id, r.tokens]))).toEqual(
      new Map([
        [sidOf(recent.access_token), 1],
        [sidOf(live.access_token), 2],
      ]),
    );
    expect(
      (await h.infra.sql.query('SELECT 1 FROM refresh_tokens WHERE session_id = $1', [sidOf(old.access_token)]))
        .rowCount,
    ).toBe(0);
  });

  it('every authenticated route refuses an anonymous caller with 401', async () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/auth/logout'],
      ['GET', '/api/auth/me'],
      ['GET', '/api/auth/sessions'],
      ['DELETE', `/api/auth/sessions/${crypto.randomUUID()}`],
      ['POST', '/api/auth/password', { current_password: PASSWORD, new_password: 'whatever new password' }],
      ['POST', '/api/auth/mfa/totp'],
      ['POST', '/api/auth/mfa/totp/verify', { code: '123456' }],
      ['DELETE', '/api/auth/mfa/totp', { code: '123456' }],
    ];
    for (const [method, url, body] of routes) {
      for (const caller of [null, undefined]) {
        const res = await h.request(method, url, { caller, body });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
      }
    }
  });
});
