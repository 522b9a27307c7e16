// The edge's own answers: body-size limit, bodies passed through untouched, CORS for allowed origins only.
import { Readable } from 'node:stream';
import { createKv } from '@techcorp/platform';
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

const SHOP = 'https://shop.example.com';
const ADMIN = 'https://admin.example.com';
const LIMIT = 1024;

describe('edge behaviour (real Redis)', () => {
  let fixture: Fixture;
  let fakes: Record<string, FakeUpstream[]>;
  let gateway: RunningGateway;
  let noCors: RunningGateway;

  beforeAll(async () => {
    fixture = await createFixture();
    fakes = await startFakes(['auth', 'catalog', 'orders', 'payments']);
    gateway = await startGateway(fixture, {
      upstreams: fakes,
      env: { GATEWAY_BODY_LIMIT_BYTES: String(LIMIT), GATEWAY_CORS_ORIGINS: `${SHOP}, ${ADMIN}` },
    });
    noCors = await startGateway(fixture, { upstreams: fakes });
  });
  afterAll(async () => {
    await gateway?.close();
    await noCors?.close();
    await closeFakes(fakes);
    await fixture?.close();
  });

  const received = (name: string) => fakes[name]?.[0]?.received ?? [];

  describe('bodies', () => {
    it('refuses a body over the limit with 413 problem+json and forwards nothing', async () => {
      const before = received('auth').length;
      const res = await gateway.send('POST', '/api/auth/register', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ padding: 'x'.repeat(LIMIT * 2) }),
      });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().status).toBe(413);
      expect(received('auth').length).toBe(before);
    });

    it('refuses a chunked body (no content-length) that grows over the limit', async () => {
      const before = received('auth').length;
      const chunks = Array.from({ length: 8 }, () => Buffer.alloc(LIMIT / 2, 'a'));
      const res = await gateway.send('POST', '/api/auth/register', {
        headers: { 'content-type': 'application/json' },
        body: Readable.from(chunks),
      });
      expect(res.status).toBe(413);
      expect(received('auth').length).toBe(before);
    });

    it('passes a body at the limit through byte for byte, whatever its type, without parsing it', async () => {
      const exact = 'y'.repeat(LIMIT);
      const atLimit = await gateway.send('POST', '/api/auth/register', {
        headers: { 'content-type': 'text/plain' },
        body: exact,
      });
      expect(atLimit.status).toBe(200);
      expect(received('auth').at(-1)?.body).toBe(exact);
      expect(received('auth').at(-1)?.headers['content-type']).toBe('text/plain');

      const broken = '{"email": ';
      const res = await gateway.send('POST', '/api/auth/login', {
        headers: { 'content-type': 'application/json' },
        body: broken,
      });
      expect(res.status).toBe(200);
      expect(received('auth').at(-1)?.body).toBe(broken);
      expect(received('auth').at(-1)?.headers['content-length']).toBe(String(broken.length));
    });
  });

  describe('a store outage', () => {
    it('lets requests through without limits, but refuses session tokens it cannot check for revocation', async () => {
      // A real Redis client that has been closed: every command fails the way an outage does.
      const broken = await createKv({ kind: 'redis', url: fixture.infra.env.REDIS_URL as string, keyPrefix: 'gw-x:' });
      await broken.close();
      const own = await startGateway(fixture, {
        upstreams: fakes,
        kv: broken,
        env: { GATEWAY_RATE_LIMITS: '{"global": {"max": 1}}' },
      });
      try {
        for (let i = 0; i < 3; i++) {
          const res = await own.send('GET', '/api/products');
          expect(res.status).toBe(200);
          expect(res.headers['x-ratelimit-limit']).toBeUndefined();
        }
        const withSession = await own.send('GET', '/api/payments', { token: await fixture.issuer.token() });
        expect(withSession.status).toBe(503);
        expect(withSession.headers['content-type']).toContain('application/problem+json');
        expect((await own.send('GET', '/health/ready')).status).toBe(503);
      } finally {
        await own.close();
      }
    });
  });

  describe('CORS', () => {
    it('an allowed origin gets its origin back and the exposed headers', async () => {
      const res = await gateway.send('GET', '/api/products', { headers: { origin: SHOP } });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(SHOP);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const exposed = String(res.headers['access-control-expose-headers']);
      for (const name of ['x-correlation-id', 'retry-after', 'location', 'etag', 'x-ratelimit-remaining']) {
        expect(exposed).toContain(name);
      }
      expect(String(res.headers.vary)).toMatch(/origin/i);
    });

    it('answers an allowed preflight itself, naming the allowed headers', async () => {
      const before = received('orders').length;
      const res = await gateway.send('OPTIONS', '/api/orders', {
        headers: {
          origin: ADMIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ADMIN);
      expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
      const allowed = String(res.headers['access-control-allow-headers']);
      for (const name of ['authorization', 'content-type', 'idempotency-key', 'prefer', 'if-match']) {
        expect(allowed).toContain(name);
      }
      expect(received('orders').length).toBe(before);
    });

    it('a disallowed origin gets no Access-Control-Allow-Origin, on requests or preflights', async () => {
      const evil = 'https://evil.example.com';
      const res = await gateway.send('GET', '/api/products', { headers: { origin: evil } });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-expose-headers']).toBeUndefined();
      const preflight = await gateway.send('OPTIONS', '/api/orders', {
        headers: { origin: evil, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    });

    it('errors from the gateway carry CORS headers too, so the browser can read them', async () => {
      const res = await gateway.send('GET', '/api/payments', { headers: { origin: SHOP } });
      expect(res.status).toBe(401);
      expect(res.headers['access-control-allow-origin']).toBe(SHOP);
    });

    it('with no GATEWAY_CORS_ORIGINS no origin gets CORS headers', async () => {
      const res = await noCors.send('GET', '/api/products', { headers: { origin: SHOP } });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await noCors.send('OPTIONS', '/api/products', {
        headers: { origin: SHOP, 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
