// Cache-aside answers in the key-value store (seed 001: lookup, miss, query, store), invalidated by generation
// counters. An answer's key embeds the current value of every generation it depends on, so one INCR makes all the
// answers under a generation unreachable at once (they expire with their TTL). A failing or slow store degrades to
// the loader, never to an error.
import { createHash } from 'node:crypto';
import type { Logger } from '../logging.ts';
import { withTimeout } from '../timeout.ts';
import type { KeyValueStore } from './kv.ts';

export type CacheLookupResult = 'hit' | 'miss' | 'error';

export interface AnswerLookup {
  /** What is asked (an endpoint, a kind of query): part of the key and of the lookup metric. */
  label: string;
  /** The generation keys the answer depends on; bumping any of them retires it. */
  generations: readonly string[];
  /** The normalised parameters (JSON-serialisable): equal subjects share an answer. */
  subject: unknown;
  /** Load and store afresh without reading (a caller that must see its own write). */
  bypass?: boolean;
}

export interface AnswerCache {
  /** The cached answer at the current generations, else load() it and cache it. */
  answer<T>(lookup: AnswerLookup, load: () => Promise<T>): Promise<T>;
  /** After a committed change: every answer under these generations is stale. Retries a little, then logs. */
  bump(generations: readonly string[]): Promise<void>;
}

export interface AnswerCacheOptions {
  kv: KeyValueStore;
  logger: Logger;
  /** Prefix of answer keys and name in log lines, e.g. `search`. */
  name: string;
  ttlMs: number;
  /** A store slower than this counts as failed for the request (the answer then comes from the loader). */
  timeoutMs?: number;
  onLookup?: (label: string, result: CacheLookupResult) => void;
}

const hash = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);
const BUMP_ATTEMPTS = 3;

export function createAnswerCache(options: AnswerCacheOptions): AnswerCache {
  const { kv, logger, name, ttlMs } = options;
  const timeoutMs = options.timeoutMs ?? 250;
  const call = <T>(op: () => Promise<T>) => withTimeout(op(), timeoutMs, `kv timed out after ${timeoutMs} ms`);
  const counted = (label: string, result: CacheLookupResult) => options.onLookup?.(label, result);

  /** Generation keys that never existed (or were evicted) start at the clock, so a number is never reused. */
  async function generations(keys: readonly string[]): Promise<string[]> {
    const values = await call(() => kv.mget([...keys]));
    const missing = keys.filter((_, i) => values[i] === null);
    if (missing.length === 0) return values as string[];
    for (const key of missing) await call(() => kv.set(key, String(Date.now()), { onlyIfAbsent: true }));
    return (await call(() => kv.mget([...keys]))).map((v) => v ?? '0');
  }

  return {
    async answer(lookup, load) {
      let key: string;
      try {
        const gens = await generations(lookup.generations);
        key = `${name}:answer:${lookup.label}:${gens.join('.')}:${hash(JSON.stringify(lookup.subject))}`;
        const cached = lookup.bypass ? null : await call(() => kv.get(key));
        if (cached !== null) {
          counted(lookup.label, 'hit');
          return JSON.parse(cached);
        }
        counted(lookup.label, 'miss');
      } catch (error) {
        counted(lookup.label, 'error');
        logger.warn({ err: error }, `${name} cache unavailable; answering from the database`);
        return load();
      }
      const value = await load();
      call(() => kv.set(key, JSON.stringify(value), { ttlMs })).catch((error: unknown) =>
        logger.warn({ err: error }, `${name} cache write failed`),
      );
      return value;
    },

    async bump(keys) {
      // A lost bump leaves stale answers until their TTL: retry a little before giving up.
      for (let attempt = 1; ; attempt++) {
        try {
          for (const key of keys) await call(() => kv.incrBy(key, 1));
          return;
        } catch (error) {
          if (attempt >= BUMP_ATTEMPTS) {
            logger.warn({ err: error }, `${name} cache invalidation failed; stale answers expire with their TTL`);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    },
  };
}
