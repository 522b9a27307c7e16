// Through the gateway on real PostgreSQL, RabbitMQ and Redis: register -> login -> call -> refresh -> logout,
// refresh-token reuse and races, TOTP MFA, signing-key rotation under traffic, and no secret in any answer or log.
import { Writable } from 'node:stream';
import { createLogger } from '@techcorp/platform';
import { waitFor } from '@techcorp/platform/testing';
import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayClient, gatewayClient } from './support/gateway-client.ts';
import { E2E_ADMIN, E2E_ENV, type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';
import { createStockedProduct, orderBody } from './support/shop.ts';

let platform: PlatformUnderTest;
let gw: GatewayClient;
const logLines: string[] = [];
/** Every secret the tests handle; none may appear in a log line, and the server-side ones in no answer either. */
const secretsSeen = new Set<string>();

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  platform = await startPlatformUnderTest({}, 'real', { logger: createLogger('e2e', 'debug', sink) });
  gw = gatewayClient(platform.urls.gateway as string);
});
afterAll(async () => {
  await platform?.close();
});

const keep = <T extends string>(secret: T): T => {
  secretsSeen.add(secret);
  return secret;
};

describe('a customer session through the gateway', () => {
  it('registers, logs in, calls the platform, refreshes (rotating) and logs out', async () => {
    const alice = await gw.register('alice');
    keep(alice.password);
    keep(alice.refresh_token);
    expect(alice.user.roles).toEqual(['USER']);
    expect(alice.access_token.split('.')).toHaveLength(3);

    const login = await gw.login(alice.email, alice.password);
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toContain('no-store');
    const { access_token: access, refresh_token: refresh } = login.body;
    keep(access);
    keep(refresh);

    const me = await gw.api('/api/auth/me', { token: access });
    expect(me.body).toMatchObject({ id: alice.user.id, email: alice.email, roles: ['USER'], mfa_enabled: false });
    // users builds the profile from user.registered; then the address book is there to order with.
    await waitFor(async () => (await gw.api('/api/users/me', { token: access })).status === 200, {
      description: 'profile created from user.registered',
    });
    const address = await gw.api('/api/users/me/addresses', {
      token: access,
      body: {
        label: 'home',
        recipient: 'Alice Tester',
        line1: 'Rua A 1',
        city: 'Recife',
        postal_code: '50000-000',
        country: 'BR',
      },
    });
    expect(address.status, JSON.stringify(address.body)).toBe(201);
    const product = await createStockedProduct(platform, 1500, { main: 3 });
    const { shipping_address: _inline, ...body } = orderBody(product, 1);
    const placed = await gw.api('/api/orders', {
      token: access,
      body: { ...body, shipping_address_id: address.body.id },
      headers: { prefer: 'wait=20' },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body).toMatchObject({ status: 'CONFIRMED', customer_id: alice.user.id });
    expect(placed.body.shipping_address).toMatchObject({ name: 'Alice Tester', city: 'Recife', country: 'BR' });

    const rotated = await gw.api('/api/auth/refresh', { body: { refresh_token: refresh } });
    expect(rotated.status).toBe(200);
    keep(rotated.body.refresh_token);
    expect(rotated.body.refresh_token).not.toBe(refresh);
    expect((await gw.api('/api/auth/me', { token: rotated.body.access_token })).status).toBe(200);

    expect((await gw.api('/api/auth/logout', { method: 'POST', token: rotated.body.access_token })).status).toBe(204);
    // Logged out: the session's refresh token is dead and its access token is refused at once, not at expiry.
    expect((await gw.api('/api/auth/refresh', { body: { refresh_token: rotated.body.refresh_token } })).status).toBe(
      401,
    );
    expect((await gw.api('/api/auth/me', { token: rotated.body.access_token })).status).toBe(401);
    // The first registration session is another session: still alive.
    expect((await gw.api('/api/auth/me', { token: alice.access_token })).status).toBe(200);
  });

  it('reusing a spent refresh token revokes the whole family', async () => {
    const bob = await gw.register('bob');
    const first = await gw.api('/api/auth/refresh', { body: { refresh_token: bob.refresh_token } });
    expect(first.status).toBe(200);
    const replay = await gw.api('/api/auth/refresh', { body: { refresh_token: bob.refresh_token } });
    expect(replay.status).toBe(401);
    expect((await gw.api('/api/auth/refresh', { body: { refresh_token: first.body.refresh_token } })).status).toBe(401);
    expect((await gw.api('/api/auth/me', { token: first.body.access_token })).status).toBe(401);
  });

  it('two parallel refreshes with one token: at most one succeeds', async () => {
    for (let round = 0; round < 3; round++) {
      const carol = await gw.register('carol');
      const results = await Promise.all(
        [0, 1, 2].map(() => gw.api('/api/auth/refresh', { body: { refresh_token: carol.refresh_token } })),
      );
      expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
      expect(results.every((r) => r.status === 200 || r.status === 401)).toBe(true);
    }
  });

  it('lists and ends its own sessions', async () => {
    const dan = await gw.register('dan');
    const second = await gw.login(dan.email, dan.password);
    const listed = await gw.api('/api/auth/sessions', { token: second.body.access_token });
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const other = listed.body.items.find((s: { current: boolean }) => !s.current);
    expect(
      (await gw.api(`/api/auth/sessions/${other.id}`, { method: 'DELETE', token: second.body.access_token })).status,
    ).toBe(204);
    expect((await gw.api('/api/auth/me', { token: dan.access_token })).status).toBe(401);
  });
});

describe('TOTP multi-factor authentication', () => {
  it('enrols, then a login needs the code; a code works once; a recovery code works once', async () => {
    const erin = await gw.register('erin');
    const enrol = await gw.api('/api/auth/mfa/totp', { method: 'POST', token: erin.access_token });
    expect(enrol.status).toBe(200);
    const totp = new TOTP({ secret: keep(enrol.body.secret), algorithm: 'SHA1', digits: 6, period: 30 });
    const enrolmentCode = totp.generate();
    const verified = await gw.api('/api/auth/mfa/totp/verify', {
      token: erin.access_token,
      body: { code: enrolmentCode },
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const recovery: string[] = verified.body.recovery_codes;
    expect(recovery).toHaveLength(10);
    for (const code of recovery) keep(code);

    const challenged = await gw.login(erin.email, erin.password);
    expect(challenged.body).toMatchObject({ mfa_required: true });
    expect(challenged.body.access_token).toBeUndefined();
    // The enrolment code's time step is spent: the same code cannot open a session.
    const replayed = await gw.api('/api/auth/login/mfa', {
      body: { mfa_token: challenged.body.mfa_token, code: enrolmentCode },
    });
    expect(replayed.status).toBe(401);

    const withRecovery = await gw.api('/api/auth/login/mfa', {
      body: { mfa_token: (await gw.login(erin.email, erin.password)).body.mfa_token, recovery_code: recovery[0] },
    });
    expect(withRecovery.status, JSON.stringify(withRecovery.body)).toBe(200);
    expect((await gw.api('/api/auth/me', { token: withRecovery.body.access_token })).body.mfa_enabled).toBe(true);
    const again = await gw.api('/api/auth/login/mfa', {
      body: { mfa_token: (await gw.login(erin.email, erin.password)).body.mfa_token, recovery_code: recovery[0] },
    });
    expect(again.status).toBe(401);
  });
});

describe('signing-key rotation', () => {
  it('rotates under traffic without a single refused request, and publishes both keys meanwhile', async () => {
    const admin = await gw.login(E2E_ADMIN.email, E2E_ADMIN.password);
    expect(admin.status, JSON.stringify(admin.body)).toBe(200);
    const frank = await gw.register('frank');
    const before = await gw.api('/.well-known/jwks.json');
    const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString()).kid;
    expect(before.body.keys.map((k: { kid: string }) => k.kid)).toContain(kidOf(frank.access_token));

    let running = true;
    const statuses: number[] = [];
    const traffic = (async () => {
      while (running) {
        const fresh = await gw.login(frank.email, frank.password);
        statuses.push(fresh.status, (await gw.api('/api/auth/me', { token: fresh.body.access_token })).status);
        statuses.push((await gw.api('/api/auth/me', { token: frank.access_token })).status);
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const rotated = await gw.api('/api/auth/keys/rotate', { method: 'POST', token: admin.body.access_token });
    expect(rotated.status, JSON.stringify(rotated.body)).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 700));
    running = false;
    await traffic;

    expect(statuses.length).toBeGreaterThan(6);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const after = await gw.api('/.well-known/jwks.json');
    expect(after.body.keys).toHaveLength(2);
    const newLogin = await gw.login(frank.email, frank.password);
    expect(kidOf(newLogin.body.access_token)).not.toBe(kidOf(frank.access_token));
    expect((await gw.api('/api/auth/me', { token: frank.access_token })).status).toBe(200);
  });
});

describe('secrets stay secret', () => {
  it('no answer carries a password hash, and no log line a password, token, code or platform secret', async () => {
    const answers = gw.bodies.join('\n');
    expect(answers).not.toMatch(/\$argon2/);
    expect(answers).not.toMatch(/password_hash|passwordHash/);
    for (const name of ['GATEWAY_IDENTITY_SECRET', 'AUTH_KEY_ENCRYPTION_KEY', 'SERVICE_CLIENT_SECRET'] as const)
      secretsSeen.add(E2E_ENV[name] as string);
    secretsSeen.add(E2E_ADMIN.password);
    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(100);
    expect(logs).not.toMatch(/\$argon2/);
    const leaked = [...secretsSeen].filter((secret) => logs.includes(secret));
    expect(leaked).toEqual([]);
    // Access tokens are secrets too: none of the JWTs issued above (three dot-separated base64url parts) is logged.
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/);
  });
});
