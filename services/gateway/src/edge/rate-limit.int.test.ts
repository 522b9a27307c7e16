// Rate limits in Redis: per client (user, else IP) on every route, per IP on login, per user on placing orders.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../testing/fake-upstream.ts';
import {
  closeFakes,
  createFixture,
  type Fixture,
  type RunningGateway,
  startFakes,
  startGateway,
} from '../testing/gateway-harness.ts';

const GLOBAL_MAX = 8;
const LOGIN_MAX = 3;
const ORDERS_MAX = 2;
const LIMITS = JSON.stringify({
  global: { max: GLOBAL_MAX, windowSeconds: 60 },
  'auth-login': { max: LOGIN_MAX, windowSeconds: 60 },
  'orders-place': { max: ORDERS_MAX },
});

/** A client address of its own per caller (the gateway trusts loopback proxies here, so x-forwarded-for counts). */
let lastIp = 0;
const newIp = () => `198.51.100.${++lastIp}`;

describe('rate limits (real Redis)', () => {
  let fixture: Fixture;
  let fakes: Record<string, FakeUpstream[]>;
  let gateway: RunningGateway;
  let second: RunningGateway;

  beforeAll(async () => {
    fixture = await createFixture();
    fakes = await startFakes(['cart', 'catalog', 'auth', 'orders', 'order-query']);
    const env = { GATEWAY_RATE_LIMITS: LIMITS, GATEWAY_TRUST_PROXY: 'loopback' };
    gateway = await startGateway(fixture, { upstreams: fakes, env });
    second = await startGateway(fixture, { upstreams: fakes, env });
  });
  afterAll(async () => {
    await gateway?.close();
    await second?.close();
    await closeFakes(fakes);
    await fixture?.close();
  });

  const received = (name: string) => fakes[name]?.[0]?.received.length ?? 0;

  it('allows max requests per user, refuses the next with 429 and Retry-After, and leaves other users alone', async () => {
    const ip = newIp();
    const alice = await fixture.issuer.token({ sub: randomUUID() });
    const bob = await fixture.issuer.token({ sub: randomUUID() });
    const headers = { 'x-forwarded-for': ip };
    for (let i = 1; i <= GLOBAL_MAX; i++) {
      const res = await gateway.send('GET', '/api/cart', { token: alice, headers });
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(GLOBAL_MAX));
      expect(res.headers['x-ratelimit-remaining']).toBe(String(GLOBAL_MAX - i));
      expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    }
    const before = received('cart');
    const limited = await gateway.send('GET', '/api/cart', { token: alice, headers });
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().type).toBe('urn:techcorp:problem:rate-limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(received('cart')).toBe(before);

    // Same address, another user: a separate budget.
    expect((await gateway.send('GET', '/api/cart', { token: bob, headers })).status).toBe(200);
  });

  it('limits anonymous callers by IP', async () => {
    const ip = newIp();
    for (let i = 0; i < GLOBAL_MAX; i++) {
      expect((await gateway.send('GET', '/api/products', { headers: { 'x-forwarded-for': ip } })).status).toBe(200);
    }
    expect((await gateway.send('GET', '/api/products', { headers: { 'x-forwarded-for': ip } })).status).toBe(429);
    const other = await gateway.send('GET', '/api/products', { headers: { 'x-forwarded-for': newIp() } });
    expect(other.status).toBe(200);
  });

  it('keys the login limit by IP, whoever claims to log in', async () => {
    const ip = newIp();
    const login = (body: object, token?: string, from = ip) =>
      gateway.send('POST', '/api/auth/login', {
        headers: { 'x-forwarded-for': from, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        token,
      });
    for (let i = 0; i < LOGIN_MAX; i++) expect((await login({ email: `u${i}@example.com` })).status).toBe(200);
    const before = received('auth');
    const refused = await login({ email: 'fresh@example.com' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['x-ratelimit-limit']).toBe(String(LOGIN_MAX));
    // A token (another user) does not buy a fresh login budget from the same address.
    expect((await login({ email: 'x@example.com' }, await fixture.issuer.token())).status).toBe(429);
    expect(received('auth')).toBe(before);
    expect((await login({ email: 'fresh@example.com' }, undefined, newIp())).status).toBe(200);
  });

  it('limits placing orders per user without touching reads of orders', async () => {
    const carol = await fixture.issuer.token({ sub: randomUUID() });
    const dave = await fixture.issuer.token({ sub: randomUUID() });
    const place = (token: string) => gateway.send('POST', '/api/orders', { token, body: '{}' });
    for (let i = 0; i < ORDERS_MAX; i++) expect((await place(carol)).status).toBe(200);
    expect((await place(carol)).status).toBe(429);
    expect((await gateway.send('GET', '/api/orders', { token: carol })).status).toBe(200);
    expect((await place(dave)).status).toBe(200);
  });

  it('shares counters between gateway instances (the store is Redis)', async () => {
    const erin = await fixture.issuer.token({ sub: randomUUID() });
    const statuses: number[] = [];
    for (let i = 0; i <= GLOBAL_MAX; i++) {
      statuses.push((await (i % 2 === 0 ? gateway : second).send('GET', '/api/cart', { token: erin })).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(GLOBAL_MAX);
    expect(statuses.at(-1)).toBe(429);
  });

  it('never limits health and metrics endpoints', async () => {
    for (let i = 0; i < GLOBAL_MAX * 2; i++) {
      const live = await gateway.send('GET', '/health/live');
      expect(live.status).toBe(200);
      expect(live.headers['x-ratelimit-limit']).toBeUndefined();
      expect((await gateway.send('GET', '/health/ready')).status).toBe(200);
      expect((await gateway.send('GET', '/metrics')).status).toBe(200);
    }
  });
});
