// Who is calling: the identity a request carries once the gateway (or a service token) vouched for it.

export const ROLES = { user: 'USER', admin: 'ADMIN', service: 'SERVICE' } as const;
export type Role = (typeof ROLES)[keyof typeof ROLES];

export interface Identity {
  /** The user id, or the OAuth client id for a service. */
  readonly subject: string;
  readonly roles: readonly string[];
  /** 'service' for client-credentials callers (role SERVICE), 'user' otherwise. */
  readonly kind: 'user' | 'service';
  /** The login session behind a user's token; null for services. */
  readonly sessionId: string | null;
}

/** Defaults for the tokens auth issues and everyone verifies (seed 001 "JWT Token Data"); AUTH_ISSUER/AUTH_AUDIENCE override. */
export const TOKEN_DEFAULTS = {
  issuer: 'https://auth.techcorp.com',
  audience: 'techcorp-services',
  /** RFC 9068 access-token type; a token of any other type (an id token, a refresh token) is refused. */
  accessTokenType: 'at+jwt',
  /** Seconds of clock difference tolerated on exp/iat/nbf. */
  clockToleranceSeconds: 30,
} as const;

export function tokenSettings(env: Record<string, string | undefined>): { issuer: string; audience: string } {
  return {
    issuer: env.AUTH_ISSUER?.trim() || TOKEN_DEFAULTS.issuer,
    audience: env.AUTH_AUDIENCE?.trim() || TOKEN_DEFAULTS.audience,
  };
}

export function identityFrom(subject: string, roles: readonly string[], sessionId: string | null): Identity {
  return { subject, roles, sessionId, kind: roles.includes(ROLES.service) ? 'service' : 'user' };
}

export const hasRole = (identity: Identity | null | undefined, role: Role): boolean =>
  identity?.roles.includes(role) ?? false;

/** True when the identity owns the resource or is an admin. */
export const mayAccess = (identity: Identity, ownerId: string): boolean =>
  identity.subject === ownerId || hasRole(identity, ROLES.admin);

/**
 * The key auth sets (for as long as an access token lives) when a session is logged out or revoked, and the gateway
 * checks on every request, so a revoked session's access tokens stop working at once rather than when they expire.
 */
export const revokedSessionKey = (sessionId: string): string => `auth:revoked-session:${sessionId}`;
