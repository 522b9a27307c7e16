// Who the caller is at the edge: a Bearer access token checked against auth's JWKS and the session revocation list.
import {
  type AccessTokenVerifier,
  AppError,
  type Identity,
  type KeyValueStore,
  type Logger,
  revokedSessionKey,
  unauthenticated,
} from '@techcorp/platform';

export interface EdgeAuthResult {
  identity: Identity | null;
  /** Why the presented credentials were refused (401, or 503 when the keys cannot be fetched); null when none was. */
  refusal: AppError | null;
}

export interface EdgeAuthenticator {
  authenticate(authorization: string | undefined): Promise<EdgeAuthResult>;
}

const BEARER = /^Bearer[ \t]+([^ \t]+)[ \t]*$/i;
const ANONYMOUS: EdgeAuthResult = { identity: null, refusal: null };

export function createEdgeAuthenticator(
  verifier: AccessTokenVerifier,
  kv: KeyValueStore,
  logger: Logger,
): EdgeAuthenticator {
  return {
    async authenticate(authorization) {
      if (authorization === undefined) return ANONYMOUS;
      const token = BEARER.exec(authorization)?.[1];
      if (!token) return { identity: null, refusal: unauthenticated('expected a Bearer access token') };
      try {
        const { identity } = await verifier.verify(token);
        // A logged-out session's tokens stop at once rather than when they expire. A store outage refuses (fails closed).
        if (identity.sessionId !== null && (await kv.get(revokedSessionKey(identity.sessionId))) !== null) {
          return { identity: null, refusal: unauthenticated('invalid access token') };
        }
        return { identity, refusal: null };
      } catch (error) {
        if (error instanceof AppError) return { identity: null, refusal: error };
        logger.warn({ err: error }, 'session revocation check failed; token refused');
        return { identity: null, refusal: new AppError(503, 'unavailable', 'the session store cannot be reached') };
      }
    },
  };
}
