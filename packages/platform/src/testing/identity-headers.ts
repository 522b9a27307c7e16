// Tests stand in for the gateway: they sign the request context with the secret the service under test was given.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Identity, identityFrom, ROLES } from '../auth/identity.ts';
import { signContext } from '../auth/signed-context.ts';

export interface Caller {
  subject: string;
  roles?: readonly string[];
  sessionId?: string | null;
}

export const adminCaller = (subject = '00000000-0000-7000-8000-00000000ad01'): Caller => ({
  subject,
  roles: [ROLES.user, ROLES.admin],
});
export const customerCaller = (subject: string): Caller => ({ subject, roles: [ROLES.user] });

/** Headers that make `method url` arrive as if the gateway forwarded it for `caller` (anonymous when null). */
export function gatewayHeaders(
  secret: string,
  caller: Caller | null,
  method: string,
  url: string,
  clientIp = '127.0.0.1',
): Record<string, string> {
  const identity: Identity | null = caller
    ? identityFrom(caller.subject, caller.roles ?? [ROLES.user], caller.sessionId ?? null)
    : null;
  return signContext(secret, { identity, clientIp }, { method, url });
}

/** Anything with Fastify's inject (an app, a service handle's app). */
interface Injectable {
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface InjectRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
}

/** `app.inject` as `caller` coming through the gateway (the signature covers this method and url). */
export function injectAs(
  app: Injectable,
  secret: string,
  caller: Caller | null,
  request: InjectRequest,
): Promise<LightMyRequestResponse> {
  const method = request.method ?? 'GET';
  const headers = { ...request.headers, ...gatewayHeaders(secret, caller, method, request.url) };
  return app.inject({ ...request, method: method as InjectOptions['method'], headers } as InjectOptions);
}

/** What a test reads of an injected response; `D` is what `json()` returns unless the test names a type. */
export interface JsonResponse<D = Record<string, unknown>> {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json<T = D>(): T;
}

export interface JsonRequest {
  method: string;
  url: string;
  /** Who calls through the gateway; null: anonymous as the gateway forwards it (signed); absent: no identity headers. */
  as?: Caller | null;
  /** Sent as JSON (a string goes as it is, to test malformed bodies). */
  body?: unknown;
  /** Added last: a test may override any header above. */
  headers?: Record<string, string>;
}

/** `app.inject` with a JSON body as `as` through the gateway, the response ready to read. */
export async function injectJson<D = Record<string, unknown>>(
  app: Injectable,
  secret: string,
  request: JsonRequest,
): Promise<JsonResponse<D>> {
  const { method, url, as, body, headers = {} } = request;
  const response = await app.inject({
    method: method as InjectOptions['method'],
    url,
    headers: {
      ...(as === undefined ? {} : gatewayHeaders(secret, as, method, url)),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  } as InjectOptions);
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    body: response.body,
    json: <T>() => JSON.parse(response.body) as T,
  };
}
