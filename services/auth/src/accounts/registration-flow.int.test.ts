// The account lifecycle end to end: register (user.registered in the outbox) -> login -> me -> refresh -> logout.
import { validateEnvelope } from '@techcorp/contracts';
import { revokedSessionKey } from '@techcorp/platform';
import { customerCaller, waitFor } from '@techcorp/platform/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHarness, PASSWORD, startAuth, uniqueEmail } from '../testing/auth-harness.ts';

// Real servers as the brief requires; embedded as well, since the embedded runner runs this same SQL on PGlite.
describe.each([
  ['real PostgreSQL, Redis, RabbitMQ', false],
  ['embedded PGlite, memory kv and bus', true],
])('account lifecycle (%s)', (_adapters, embedded) => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuth({ embedded });
  });
  afterAll(async () => {
    await h?.assertNoSecretsLeaked();
    await h?.close();
  });

  const login = (email: string, password = PASSWORD) =>
    h.request('POST', '/api/auth/login', { caller: null, body: { email, password } });

  it('register -> login -> me -> refresh (rotated) -> logout (refresh refused, revoked session key set)', async () => {
    const email = uniqueEmail('ada');
    const reg = await h.request('POST', '/api/auth/register', {
      caller: null,
      body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: ' Ada Lovelace ' },
      headers: { 'user-agent': 'vitest-browser/1.0' },
    });
    expect(reg.statusCode).toBe(201);
    expect(reg.headers['cache-control']).toBe('no-store');
    const registered = reg.json();
    expect(registered).toMatchObject({ user: { email, name: 'Ada Lovelace', roles: ['USER'] }, token_type: 'Bearer' });
    expect(registered.expires_in).toBe(300);
    expect(registered.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const userId = registered.user.id as string;

    // user.registered was enqueued in the registration's transaction, validates against the contract, has no secret.
    const [event] = await h.outbox('user.registered');
    expect(event).toBeDefined();
    expect(validateEnvelope(event).data).toEqual({
      userId,
      email,
      name: 'Ada Lovelace',
      registeredAt: expect.any(String),
    });
    const eventText = JSON.stringify(event);
    expect(eventText).not.toContain(PASSWORD);
    expect(eventText).not.toMatch(/password|argon2/i);
    await waitFor(
      async () =>
        (
          await h.infra.sql.query('SELECT 1 FROM outbox WHERE published_at IS NOT NULL AND message_id = $1', [
            event!.id,
          ])
        ).rowCount === 1,
      { description: 'user.registered published by the relay' },
    );

    const loggedIn = await login(email);
    expect(loggedIn.statusCode).toBe(200);
    const tokens = loggedIn.json();
    expect(tokens.user).toEqual({ id: userId, email, name: 'Ada Lovelace', roles: ['USER'] });
    const claims = decodeJwt(tokens.access_token);
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(claims).toMatchObject({
      iss: 'https://auth.techcorp.com',
      aud: 'techcorp-services',
      sub: userId,
      email,
      roles: ['USER'],
      token_use: 'access',
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const caller = h.callerOf(tokens.access_token);
    expect(caller.sessionId).toBe(claims.sid);

    // The kv mirrors the session (seed 001) with the refresh token's digest, never the token.
    const cached = JSON.parse((await h.infra.kv.get(`session:${claims.sid}`)) ?? 'null');
    expect(cached).toMatchObject({ user_id: userId, device_info: { ip: '203.0.113.10' } });
    expect(cached.refresh_token).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(cached)).not.toContain(tokens.refresh_token);
    expect(await h.infra.kv.ttl(`session:${claims.sid}`)).toBeGreaterThan(6 * 24 * 3600 * 1000);

    const me = await h.request('GET', '/api/auth/me', { caller });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: userId,
      email,
      name: 'Ada Lovelace',
      roles: ['USER'],
      mfa_enabled: false,
      created_at: expect.any(String),
    });

    const refreshed = await h.request('POST', '/api/auth/refresh', {
      caller: null,
      body: { refresh_token: tokens.refresh_token },
    });
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json();
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(decodeJwt(next.access_token).sid).toBe(claims.sid);
    const cachedAfter = JSON.parse((await h.infra.kv.get(`session:${claims.sid}`)) ?? 'null');
    expect(cachedAfter.refresh_token).not.toBe(cached.refresh_token);

    const logout = await h.request('POST', '/api/auth/logout', { caller: h.callerOf(next.access_token) });
    expect(logout.statusCode).toBe(204);
    expect(await h.infra.kv.get(revokedSessionKey(claims.sid as string))).not.toBeNull();
    const markerTtl = await h.infra.kv.ttl(revokedSessionKey(claims.sid as string));
    expect(markerTtl).toBeGreaterThan(300_000);
    expect(markerTtl).toBeLessThanOrEqual(360_000);
    expect(await h.infra.kv.get(`session:${claims.sid}`)).toBeNull();

    const afterLogout = await h.request('POST', '/api/auth/refresh', {
      caller: null,
      body: { refresh_token: next.refresh_token },
    });
    expect(afterLogout.statusCode).toBe(401);
    const { rows } = await h.infra.sql.query<{ revoked_reason: string }>(
      'SELECT revoked_reason FROM sessions WHERE id = $1',
      [claims.sid],
    );
    expect(rows[0]?.revoked_reason).toBe('logout');
  });

  it('refresh rotates: the previous refresh token is refused after use', async () => {
    const { refresh_token } = await h.register();
    const first = await h.request('POST', '/api/auth/refresh', { caller: null, body: { refresh_token } });
    expect(first.statusCode).toBe(200);
    const again = await h.request('POST', '/api/auth/refresh', { caller: null, body: { refresh_token } });
    expect(again.statusCode).toBe(401);
  });

  it('a duplicate e-mail (any case, any spacing) is 409 and adds no user, session or event', async () => {
    const email = uniqueEmail('dup');
    await h.register({ email });
    const count = async () =>
      (
        await h.infra.sql.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM users)::int + (SELECT count(*) FROM sessions)::int
             + (SELECT count(*) FROM outbox)::int AS n`,
        )
      ).rows[0]!.n;
    const before = await count();
    const res = await h.request('POST', '/api/auth/register', {
      caller: null,
      body: { email: ` ${email.toUpperCase()}`, password: 'another long password', name: 'Someone Else' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(await count()).toBe(before);
  });

  it('a service token is not a user: /me answers 403 for a client identity', async () => {
    const res = await h.request('GET', '/api/auth/me', { caller: { subject: 'order-query', roles: ['SERVICE'] } });
    expect(res.statusCode).toBe(403);
  });

  it('an unknown user id vouched for by the gateway is 401 on /me', async () => {
    const res = await h.request('GET', '/api/auth/me', { caller: customerCaller(crypto.randomUUID()) });
    expect(res.statusCode).toBe(401);
  });
});
