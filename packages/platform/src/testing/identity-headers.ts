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
