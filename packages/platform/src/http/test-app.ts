// A small app on createHttpApp for the HTTP tests: typed routes, every kind of failure, a log sink to assert on.
import { Writable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import pino from 'pino';
import { expect } from 'vitest';
import { currentContext, type RequestContext } from '../context.ts';
import { conflict, unavailable } from '../errors.ts';
import { createServiceMetrics } from '../metrics.ts';
import { createHttpApp } from './create-http-app.ts';

export const SECRET = 'pg://admin:hunter2@db/internal';

const OrderBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { productId: Type.String({ minLength: 1 }), quantity: Type.Integer({ minimum: 1, maximum: 100 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export function buildTestApp(options: { readiness?: () => Promise<void> } = {}) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = pino(
    {
      level: 'debug',
      mixin: () => {
        const ctx = currentContext();
        return ctx ? { correlationId: ctx.correlationId } : {};
      },
    },
    sink,
  );
  const metrics = createServiceMetrics('test');
  const seen: { context?: RequestContext; quantity?: number; limit?: unknown } = {};
  const app = createHttpApp({ name: 'test', logger, metrics, readiness: options.readiness });

  app.post('/orders', { schema: { body: OrderBody } }, async (request, reply) => {
    await new Promise((resolve) => setImmediate(resolve));
    // Typed by the TypeBox provider: this line does not compile if the body were `unknown`.
    const quantity: number = request.body.items[0]?.quantity ?? 0;
    seen.quantity = quantity;
    seen.context = currentContext();
    request.log.info('order accepted');
    return reply.code(201).send({ quantity });
  });
  app.get(
    '/orders/:id',
    { schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (request) => ({ id: request.params.id, context: currentContext() }),
  );
  app.get(
    '/items',
    { schema: { querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }) }) } },
    async (request) => {
      seen.limit = request.query.limit;
      return { limit: request.query.limit };
    },
  );
  app.put(
    '/keys',
    { schema: { headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 8, maxLength: 64 }) }) } },
    async () => ({ ok: true }),
  );
  app.get('/conflict', async () => {
    throw conflict('sku already exists');
  });
  app.get('/unavailable', async () => {
    throw unavailable(`provider down at ${SECRET}`);
  });
  app.get('/boom', async () => {
    throw new Error(`connection refused ${SECRET}`);
  });
  app.get('/db-too-many-clients', async () => {
    throw Object.assign(new Error(`sorry, too many clients already ${SECRET}`), { code: '53300' });
  });
  app.get('/plugin-429', async () => {
    throw Object.assign(new Error(`limited by ${SECRET}`), { statusCode: 429 });
  });
  app.get('/throws-string', async () => {
    throw 'a string, not an Error';
  });
  return { app, lines, metrics, seen };
}

/** Asserts the problem+json response headers and returns the parsed problem. */
export function problemOf(response: { headers: Record<string, unknown>; json: () => unknown }) {
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.headers['cache-control']).toBe('no-store');
  return response.json() as { type: string; title: string; status: number; detail: string; errors?: unknown[] };
}
