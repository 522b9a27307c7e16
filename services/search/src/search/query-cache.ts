// Search's answers cached in the key-value store (the platform's answer cache), under one generation that every
// committed index change bumps. A failing store degrades to SQL.
import { type Counter, createAnswerCache, type KeyValueStore, type Logger } from '@techcorp/platform';

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

export function createQueryCache(options: QueryCacheOptions): QueryCache {
  const cache = createAnswerCache({
    ...options,
    name: 'search',
    onLookup: (endpoint, result) => options.lookups.inc({ endpoint, result }),
  });
  return {
    answer: (endpoint, params, load) =>
      cache.answer({ label: endpoint, generations: [GENERATION], subject: params }, load),
    invalidate: () => cache.bump([GENERATION]),
  };
}
