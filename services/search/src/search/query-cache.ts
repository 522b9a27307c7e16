// Cache-first answers in the key-value store (seed 001: lookup, miss, query, store), keyed by the normalised
// parameters and a generation counter that every index change bumps. A failing store degrades to SQL.
import { createHash } from 'node:crypto';
import type { Counter, KeyValueStore, Logger } from '@techcorp/platform';

export type CachedEndpoint = 'search' | 'suggest';

export interface QueryCache {
  /** The cached answer for these (already normalised) parameters at the current generation, else load() it. */
  answer<T>(endpoint: CachedEndpoint, params: unknown, load: () => Promise<T>): Promise<T>;
  /** After an index change committed: every cached answer is stale. */
  invalidate(): Promise<void>;
}

export interface QueryCacheOptions {
  kv: KeyValueStore;
  logger: Logger;
  ttlMs: number;
  /** Lookups by endpoint and result (hit, miss, error). */
  lookups: Counter<'endpoint' | 'result'>;
  /** A store slower than this counts as failed for the request (the answer then comes from SQL). */
  timeoutMs?: number;
}

const GENERATION = 'search:generation';
const hash = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`kv timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createQueryCache(options: QueryCacheOptions): QueryCache {
  const { kv, logger, ttlMs, lookups } = options;
  const timeoutMs = options.timeoutMs ?? 250;
  const call = <T>(op: () => Promise<T>) => withTimeout(op(), timeoutMs);

  /** A generation that never existed (or was evicted) starts at the clock, so an old number is never reused. */
  async function generation(): Promise<string> {
    const current = await call(() => kv.get(GENERATION));
    if (current !== null) return current;
    await call(() => kv.set(GENERATION, String(Date.now()), { onlyIfAbsent: true }));
    return (await call(() => kv.get(GENERATION))) ?? '0';
  }

  return {
    async answer(endpoint, params, load) {
      let key: string;
      try {
        key = `search:answer:${endpoint}:${await generation()}:${hash(JSON.stringify(params))}`;
        const cached = await call(() => kv.get(key));
        if (cached !== null) {
          lookups.inc({ endpoint, result: 'hit' });
          return JSON.parse(cached);
        }
        lookups.inc({ endpoint, result: 'miss' });
      } catch (error) {
        lookups.inc({ endpoint, result: 'error' });
        logger.warn({ err: error }, 'search cache unavailable; answering from the database');
        return load();
      }
      const value = await load();
      call(() => kv.set(key, JSON.stringify(value), { ttlMs })).catch((error: unknown) =>
        logger.warn({ err: error }, 'search cache write failed'),
      );
      return value;
    },
    async invalidate() {
      // A lost bump leaves stale answers until their TTL: retry a little before giving up.
      for (let attempt = 1; ; attempt++) {
        try {
          await call(() => kv.incrBy(GENERATION, 1));
          return;
        } catch (error) {
          if (attempt >= 3) {
            logger.warn({ err: error }, 'search cache invalidation failed; stale answers expire with their TTL');
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    },
  };
}
