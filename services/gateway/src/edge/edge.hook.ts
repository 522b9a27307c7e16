// The edge pipeline before anything is forwarded: normal path, routing row, caller, rate limits, then access rules.
import {
  AppError,
  forbidden,
  hasRole,
  type Identity,
  notFound,
  ROLES,
  rateLimited,
  unauthenticated,
} from '@techcorp/platform';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { GatewayMetrics } from '../gateway-metrics.ts';
import { abnormalPath, matchRoute, pathOf } from '../routing/route-match.ts';
import type { RouteEntry } from '../routing/route-table.ts';
import { type ClientAddress, clientAddress, type TrustProxy } from './client-address.ts';
import type { EdgeAuthenticator, EdgeAuthResult } from './edge-auth.ts';
import type { RateLimitRuleName } from './rate-limit.rules.ts';
import { type RateLimiter, rateLimitHeaders, reportedDecision } from './rate-limit.ts';

export interface EdgeContext {
  readonly route: RouteEntry;
  readonly identity: Identity | null;
  readonly client: ClientAddress;
}

export interface EdgeHookDeps {
  trustProxy: TrustProxy;
  authenticator: EdgeAuthenticator;
  limiter: RateLimiter;
  metrics: GatewayMetrics;
}

const contexts = new WeakMap<FastifyRequest, EdgeContext>();
const ANONYMOUS: EdgeAuthResult = { identity: null, refusal: null };

/** What the edge hook established for this request; only routes guarded by the hook have one. */
export function edgeContext(request: FastifyRequest): EdgeContext {
  const context = contexts.get(request);
  if (!context) throw new Error('edge hook did not run for this route');
  return context;
}

export function createEdgeHook(deps: EdgeHookDeps): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const encrypted = (request.raw.socket as { encrypted?: boolean }).encrypted === true;
    const client = clientAddress(request.ip ?? '', request.headers, deps.trustProxy, encrypted);
    const path = pathOf(request.url);
    const abnormal = abnormalPath(path);
    const route = abnormal === null ? matchRoute(request.method, path) : null;
    // Only a known route is worth a signature check; the token endpoint's Authorization is client credentials.
    const auth =
      route && !route.forwardAuthorization
        ? await deps.authenticator.authenticate(request.headers.authorization)
        : ANONYMOUS;

    // Limits come before the verdicts below, so floods of bad tokens or unknown paths are limited too.
    const rules: RateLimitRuleName[] = route?.rateLimit ? ['global', route.rateLimit] : ['global'];
    const decision = reportedDecision(
      await deps.limiter.check(rules, { userId: auth.identity?.subject ?? null, ip: client.ip }),
    );
    if (decision) {
      reply.headers(rateLimitHeaders(decision));
      if (decision.exceeded) {
        deps.metrics.rateLimited.inc({ rule: decision.rule });
        throw rateLimited(`too many requests; retry in ${decision.resetSeconds} s`);
      }
    }

    if (abnormal !== null) throw new AppError(400, 'bad-request', abnormal);
    if (!route) throw notFound(`no route matches ${request.method} ${path.slice(0, 200)}`);
    if (route.access !== 'public') {
      if (auth.refusal) throw auth.refusal;
      if (!auth.identity) throw unauthenticated('an access token is required');
      if (route.access === 'admin' && !hasRole(auth.identity, ROLES.admin)) throw forbidden('requires the ADMIN role');
    }
    contexts.set(request, { route, identity: auth.identity, client });
  };
}
