// Order-query's answers cached in the key-value store (the platform's answer cache): list, search and analytics under
// a global generation, a customer's under their own, all under an epoch a rebuild bumps. A failing store degrades
// to SQL.
import { createHash } from 'node:crypto';
import { type Counter, createAnswerCache, type KeyValueStore, type Logger } from '@techcorp/platform';

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

export function createQueryCache(options: QueryCacheOptions): QueryCache {
  const cache = createAnswerCache({
    ...options,
    name: 'order-query',
    onLookup: (kind, result) => options.lookups.inc({ kind, result }),
  });
  return {
    answer(scope, params, load, { bypass = false } = {}) {
      const customer = scope.kind === 'customer';
      return cache.answer(
        {
          label: scope.kind,
          generations: customer ? [EPOCH, customerGen(scope.customerId)] : [EPOCH, GLOBAL],
          subject: customer ? [scope.customerId, sortedEntries(params)] : sortedEntries(params),
          bypass,
        },
        load,
      );
    },
    invalidate: (customerIds) => cache.bump([GLOBAL, ...[...new Set(customerIds)].map(customerGen)]),
    invalidateAll: () => cache.bump([EPOCH]),
  };
}
