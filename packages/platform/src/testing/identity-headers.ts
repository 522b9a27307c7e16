// Tests stand in for the gateway: they sign the request context with the secret the service under test was given.
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
