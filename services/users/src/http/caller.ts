// Who the request acts for: always the gateway-vouched subject, never a body or path field.
import { notFound, type ServiceAuth } from '@techcorp/platform';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../history/history.sql.ts';
import { isUuid } from './schemas.ts';

/**
 * The caller's own user id. A subject that is no user id (a service's client id) has no profile: 404, as for a
 * user whose registration has not been processed yet.
 */
export function ownUserId(auth: ServiceAuth, request: FastifyRequest): string {
  const { subject } = auth.identity(request);
  if (!isUuid(subject)) throw notFound('profile not found');
  return subject.toLowerCase();
}

/** The caller as history records them; the request id is the correlation id (createHttpApp's genReqId). */
export function actorOf(auth: ServiceAuth, request: FastifyRequest): Actor {
  return { by: auth.identity(request).subject, correlationId: request.id };
}
