// The key-value port: Redis (ioredis) and an embedded in-memory stand-in with the same semantics.

export interface SetOptions {
  ttlMs?: number;
  /** Only set when the key does not exist (SET NX); `set` then resolves false when it existed. */
  onlyIfAbsent?: boolean;
}

export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  mget(keys: readonly string[]): Promise<(string | null)[]>;
  /** Resolves true when the value was written. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  /**
   * Writes `value` only when the key currently holds `expected` (null: only when it is absent), atomically; true
   * when written. Optimistic concurrency for a value read, changed and written back (a cart, say).
   */
  compareAndSet(key: string, expected: string | null, value: string, options?: { ttlMs?: number }): Promise<boolean>;
  /** Deletes the key only when it holds `expected`, atomically; true when deleted. */
  compareAndDelete(key: string, expected: string): Promise<boolean>;
  /** Atomic increment (negative to decrement); a missing key counts from 0. */
  incrBy(key: string, by: number): Promise<number>;
  /** Sets a time to live on an existing key; false when the key does not exist. */
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Remaining time to live in ms; -1 when the key has none, -2 when it does not exist. */
  ttl(key: string): Promise<number>;
  /** Round-trip check used by readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type KvConfig = { kind: 'redis'; url: string; keyPrefix?: string } | { kind: 'memory'; keyPrefix?: string };
