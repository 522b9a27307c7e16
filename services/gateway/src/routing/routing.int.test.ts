// Every routing-table row reaches the right upstream with the right path; public rows need no token, the rest do.
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
import { UPSTREAMS } from './route-table.ts';

type Caller = 'anonymous' | 'user' | 'admin';
const id = randomUUID();

/** [method, path as sent, caller, upstream, path the upstream receives] */
const ROWS: [string, string, Caller, string, string][] = [
  ['GET', '/.well-known/jwks.json', 'anonymous', 'auth', '/.well-known/jwks.json'],
  ['POST', '/api/auth/register', 'anonymous', 'auth', '/api/auth/register'],
  ['POST', '/api/auth/login', 'anonymous', 'auth', '/api/auth/login'],
  ['POST', '/api/auth/login/mfa', 'anonymous', 'auth', '/api/auth/login/mfa'],
  ['POST', '/api/auth/refresh', 'anonymous', 'auth', '/api/auth/refresh'],
  ['POST', '/api/auth/oauth/token', 'anonymous', 'auth', '/api/auth/oauth/token'],
  ['POST', '/api/auth/logout', 'user', 'auth', '/api/auth/logout'],
  ['GET', '/api/auth/sessions', 'user', 'auth', '/api/auth/sessions'],
  ['GET', '/api/users', 'admin', 'users', '/api/users'],
  ['PUT', `/api/users/${id}/addresses/1`, 'user', 'users', `/api/users/${id}/addresses/1`],
  ['GET', '/api/products?q=shoe&page=2', 'anonymous', 'catalog', '/api/products?q=shoe&page=2'],
  ['GET', `/api/products/${id}`, 'anonymous', 'catalog', `/api/products/${id}`],
  ['HEAD', `/api/products/${id}`, 'anonymous', 'catalog', `/api/products/${id}`],
  ['GET', '/api/categories', 'anonymous', 'catalog', '/api/categories'],
  ['GET', '/api/brands/7', 'anonymous', 'catalog', '/api/brands/7'],
  ['POST', '/api/products', 'admin', 'catalog', '/api/products'],
  ['PUT', '/api/categories/3', 'admin', 'catalog', '/api/categories/3'],
  ['DELETE', '/api/brands/7', 'admin', 'catalog', '/api/brands/7'],
  ['GET', '/api/search?q=red%20shoe', 'anonymous', 'search', '/api/search?q=red%20shoe'],
  ['GET', '/api/search/suggest?q=re', 'anonymous', 'search', '/api/search/suggest?q=re'],
  ['POST', '/api/search/reindex', 'admin', 'search', '/api/search/reindex'],
  ['GET', '/api/search/reindex', 'admin', 'search', '/api/search/reindex'],
  ['GET', '/api/cart', 'anonymous', 'cart', '/api/cart'],
  ['POST', '/api/cart/items', 'anonymous', 'cart', '/api/cart/items'],
  ['GET', `/api/inventory/${id}`, 'admin', 'inventory', `/api/inventory/${id}`],
  ['POST', '/api/payments', 'user', 'payments', '/api/payments'],
  ['GET', '/api/orders', 'user', 'order-query', '/api/orders'],
  ['GET', '/api/orders?status=COMPLETED', 'user', 'order-query', '/api/orders?status=COMPLETED'],
  ['GET', `/api/orders/customer/${id}`, 'user', 'order-query', `/api/orders/customer/${id}`],
  ['GET', '/api/orders/search?q=lamp', 'admin', 'order-query', '/api/orders/search?q=lamp'],
  ['GET', '/api/orders/analytics', 'admin', 'order-query', '/api/orders/analytics'],
  ['GET', '/api/orders/read-model/rebuild', 'admin', 'order-query', '/api/orders/read-model/rebuild'],
  ['POST', '/api/orders/read-model/rebuild', 'admin', 'order-query', '/api/orders/read-model/rebuild'],
  ['POST', '/api/orders', 'user', 'orders', '/api/orders'],
  ['GET', `/api/orders/${id}`, 'user', 'orders', `/api/orders/${id}`],
  ['DELETE', `/api/orders/${id}`, 'user', 'orders', `/api/orders/${id}`],
  ['PUT', `/api/orders/${id}/status`, 'admin', 'orders', `/api/orders/${id}/status`],
  ['GET', '/api/orders/replay?after=0', 'admin', 'orders', '/api/orders/replay?after=0'],
  ['GET', `/api/orders/${id}/events`, 'admin', 'orders', `/api/orders/${id}/events`],
  ['GET', `/api/orders/${id}/as-of?at=2025-01-01`, 'admin', 'orders', `/api/orders/${id}/as-of?at=2025-01-01`],
  ['GET', '/api/admin/orders/dead-letters', 'admin', 'orders', '/admin/dead-letters'],
  ['GET', '/api/admin/inventory/dead-letters/inv.q?limit=5', 'admin', 'inventory', '/admin/dead-letters/inv.q?limit=5'],
  ['POST', '/api/admin/payments/dead-letters/pay.q/replay', 'admin', 'payments', '/admin/dead-letters/pay.q/replay'],
  ['GET', '/api/admin/order-query/dead-letters', 'admin', 'order-query', '/admin/dead-letters'],
  ['GET', '/api/admin/catalog/dead-letters', 'admin', 'catalog', '/admin/dead-letters'],
];

describe('gateway routing (real Redis)', () => {
  let fixture: Fixture;
  let fakes: Record<string, FakeUpstream[]>;
  let gateway: RunningGateway;
  const tokens: Record<Caller, string | undefined> = { anonymous: undefined, user: undefined, admin: undefined };

  beforeAll(async () => {
    fixture = await createFixture();
    fakes = await startFakes(UPSTREAMS);
    gateway = await startGateway(fixture, { upstreams: fakes });
    tokens.user = await fixture.issuer.token({ roles: ['USER'] });
    tokens.admin = await fixture.issuer.token({ roles: ['USER', 'ADMIN'] });
  });
  afterAll(async () => {
    await gateway?.close();
    await closeFakes(fakes);
    await fixture?.close();
  });

  const lastReceived = (upstream: string) => fakes[upstream]?.[0]?.received.at(-1);
  const totalReceived = () => Object.values(fakes).reduce((n, list) => n + (list[0]?.received.length ?? 0), 0);

  it.each(ROWS)('%s %s (%s) reaches %s as %s', async (method, path, caller, upstream, upstreamPath) => {
    const before = fakes[upstream]?.[0]?.received.length ?? 0;
    const body = ['POST', 'PUT'].includes(method) ? '{"a":1}' : undefined;
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
    const res = await gateway.send(method, path, { token: tokens[caller], body, headers });
    expect(res.status).toBe(200);
    expect(res.headers['x-upstream']).toBe(upstream);
    expect(fakes[upstream]?.[0]?.received.length).toBe(before + 1);
    const seen = lastReceived(upstream);
    expect(seen?.method).toBe(method);
    expect(seen?.url).toBe(upstreamPath);
    if (body) expect(seen?.body).toBe(body);
  });

  it.each([
    ['GET', '/'],
    ['GET', '/api/nothing'],
    ['GET', '/api/productsX'],
    ['POST', '/api/search'],
    ['GET', '/api/admin/notifications/dead-letters'],
    ['GET', '/health'],
    ['GET', '/admin/dead-letters'],
  ])('%s %s is a 404 problem from the gateway itself', async (method, path) => {
    const before = totalReceived();
    const res = await gateway.send(method, path, { token: tokens.admin });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().status).toBe(404);
    expect(totalReceived()).toBe(before);
  });

  it.each([
    ['/api/products/../admin/dead-letters'],
    ['/api/products/%2e%2e/orders'],
    ['/api/products/a%2Fb'],
    ['/api//orders'],
  ])('a path not in normal form (%s) is a 400 problem and is not forwarded', async (path) => {
    const before = totalReceived();
    const res = await gateway.send('GET', path, { token: tokens.admin });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(totalReceived()).toBe(before);
  });

  const protectedRows = ROWS.filter(([, , caller]) => caller !== 'anonymous');
  it.each(protectedRows)('%s %s without a token is 401 with WWW-Authenticate: Bearer', async (method, path) => {
    const before = totalReceived();
    const res = await gateway.send(method, path);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(totalReceived()).toBe(before);
  });

  const adminRows = ROWS.filter(([, path]) => path.startsWith('/api/admin/'));
  it.each(adminRows)('%s %s as a customer is 403 at the gateway', async (method, path) => {
    const before = totalReceived();
    const res = await gateway.send(method, path, { token: tokens.user });
    expect(res.status).toBe(403);
    expect(totalReceived()).toBe(before);
  });

  it('GET /api/gateway/upstreams is for admins only and lists instances without secrets', async () => {
    expect((await gateway.send('GET', '/api/gateway/upstreams')).status).toBe(401);
    expect((await gateway.send('GET', '/api/gateway/upstreams', { token: tokens.user })).status).toBe(403);
    const res = await gateway.send('GET', '/api/gateway/upstreams', { token: tokens.admin });
    expect(res.status).toBe(200);
    const orders = res.json().upstreams.find((u: { name: string }) => u.name === 'orders');
    expect(orders).toEqual({
      name: 'orders',
      breaker: 'closed',
      instances: [{ url: fakes.orders?.[0]?.url, healthy: true, failedChecks: 0 }],
    });
    expect(res.text).not.toContain(fixture.infra.env.GATEWAY_IDENTITY_SECRET);
  });
});
