// Signing-key rules, pure: how long a rotated key stays published, what a published JWK may contain, staleness.

/** Seconds a rotated key stays published: every token it signed has expired by then, with a minute to spare. */
export const retireDelaySeconds = (accessTokenTtlSeconds: number): number => accessTokenTtlSeconds + 60;

export const retireAfter = (rotatedAt: Date, accessTokenTtlSeconds: number): Date =>
  new Date(rotatedAt.getTime() + retireDelaySeconds(accessTokenTtlSeconds) * 1000);

export type KeyState = 'active' | 'retiring' | 'retired';

export interface PublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

/** Whether a key belongs in the JWKS at `now`. */
export function isPublished(key: { state: KeyState; retireAfter: Date | null }, now: Date): boolean {
  if (key.state === 'active') return true;
  return key.state === 'retiring' && key.retireAfter !== null && key.retireAfter.getTime() > now.getTime();
}

/** Only the public members, whatever else the stored JWK holds: a private member must never be published. */
export function publicJwk(jwk: Record<string, unknown>, kid: string): PublicJwk {
  const { kty, n, e } = jwk;
  if (kty !== 'RSA' || typeof n !== 'string' || typeof e !== 'string') throw new Error(`key ${kid} is not an RSA key`);
  return { kty, n, e, kid, alg: 'RS256', use: 'sig' };
}

/**
 * An instance whose last successful reload is older than this must reload before it signs: a stale instance could
 * otherwise keep signing with a key another instance rotated away long enough for the key to be unpublished.
 */
export const isStale = (loadedAtMs: number, nowMs: number, reloadIntervalMs: number): boolean =>
  nowMs - loadedAtMs > reloadIntervalMs + 15_000;
