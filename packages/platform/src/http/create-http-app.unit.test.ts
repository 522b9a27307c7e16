// createHttpApp through inject(): problem+json for every failure kind, correlation ids, probes, RED metrics.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTestApp, problemOf, SECRET } from './test-app.ts';

const ORDER = '0190b7a2-8c1e-7cc1-9b6a-3f2d1e0c4b5a';

describe('problem+json error mapping', () => {
  const { app } = buildTestApp();

  it('maps an AppError to its status, code and message', async () => {
    const res = await app.inject({ method: 'GET', url: '/conflict' });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toEqual({
      type: 'urn:techcorp:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'sku already exists',
      instance: '/conflict',
    });
  });

  it('names a body field with the wrong type and does not coerce "5" into a quantity', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: {
        items: [
          { productId: 'p1', quantity: 1 },
          { productId: 'p2', quantity: '5' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const body = problemOf(res);
    expect(body.type).toBe('urn:techcorp:problem:validation');
    expect(body.errors).toEqual([{ field: 'items.1.quantity', message: 'must be integer' }]);
    expect(body.detail).toBe('invalid request body: items.1.quantity must be integer');
  });

  it('names a missing required property by its own path', async () => {
    const res = await app.inject({ method: 'POST', url: '/orders', payload: { items: [{ quantity: 2 }] } });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors).toEqual([{ field: 'items.0.productId', message: 'is required' }]);
  });

  it('rejects (not drops) a property the schema forbids', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: { items: [{ productId: 'p', quantity: 1, price: 0 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors).toEqual([{ field: 'items.0.price', message: 'is not allowed' }]);
  });

  it('explains a union mismatch by its branches, and names the body itself when it is not an object', async () => {
    const union = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: { items: [{ productId: 'p', quantity: 1 }], note: 5 },
    });
    expect(problemOf(union).errors).toEqual([{ field: 'note', message: 'must be string or must be null' }]);
    const array = await app.inject({ method: 'POST', url: '/orders', payload: [1] });
    expect(problemOf(array).errors).toEqual([{ field: 'body', message: 'must be object' }]);
  });

  it('coerces query strings and path params, and names their fields', async () => {
    const ok = await app.inject({ method: 'GET', url: '/items?limit=7' });
    expect(ok.json()).toEqual({ limit: 7 });
    const bad = await app.inject({ method: 'GET', url: '/items?limit=500' });
    expect(problemOf(bad).errors).toEqual([{ field: 'limit', message: 'must be <= 50' }]);
    const param = await app.inject({ method: 'GET', url: '/orders/not-a-uuid' });
    expect(param.statusCode).toBe(400);
    expect(problemOf(param).errors).toEqual([{ field: 'id', message: 'must match format "uuid"' }]);
  });

  it('names a missing header', async () => {
    const res = await app.inject({ method: 'PUT', url: '/keys' });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors).toEqual([{ field: 'idempotency-key', message: 'is required' }]);
  });

  it('answers malformed and empty JSON with 400', async () => {
    const headers = { 'content-type': 'application/json' };
    const malformed = await app.inject({ method: 'POST', url: '/orders', headers, payload: '{"items": [' });
    expect(malformed.statusCode).toBe(400);
    expect(problemOf(malformed).detail).toBe('request body is not valid JSON');
    const poisoned = await app.inject({ method: 'POST', url: '/orders', headers, payload: '{"__proto__":{"x":1}}' });
    expect(poisoned.statusCode).toBe(400);
    const empty = await app.inject({ method: 'POST', url: '/orders', headers, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(problemOf(empty).type).toBe('urn:techcorp:problem:malformed-body');
  });

  it('answers a body over the limit with 413 and a non-JSON body with 415', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ items: [], pad: 'x'.repeat(70 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(problemOf(big).type).toBe('urn:techcorp:problem:payload-too-large');
    const text = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'content-type': 'text/plain' },
      payload: 'items=1',
    });
    expect(text.statusCode).toBe(415);
    expect(problemOf(text).type).toBe('urn:techcorp:problem:unsupported-media-type');
  });

  it('answers an unknown route with 404 and a known path with the wrong method with 405 and Allow', async () => {
    const missing = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(missing.statusCode).toBe(404);
    expect(problemOf(missing)).toMatchObject({ status: 404, instance: '/nowhere' });
    const wrong = await app.inject({ method: 'DELETE', url: '/orders' });
    expect(wrong.statusCode).toBe(405);
    expect(problemOf(wrong).type).toBe('urn:techcorp:problem:method-not-allowed');
    expect(wrong.headers.allow).toBe('POST');
  });

  it('answers a malformed URL with a 400 problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).status).toBe(400);
  });
});

describe('unexpected errors', () => {
  it('answer 500 with a generic detail, never the message or a stack, and log the error', async () => {
    const { app, lines } = buildTestApp();
    for (const url of ['/boom', '/throws-string', '/unavailable', '/db-too-many-clients']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'x-correlation-id': `c-${url.slice(1)}` } });
      expect(res.statusCode === 500 || res.statusCode === 503).toBe(true);
      const body = problemOf(res);
      expect(body.detail).toMatch(/^(an unexpected error occurred|the service is temporarily unavailable)$/);
      expect(res.body).not.toContain('hunter2');
      expect(res.body).not.toMatch(/\bat .+:\d+:\d+/);
    }
    const logged = lines.find((l) => l.msg === 'request failed' && l.correlationId === 'c-boom');
    expect((logged?.err as { message?: string })?.message).toContain('connection refused');
  });

  it('answer 503 when the database is out of connections or going away: the client may retry', async () => {
    const { app } = buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/db-too-many-clients' });
    expect(res.statusCode).toBe(503);
    expect(problemOf(res)).toMatchObject({ type: 'urn:techcorp:problem:unavailable' });
  });

  it('keep the status of a plugin client error but not its message', async () => {
    const { app } = buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/plugin-429' });
    expect(res.statusCode).toBe(429);
    expect(problemOf(res)).toMatchObject({ type: 'urn:techcorp:problem:http-429', detail: 'too many requests' });
  });

  it('no input produces a 5xx or a stack trace', async () => {
    const { app } = buildTestApp();
    const contentTypes = ['application/json', 'text/plain', 'application/xml', 'application/json; charset=utf-8', ''];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.constantFrom('/orders', '/items', '/keys', `/orders/${ORDER}`, '/orders/%zz', '/x'),
        fc.constantFrom(...contentTypes),
        fc.oneof(fc.string(), fc.json(), fc.constant('{"items":[{"productId":"p","quantity":1e400}]}')),
        async (method, url, contentType, payload) => {
          const headers = contentType ? { 'content-type': contentType } : {};
          const res = await app.inject({ method, url, headers, payload });
          expect(res.statusCode).toBeLessThan(500);
          expect(res.body).not.toMatch(/\bat .+:\d+:\d+/);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('correlation id and trace context', () => {
  it('keeps a sane x-correlation-id, echoes it, and runs the handler and its logs in that context', async () => {
    const { app, lines, seen } = buildTestApp();
    const res = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: {
        'x-correlation-id': 'web-1234.abc:9',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
      payload: { items: [{ productId: 'p1', quantity: 3 }] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-correlation-id']).toBe('web-1234.abc:9');
    expect(seen.quantity).toBe(3);
    expect(seen.context).toEqual({
      correlationId: 'web-1234.abc:9',
      causationId: null,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(lines.find((l) => l.msg === 'order accepted')?.correlationId).toBe('web-1234.abc:9');
    const access = lines.find((l) => l.msg === 'request completed');
    expect(access).toMatchObject({ correlationId: 'web-1234.abc:9', route: '/orders', status: 201 });
  });

  it('replaces an unusable correlation id or traceparent with fresh ones', async () => {
    const { app } = buildTestApp();
    for (const given of ['has spaces', 'x'.repeat(129), 'semi;colon', '']) {
      const res = await app.inject({
        method: 'GET',
        url: `/orders/${ORDER}`,
        headers: { 'x-correlation-id': given, traceparent: '00-00000000000000000000000000000000-b7ad6b7169203331-01' },
      });
      const id = res.headers['x-correlation-id'];
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const { context } = res.json() as { context: { correlationId: string; traceparent: string } };
      expect(context.correlationId).toBe(id);
      expect(context.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(context.traceparent).not.toContain('00000000000000000000000000000000');
    }
  });

  it('echoes the correlation id on error responses too', async () => {
    const { app } = buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-correlation-id': 'corr-404' } });
    expect(res.headers['x-correlation-id']).toBe('corr-404');
  });
});

describe('probes and metrics', () => {
  it('/health/live is 200; /health/ready follows readiness() and is a 503 problem when it fails', async () => {
    let ready = false;
    const { app } = buildTestApp({
      readiness: async () => {
        if (!ready) throw new Error(`db down ${SECRET}`);
      },
    });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const down = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(down.statusCode).toBe(503);
    expect(problemOf(down).detail).toBe('the service is not ready');
    expect(down.body).not.toContain('hunter2');
    ready = true;
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  it('/metrics exposes RED metrics labelled by route pattern, without probe traffic', async () => {
    const { app } = buildTestApp();
    await app.inject({ method: 'GET', url: `/orders/${ORDER}` });
    await app.inject({ method: 'GET', url: '/orders/0190b7a2-8c1e-7cc1-9b6a-3f2d1e0c4b5b' });
    await app.inject({ method: 'GET', url: '/nowhere/123' });
    await app.inject({ method: 'GET', url: '/health/live' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const series = (name: string) => res.body.split('\n').filter((line) => line.startsWith(name));
    const orders = series('http_requests_total').filter((line) => line.includes('route="/orders/:id"'));
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatch(/method="GET".*status="200".*\} 2$/);
    expect(orders[0]).toContain('service="test"');
    expect(series('http_requests_total').some((line) => line.includes('route="unmatched"'))).toBe(true);
    expect(series('http_request_duration_seconds_count').some((l) => l.includes('route="/orders/:id"'))).toBe(true);
    expect(res.body).not.toContain(ORDER);
    expect(res.body).not.toContain('/nowhere/123');
    expect(res.body).not.toContain('route="/health/live"');
  });

  it('sets nosniff on every response and no x-powered-by', async () => {
    const { app } = buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
