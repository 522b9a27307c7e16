// Admin routes until gateway JWT roles land: `Authorization: Bearer <ADMIN_API_TOKEN>`, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError, unauthenticated } from '../errors.ts';

type Env = Record<string, string | undefined>;

const BEARER = /^Bearer[ \t]+([^ \t]+)[ \t]*$/i;

/** Throws 403 when admin access is disabled (no token configured), 401 when the request lacks the right token. */
export function requireAdmin(request: Pick<FastifyRequest, 'headers'>, env: Env): void {
  const expected = env.ADMIN_API_TOKEN?.trim();
  if (!expected) throw new AppError(403, 'admin-disabled', 'admin API disabled: set ADMIN_API_TOKEN');
  const header = request.headers.authorization;
  const given = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
  if (!given || !sameSecret(given, expected)) throw unauthenticated('a valid admin token is required');
}

/** Fastify preHandler for admin routes: `{ preHandler: adminOnly(env) }`. */
export function adminOnly(env: Env): preHandlerAsyncHookHandler {
  return async (request) => requireAdmin(request, env);
}

/** Hashing first gives equal-length buffers, so neither the content nor the length leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
