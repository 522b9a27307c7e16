// Who is calling auth: the signed-in user (a session of theirs), and the client address for throttling.
import { forbidden, type ServiceAuth, unauthenticated } from '@techcorp/platform';
import type { FastifyRequest } from 'fastify';
import { UUID_TEXT } from './http-schemas.ts';

export interface UserCaller {
  userId: string;
  /** The session behind the caller's access token (its `sid`), when it has one. */
  sessionId: string | null;
  roles: readonly string[];
}

/** The user behind an authenticated request; a service token is not a user (403). */
export function userCaller(auth: ServiceAuth, request: FastifyRequest): UserCaller {
  const identity = auth.identity(request);
  if (identity.kind !== 'user') throw forbidden('this endpoint is for signed-in users');
  // Ids reach SQL as uuid parameters: anything else would be a 500, and is no user of ours anyway.
  if (!UUID_TEXT.test(identity.subject)) throw unauthenticated('unknown user');
  const sessionId = identity.sessionId && UUID_TEXT.test(identity.sessionId) ? identity.sessionId : null;
  return { userId: identity.subject.toLowerCase(), sessionId: sessionId?.toLowerCase() ?? null, roles: identity.roles };
}

const SIGNATURE_HEADER = 'x-identity-signature';

/**
 * The caller's address: the gateway's view when the request carries its signed context (checked here, a forged one
 * is a 401), else the socket's. Public routes never look at a bearer token, so they cost no JWKS lookup.
 */
export async function clientIpOf(auth: ServiceAuth, request: FastifyRequest): Promise<string> {
  if (request.headers[SIGNATURE_HEADER] === undefined) return request.ip;
  const { clientIp } = await auth.authenticate(request);
  return clientIp ?? request.ip;
}
