// Sends a public API request as a caller, either through the gateway (Bearer access token: the real path) or, with
// --direct, straight to the service the gateway would pick, carrying the context the gateway would sign.
import { gatewayHeaders } from '@techcorp/platform/testing';
import { matchRoute, pathOf, upstreamTarget } from '../../services/gateway/src/routing/route-match.ts';
import { httpJson, type JsonResponse, type RequestOptions } from './http-client.ts';
import type { Target } from './target.ts';

/** A signed-in user as the benchmark holds it: who they are and their current token pair. */
export interface Caller {
  userId: string;
  roles: string[];
  /** The access token's `sid`: the direct path signs it into the context as the gateway does. */
  sessionId: string | null;
  accessToken: string;
  refreshToken: string;
}

export type Route = 'gateway' | 'direct';

export interface Api {
  readonly route: Route;
  /** `path` includes the query string; `caller` null sends anonymously. */
  send(caller: Caller | null, method: string, path: string, options?: RequestOptions): Promise<JsonResponse>;
}

function viaGateway(target: Target): Api {
  return {
    route: 'gateway',
    send: (caller, method, path, options = {}) => {
      const headers = caller ? { authorization: `Bearer ${caller.accessToken}`, ...options.headers } : options.headers;
      return httpJson(`${target.gateway}${path}`, { ...options, method, headers });
    },
  };
}

/** The service's base URL for one request, as the gateway's routing table picks it (orders round-robin). */
function directResolver(target: Target): (method: string, path: string) => { base: string; url: string } {
  const s = target.services;
  const single: Record<string, string | null> = {
    auth: s.auth,
    users: s.users,
    catalog: s.catalog,
    inventory: s.inventory,
    payments: s.payments,
    'order-query': s.orderQuery,
    search: s.search,
    cart: s.cart,
  };
  let next = 0;
  return (method, path) => {
    const entry = matchRoute(method, pathOf(path));
    if (!entry || entry.upstream === 'gateway') throw new Error(`--direct: no service answers ${method} ${path}`);
    const base = entry.upstream === 'orders' ? s.orders[next++ % Math.max(1, s.orders.length)] : single[entry.upstream];
    if (!base)
      throw new Error(`--direct needs the ${entry.upstream} service's URL (--target-urls ${entry.upstream}=...)`);
    return { base, url: upstreamTarget(entry, path) };
  };
}

function direct(target: Target): Api {
  const secret = target.identitySecret;
  if (!secret)
    throw new Error('--direct needs the gateway identity secret (GATEWAY_IDENTITY_SECRET in the environment)');
  const resolve = directResolver(target);
  return {
    route: 'direct',
    send: (caller, method, path, options = {}) => {
      const { base, url } = resolve(method, path);
      const who = caller && { subject: caller.userId, roles: caller.roles, sessionId: caller.sessionId };
      // Signed per request, as the gateway does: the signature covers this method and URL and lives 60 s.
      const headers = { ...gatewayHeaders(secret, who, method, url), ...options.headers };
      return httpJson(`${base}${url}`, { ...options, method, headers });
    },
  };
}

export function createApi(target: Target, route: Route): Api {
  return route === 'direct' ? direct(target) : viaGateway(target);
}

/** Throws with the answer when a setup request (seeding, sign-in) fails: those must never pass silently. */
export function expectStatus(res: JsonResponse, ok: number[], what: string): JsonResponse {
  if (!ok.includes(res.status)) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}
