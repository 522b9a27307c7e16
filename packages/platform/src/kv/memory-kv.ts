// Embedded key-value store: a Map with Redis semantics (PX/NX, PTTL -1/-2, INCRBY errors), lazy and periodic expiry.
import type { KeyValueStore, SetOptions } from './kv.ts';

interface Entry {
  value: string;
  /** Epoch ms after which the entry is gone; null = no expiry. */
  expiresAt: number | null;
}

const SWEEP_INTERVAL_MS = 1000;
const SWEEP_BATCH = 1000;
/** Redis stores 64-bit integers; JS numbers are exact only up to 2^53, which is the honest limit here. */
const INTEGER = /^(0|-?[1-9][0-9]*)$/;

/** Redis answers a non-integer counter or increment with this error; callers may match on it. */
export function notAnInteger(): Error {
  return new Error('ERR value is not an integer or out of range');
}

export function createMemoryKv(options: { keyPrefix?: string } = {}): KeyValueStore {
  const prefix = options.keyPrefix ?? '';
  const entries = new Map<string, Entry>();
  let closed = false;

  const live = (key: string, now = Date.now()): Entry | undefined => {
    const entry = entries.get(prefix + key);
    if (entry?.expiresAt != null && entry.expiresAt <= now) {
      entries.delete(prefix + key);
      return undefined;
    }
    return entry;
  };
  const open = () => {
    if (closed) throw new Error('key-value store is closed');
  };

  // Lazy expiry alone would keep never-read keys forever; the sweep bounds memory. unref: never holds the process open.
  const sweeper = setInterval(() => {
    const now = Date.now();
    let seen = 0;
    for (const [key, entry] of entries) {
      if (entry.expiresAt != null && entry.expiresAt <= now) entries.delete(key);
      if (++seen >= SWEEP_BATCH) break;
    }
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    async get(key) {
      open();
      return live(key)?.value ?? null;
    },
    async mget(keys) {
      open();
      const now = Date.now();
      return keys.map((key) => live(key, now)?.value ?? null);
    },
    async set(key, value, setOptions: SetOptions = {}) {
      open();
      const { ttlMs, onlyIfAbsent } = setOptions;
      if (ttlMs !== undefined) assertSetTtl(ttlMs);
      if (onlyIfAbsent && live(key)) return false;
      entries.set(prefix + key, { value: String(value), expiresAt: ttlMs === undefined ? null : Date.now() + ttlMs });
      return true;
    },
    async del(...keys) {
      open();
      let removed = 0;
      for (const key of keys) {
        if (live(key) && entries.delete(prefix + key)) removed++;
      }
      return removed;
    },
    async compareAndSet(key, expected, value, casOptions = {}) {
      open();
      if (casOptions.ttlMs !== undefined) assertSetTtl(casOptions.ttlMs);
      const current = live(key)?.value ?? null;
      if (current !== expected) return false;
      const { ttlMs } = casOptions;
      entries.set(prefix + key, { value: String(value), expiresAt: ttlMs === undefined ? null : Date.now() + ttlMs });
      return true;
    },
    async compareAndDelete(key, expected) {
      open();
      if ((live(key)?.value ?? null) !== expected) return false;
      return entries.delete(prefix + key);
    },
    async incrBy(key, by) {
      open();
      if (!Number.isSafeInteger(by)) throw notAnInteger();
      const entry = live(key);
      const current = entry ? parseCounter(entry.value) : 0;
      const next = current + by;
      if (!Number.isSafeInteger(next)) throw new Error('ERR increment or decrement would overflow');
      // INCRBY keeps an existing TTL.
      entries.set(prefix + key, { value: String(next), expiresAt: entry?.expiresAt ?? null });
      return next;
    },
    async expire(key, ttlMs) {
      open();
      if (!Number.isSafeInteger(ttlMs)) throw notAnInteger();
      const entry = live(key);
      if (!entry) return false;
      // PEXPIRE with a non-positive time deletes the key, as Redis does.
      if (ttlMs <= 0) entries.delete(prefix + key);
      else entry.expiresAt = Date.now() + ttlMs;
      return true;
    },
    async ttl(key) {
      open();
      const now = Date.now();
      const entry = live(key, now);
      if (!entry) return -2;
      return entry.expiresAt === null ? -1 : entry.expiresAt - now;
    },
    async ping() {
      open();
    },
    async close() {
      closed = true;
      clearInterval(sweeper);
      entries.clear();
    },
  };
}

function parseCounter(value: string): number {
  if (!INTEGER.test(value)) throw notAnInteger();
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw notAnInteger();
  return n;
}

/** SET ... PX needs a positive integer; Redis rejects anything else, so both adapters do the same up front. */
export function assertSetTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`);
  }
}
