// CORS for the storefront and admin UIs: exact allowed origins only (GATEWAY_CORS_ORIGINS); anyone else gets no CORS headers.
import cors from '@fastify/cors';
import type { HttpApp } from '@techcorp/platform';
import type { FastifyInstance } from 'fastify';

// x-cart-token: a guest's cart (issued by cart, sent back by the browser until the guest logs in).
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'prefer',
  'if-match',
  'x-cart-token',
];
export const CORS_EXPOSED_HEADERS = [
  'x-correlation-id',
  'retry-after',
  'location',
  'etag',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-cart-token',
];

export async function registerCors(app: HttpApp, origins: readonly string[]): Promise<void> {
  const allowed = new Set(origins);
  await (app as unknown as FastifyInstance).register(cors, {
    // false (not "no match") for strangers: the plugin then adds no CORS header at all, not even Expose-Headers.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
    // A preflight without Access-Control-Request-Method is answered like any other, not with a text/plain 400.
    strictPreflight: false,
  });
}
