// Session rules, pure: what the kv holds for a session (seed 001) and how long revocation markers live.

export interface Device {
  userAgent: string | null;
  ip: string | null;
}

/** The kv value under `session:{id}`: the refresh token only as its SHA-256, never the token itself. */
export interface SessionCacheValue {
  user_id: string;
  refresh_token: string;
  device_info: { user_agent: string | null; ip: string | null };
  created_at: string;
  last_used_at: string;
}

export const sessionKey = (sessionId: string): string => `session:${sessionId}`;

export function sessionCacheValue(input: {
  userId: string;
  refreshTokenHash: string;
  device: Device;
  createdAt: Date;
  lastUsedAt: Date;
}): SessionCacheValue {
  return {
    user_id: input.userId,
    refresh_token: input.refreshTokenHash,
    device_info: { user_agent: input.device.userAgent, ip: input.device.ip },
    created_at: input.createdAt.toISOString(),
    last_used_at: input.lastUsedAt.toISOString(),
  };
}

/** The cache entry lives exactly as long as the session; 0 or less means do not write it. */
export const sessionCacheTtlMs = (expiresAt: Date, nowMs: number): number => expiresAt.getTime() - nowMs;

/** A revoked session's access tokens live at most the access TTL; the marker outlives them by a minute. */
export const revokedMarkerTtlMs = (accessTokenTtlSeconds: number): number => (accessTokenTtlSeconds + 60) * 1000;

const USER_AGENT_MAX = 512;

/** What is kept of the caller's device: a bounded user agent without control characters, and the address. */
export function deviceOf(userAgent: unknown, ip: string | null): Device {
  const agent = typeof userAgent === 'string' ? userAgent.replace(/\p{Cc}/gu, '').slice(0, USER_AGENT_MAX) : '';
  return { userAgent: agent || null, ip: ip ? ip.slice(0, 64) : null };
}
