// How a service learns who calls it: a context signed by the gateway, or a service's own client-credentials token.
// A user's access token sent straight to a service is refused: users come in through the gateway (rate limits, revocation).
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { forbidden, notFound, unauthenticated } from '../errors.ts';
import { serviceUrl } from '../topology.ts';
import { type AccessTokenVerifier, createAccessTokenVerifier } from './access-token-verifier.ts';
import { hasRole, type Identity, mayAccess, ROLES, type Role, tokenSettings } from './identity.ts';
import { gatewaySecretFromEnv, verifyContext } from './signed-context.ts';

type Env = Record<string, string | undefined>;

export interface RequestAuth {
  identity: Identity | null;
  /** The caller's address as the gateway saw it; null when the request did not come through the gateway. */
  clientIp: string | null;
}

export interface ServiceAuth {
  /** Who calls (memoised per request); 401 for a forged or stale context and for an invalid token. */
  authenticate(request: FastifyRequest): Promise<RequestAuth>;
  /** Hook: any authenticated caller (customer, admin or service). */
  readonly authenticated: onRequestAsyncHookHandler;
  /** Hook: admins only (401 anonymous, 403 otherwise). */
  readonly admin: onRequestAsyncHookHandler;
  /** Hook: callers holding at least one of the roles. */
  anyRole(...roles: Role[]): onRequestAsyncHookHandler;
  /** The identity a guard already established; 401 when there is none. */
  identity(request: FastifyRequest): Identity;
  /** 404 (not 403, so ids cannot be probed) unless the caller owns the resource or is an admin. */
  assertOwner(request: FastifyRequest, ownerId: string, what: string): void;
}

export interface ServiceAuthOptions {
  env: Env;
  /** Base URLs by service name; the auth service's one is read at the first bearer token (it may start later). */
  urls?: Record<string, string>;
  /** A verifier to use instead of the auth service's JWKS (tests). */
  verifier?: AccessTokenVerifier;
}

const resolved = new WeakMap<FastifyRequest, RequestAuth>();
const BEARER = /^Bearer[ \t]+([^ \t]+)[ \t]*$/i;

export function createServiceAuth(options: ServiceAuthOptions): ServiceAuth {
  const { env } = options;
  const secret = gatewaySecretFromEnv(env);
  const verifier =
    options.verifier ??
    createAccessTokenVerifier({
      ...tokenSettings(env),
      jwksUrl: () =>
        env.AUTH_JWKS_URL?.trim() || `${options.urls?.auth ?? serviceUrl('auth', env)}/.well-known/jwks.json`,
    });

  const resolve = async (request: FastifyRequest): Promise<RequestAuth> => {
    const signed = verifyContext(secret, request.headers, { method: request.method, url: request.url });
    if (signed && !signed.ok) throw unauthenticated('invalid request context');
    if (signed?.ok) return signed.context;
    const header = request.headers.authorization;
    if (header === undefined) return { identity: null, clientIp: null };
    const token = BEARER.exec(header)?.[1];
    if (!token) throw unauthenticated('expected a Bearer token');
    const { identity } = await verifier.verify(token);
    if (!hasRole(identity, ROLES.service)) throw unauthenticated('user tokens are accepted through the gateway only');
    return { identity, clientIp: null };
  };

  const authenticate = async (request: FastifyRequest): Promise<RequestAuth> => {
    const known = resolved.get(request);
    if (known) return known;
    const auth = await resolve(request);
    resolved.set(request, auth);
    return auth;
  };

  const anyRole =
    (...roles: Role[]): onRequestAsyncHookHandler =>
    async (request) => {
      const { identity } = await authenticate(request);
      if (!identity) throw unauthenticated();
      if (roles.length > 0 && !roles.some((role) => hasRole(identity, role))) {
        throw forbidden(`requires the ${roles.join(' or ')} role`);
      }
    };

  const identity = (request: FastifyRequest): Identity => {
    const known = resolved.get(request)?.identity;
    if (!known) throw unauthenticated();
    return known;
  };

  return {
    authenticate,
    authenticated: anyRole(),
    admin: anyRole(ROLES.admin),
    anyRole,
    identity,
    assertOwner(request, ownerId, what) {
      if (!mayAccess(identity(request), ownerId)) throw notFound(`${what} not found`);
    },
  };
}
