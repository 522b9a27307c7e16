// Fixed-window rate limiting on the KeyValueStore (Redis when real): one counter per rule and client, first hit opens the window.
import { normalizeIP } from '@fastify/rate-limit';
import type { Counter, KeyValueStore, Logger } from '@techcorp/platform';
import type { RateLimitRuleName, RateLimitRules } from './rate-limit.rules.ts';

export interface RateDecision {
  readonly rule: RateLimitRuleName;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window ends (at least 1). */
  readonly resetSeconds: number;
  readonly exceeded: boolean;
}

export interface RateSubject {
  readonly userId: string | null;
  readonly ip: string;
}

export interface RateLimiter {
  /** One decision per rule; an empty list when the store cannot be reached (we fail open rather than shut the shop). */
  check(rules: readonly RateLimitRuleName[], subject: RateSubject): Promise<RateDecision[]>;
}

export interface RateLimiterDeps {
  kv: KeyValueStore;
  rules: RateLimitRules;
  logger: Logger;
  storeErrors: Counter<never>;
}

export function createRateLimiter(deps: RateLimiterDeps): RateLimiter {
  const { kv, rules, logger } = deps;

  const keyOf = (rule: RateLimitRuleName, subject: RateSubject): string => {
    // IPv6 clients usually hold a whole /64: counting per address would let one client rotate through millions.
    const ip = `ip:${normalizeIP(subject.ip)}`;
    const who = rules[rule].key === 'client' && subject.userId ? `user:${subject.userId}` : ip;
    return `gateway:ratelimit:${rule}:${who}`;
  };

  const count = async (rule: RateLimitRuleName, subject: RateSubject): Promise<RateDecision> => {
    const { max, windowSeconds } = rules[rule];
    const windowMs = windowSeconds * 1000;
    const key = keyOf(rule, subject);
    const hits = await kv.incrBy(key, 1);
    let ttlMs = windowMs;
    if (hits === 1) {
      await kv.expire(key, windowMs);
    } else {
      const left = await kv.ttl(key);
      // -1: a crash between INCR and PEXPIRE left the counter without a window; give it one instead of a life sentence.
      if (left === -1) await kv.expire(key, windowMs);
      else if (left > 0) ttlMs = left;
    }
    return {
      rule,
      limit: max,
      remaining: Math.max(0, max - hits),
      resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      exceeded: hits > max,
    };
  };

  return {
    async check(names, subject) {
      try {
        return await Promise.all(names.map((rule) => count(rule, subject)));
      } catch (error) {
        deps.storeErrors.inc();
        logger.warn({ err: error }, 'rate-limit store unavailable; request let through');
        return [];
      }
    },
  };
}

/** The decision the client is told about: the exceeded rule that lasts longest, else the one with least headroom. */
export function reportedDecision(decisions: readonly RateDecision[]): RateDecision | null {
  const exceeded = decisions.filter((d) => d.exceeded);
  if (exceeded.length > 0) return exceeded.reduce((a, b) => (b.resetSeconds > a.resetSeconds ? b : a));
  if (decisions.length === 0) return null;
  return decisions.reduce((a, b) => (b.remaining < a.remaining ? b : a));
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(decision.resetSeconds),
  };
  if (decision.exceeded) headers['retry-after'] = String(decision.resetSeconds);
  return headers;
}
