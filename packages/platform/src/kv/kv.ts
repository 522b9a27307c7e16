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
