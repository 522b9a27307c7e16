// Cache-first answers in the key-value store, invalidated by generation counters; a failing store degrades to SQL.
import { createHash } from 'node:crypto';
import type { Counter, KeyValueStore, Logger } from '@techcorp/platform';

/** What a cached answer depends on: everything (list, search, analytics) or one customer's orders. */
export type CacheScope = { kind: 'list' | 'search' | 'analytics' } | { kind: 'customer'; customerId: string };

export interface QueryCache {
  /** The cached answer for (scope, params) at the current generations, else load() and cache it. */
  answer<T>(scope: CacheScope, params: object, load: () => Promise<T>, options?: { bypass?: boolean }): Promise<T>;
  /** After a projected change committed: list/search/analytics and these customers' answers are stale. */
  invalidate(customerIds: readonly string[]): Promise<void>;
  /** After a rebuild swapped the model: every answer is stale. */
  invalidateAll(): Promise<void>;
}

export interface QueryCacheOptions {
  kv: KeyValueStore;
  logger: Logger;
  ttlMs: number;
  /** Counts lookups by endpoint kind and result (hit, miss, error). */
  lookups: Counter<'kind' | 'result'>;
  /** A store slower than this counts as failed for the request (the answer then comes from SQL). */
  timeoutMs?: number;
}

const PREFIX = 'order-query:';
const EPOCH = `${PREFIX}gen:epoch`;
const GLOBAL = `${PREFIX}gen:global`;
const hash = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);
const customerGen = (customerId: string) => `${PREFIX}gen:customer:${hash(customerId)}`;

/** The same parameters in any order give the same key. */
const sortedEntries = (params: object) => Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

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

  /** Generation keys that never existed (or were evicted) start at the clock, so numbers are never reused. */
  async function generations(keys: string[]): Promise<string[]> {
    const values = await call(() => kv.mget(keys));
    const missing = keys.filter((_, i) => values[i] === null);
    if (missing.length === 0) return values as string[];
    for (const key of missing) await call(() => kv.set(key, String(Date.now()), { onlyIfAbsent: true }));
    return (await call(() => kv.mget(keys))).map((v) => v ?? '0');
  }

  async function keyFor(scope: CacheScope, params: object): Promise<string> {
    const genKeys = scope.kind === 'customer' ? [EPOCH, customerGen(scope.customerId)] : [EPOCH, GLOBAL];
    const gens = await generations(genKeys);
    const subject = scope.kind === 'customer' ? [scope.customerId, sortedEntries(params)] : sortedEntries(params);
    return `${PREFIX}answer:${scope.kind}:${gens.join('.')}:${hash(JSON.stringify(subject))}`;
  }

  async function bump(keys: readonly string[]): Promise<void> {
    // A lost bump leaves stale answers until their TTL: retry a little before giving up.
    for (let attempt = 1; ; attempt++) {
      try {
        for (const key of keys) await call(() => kv.incrBy(key, 1));
        return;
      } catch (error) {
        if (attempt >= 3) {
          logger.warn({ err: error }, 'order-query cache invalidation failed; stale answers expire with their TTL');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  return {
    async answer(scope, params, load, { bypass = false } = {}) {
      let key: string | null = null;
      try {
        key = await keyFor(scope, params);
        const cached = bypass ? null : await call(() => kv.get(key!));
        if (cached !== null) {
          lookups.inc({ kind: scope.kind, result: 'hit' });
          return JSON.parse(cached);
        }
        lookups.inc({ kind: scope.kind, result: 'miss' });
      } catch (error) {
        lookups.inc({ kind: scope.kind, result: 'error' });
        logger.warn({ err: error }, 'order-query cache unavailable; answering from the database');
        return load();
      }
      const value = await load();
      call(() => kv.set(key!, JSON.stringify(value), { ttlMs })).catch((error: unknown) =>
        logger.warn({ err: error }, 'order-query cache write failed'),
      );
      return value;
    },
    invalidate: (customerIds) => bump([GLOBAL, ...[...new Set(customerIds)].map(customerGen)]),
    invalidateAll: () => bump([EPOCH]),
  };
}
