// The gateway's rate limits at their configured thresholds (per IP on login, per user on placing orders, per client
// overall), answered 429 with Retry-After, on real Redis; and the body-size limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayClient, gatewayClient, type Session } from './support/gateway-client.ts';
import { type PlatformUnderTest, startPlatformUnderTest } from './support/platform-under-test.ts';
import { createStockedProduct, orderBody } from './support/shop.ts';

const LIMITS = {
  global: { max: 60, windowSeconds: 60 },
  'auth-login': { max: 3, windowSeconds: 60 },
  'auth-register': { max: 10, windowSeconds: 3600 },
  'auth-refresh': { max: 100, windowSeconds: 60 },
  'orders-place': { max: 2, windowSeconds: 60 },
};

let platform: PlatformUnderTest;
let gw: GatewayClient;
let ana: Session;
let ben: Session;

beforeAll(async () => {
  platform = await startPlatformUnderTest({
    GATEWAY_RATE_LIMITS: JSON.stringify(LIMITS),
    GATEWAY_BODY_LIMIT_BYTES: String(16 * 1024),
  });
  gw = gatewayClient(platform.urls.gateway as string);
  [ana, ben] = [await gw.register('ana'), await gw.register('ben')];
});
afterAll(async () => {
  await platform?.close();
});

const expectLimited = (res: { status: number; headers: Headers; body: unknown }) => {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
};

describe('rate limits', () => {
  it('login: the 4th attempt from one address within the window is 429, right password or not', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await gw.login(ana.email, i === 1 ? ana.password : 'wrong-password')).status);
    expect(statuses).toEqual([401, 200, 401]);
    expectLimited(await gw.login(ana.email, ana.password));
  });

  it('placing orders: the 3rd order of one customer is 429, another customer is not limited', async () => {
    const product = await createStockedProduct(platform, 1000, { main: 10 });
    const place = (who: Session) => gw.api('/api/orders', { token: who.access_token, body: orderBody(product, 1) });
    expect((await place(ana)).status).toBe(202);
    expect((await place(ana)).status).toBe(202);
    expectLimited(await place(ana));
    expect((await place(ben)).status).toBe(202);
  });

  it('overall: a client past the global limit is 429 on any route', async () => {
    let last = await gw.api('/api/products?limit=1', { token: ben.access_token });
    for (let i = 0; i < LIMITS.global.max && last.status !== 429; i++)
      last = await gw.api('/api/products?limit=1', { token: ben.access_token });
    expectLimited(last);
    expect(last.headers.get('x-ratelimit-limit')).toBe(String(LIMITS.global.max));
  });
});

describe('body limit', () => {
  it('a body over GATEWAY_BODY_LIMIT_BYTES is 413 before it reaches a service', async () => {
    const res = await gw.api('/api/users/me/addresses', {
      token: ana.access_token,
      body: { recipient: 'x'.repeat(20 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
