// Verifies auth's access tokens against its JWKS: RS256 only, typ at+jwt, iss/aud/exp/iat/sub required.
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { unauthenticated, unavailable } from '../errors.ts';
import { type Identity, identityFrom, TOKEN_DEFAULTS } from './identity.ts';

export interface AccessTokenVerifierOptions {
  /** The JWKS address, or a function giving it (resolved at first use, when the auth service is known). */
  jwksUrl: string | (() => string);
  issuer: string;
  audience: string;
  clockToleranceSeconds?: number;
  /**
   * Least time between two JWKS fetches caused by unknown kids (default 1 s): bounds what forged kids can make us
   * fetch. Auth publishes a new key before it signs with it, so legitimate kids are normally known already.
   */
  refetchCooldownMs?: number;
}

export interface VerifiedAccessToken {
  identity: Identity;
  claims: JWTPayload;
}

export interface AccessTokenVerifier {
  /** Throws a 401 AppError (never saying which check failed) for anything but a valid access token. */
  verify(token: string): Promise<VerifiedAccessToken>;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_TOKEN_LENGTH = 8192;

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  let jwks: ReturnType<typeof createRemoteJWKSet> | null = null;
  // An unknown kid makes jose fetch the key set again (at most every cooldown), which is how a rotated key is picked up.
  const keySet = () => {
    jwks ??= createRemoteJWKSet(new URL(typeof options.jwksUrl === 'function' ? options.jwksUrl() : options.jwksUrl), {
      cooldownDuration: options.refetchCooldownMs ?? 1_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 3_000,
    });
    return jwks;
  };
  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) throw unauthenticated('invalid access token');
      try {
        const { payload } = await jwtVerify(token, keySet(), {
          algorithms: ['RS256'],
          typ: TOKEN_DEFAULTS.accessTokenType,
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance: options.clockToleranceSeconds ?? TOKEN_DEFAULTS.clockToleranceSeconds,
          requiredClaims: ['sub', 'exp', 'iat', 'iss', 'aud'],
        });
        return { identity: identityOf(payload), claims: payload };
      } catch (error) {
        if (isKeySetUnreachable(error)) throw unavailable('the token signing keys cannot be fetched');
        throw unauthenticated('invalid access token');
      }
    },
  };
}

function identityOf(payload: JWTPayload): Identity {
  const roles = payload.roles;
  if (payload.token_use !== 'access' || !Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
    throw unauthenticated('invalid access token');
  }
  const sid = typeof payload.sid === 'string' ? payload.sid : null;
  return identityFrom(payload.sub as string, roles as string[], sid);
}

/** The key set could not be fetched: that is our outage (503), not the caller's bad token (401). */
function isKeySetUnreachable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code === 'ERR_JWKS_TIMEOUT') return true;
  const message = error instanceof Error ? error.message : '';
  return (
    (error instanceof TypeError && /fetch failed/i.test(message)) ||
    /Expected 200 OK from the JSON Web Key Set/.test(message)
  );
}
