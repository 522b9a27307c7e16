// Login throttling in the kv: fixed windows of failed attempts per account (by e-mail digest) and per client address.
import { type KeyValueStore, type Logger, rateLimited, unavailable } from '@techcorp/platform';
import type { FastifyReply } from 'fastify';
import { sha256Hex } from '../crypto/digests.ts';

export interface ThrottleLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  failureWindowSeconds: number;
}

export interface ThrottleCount {
  /** Attempts counted in the window, this one included. */
  count: number;
  max: number;
  /** Remaining window in ms (-1 or -2 when the kv reports no expiry). */
  ttlMs: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Over any limit: refused until the longest exceeded window ends (at least a second). */
export function verdict(counts: readonly ThrottleCount[], windowSeconds: number): Verdict {
  const over = counts.filter((c) => c.count > c.max);
  if (over.length === 0) return { allowed: true };
  const longestMs = Math.max(...over.map((c) => (c.ttlMs > 0 ? c.ttlMs : windowSeconds * 1000)));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(longestMs / 1000)) };
}

/** Answers 429 with Retry-After when the verdict refuses. */
export function enforce(reply: FastifyReply, result: Verdict): void {
  if (result.allowed) return;
  reply.header('retry-after', String(result.retryAfterSeconds));
  throw rateLimited('too many failed attempts; try again later');
}

/** The account's key is derived from the normalised e-mail, so an unknown address is throttled like a known one. */
export const accountKey = (normalisedEmail: string): string =>
  `auth:login-failures:account:${sha256Hex(normalisedEmail)}`;
export const ipKey = (ip: string): string => `auth:login-failures:ip:${ip}`;

export interface LoginThrottle {
  /**
   * Counts this attempt against each key before anything is checked, so parallel guesses cannot slip past the
   * limit; a success gives the count back (the account's is cleared). Refuses when any key is over its limit.
   */
  admit(keys: readonly { key: string; max: number }[]): Promise<Verdict>;
  /** The attempt succeeded: the account starts afresh, the address gets its attempt back. */
  clearAccount(key: string): Promise<void>;
  giveBack(key: string): Promise<void>;
}

export function createLoginThrottle(kv: KeyValueStore, logger: Logger, windowSeconds: number): LoginThrottle {
  const windowMs = windowSeconds * 1000;

  // An increment that died before its expire would otherwise leave a key that never expires: a permanent lock-out.
  const bump = async (key: string, by: number): Promise<ThrottleCount & { key: string }> => {
    const count = await kv.incrBy(key, by);
    let ttlMs = count === 1 && by === 1 ? -1 : await kv.ttl(key);
    if (ttlMs === -1) {
      await kv.expire(key, windowMs);
      ttlMs = windowMs;
    }
    return { key, count, max: 0, ttlMs };
  };

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      // Without its counters the throttle cannot hold: refuse logins rather than allow unlimited guessing.
      logger.error({ err: error }, 'login throttle unavailable');
      throw unavailable('sign-in is temporarily unavailable');
    }
  };

  return {
    admit: (keys) =>
      guarded(async () => {
        const counts = await Promise.all(keys.map(async ({ key, max }) => ({ ...(await bump(key, 1)), max })));
        return verdict(counts, windowSeconds);
      }),
    clearAccount: (key) =>
      guarded(async () => {
        await kv.del(key);
      }),
    giveBack: (key) =>
      guarded(async () => {
        await bump(key, -1);
      }),
  };
}
