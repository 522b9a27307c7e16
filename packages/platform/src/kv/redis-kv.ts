// Key-value store on Redis (ioredis): keys under a prefix, SET with PX/NX, PTTL, and a PING for readiness.
import { Redis } from 'ioredis';
import type { KeyValueStore } from './kv.ts';
import { assertSetTtl } from './memory-kv.ts';

export interface RedisKvOptions {
  url: string;
  keyPrefix?: string;
  /** Fail a command after this many reconnect attempts instead of queueing it forever. Default 2. */
  maxRetriesPerRequest?: number;
}

/** Connects before resolving, so a wrong REDIS_URL fails at boot rather than on the first request. */
export async function createRedisKv(options: RedisKvOptions): Promise<KeyValueStore> {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? '',
    lazyConnect: true,
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? 2,
    // Reconnect with a capped backoff; commands issued meanwhile fail after maxRetriesPerRequest.
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  // ioredis emits 'error' on every failed reconnect; without a listener Node prints each one. Readiness reports it.
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot connect to Redis: ${(error as Error).message}`);
  }
  return wrapRedis(redis);
}

/** KEYS[1]; ARGV: 1 = '1' when a value is expected (else absence is), 2 = expected, 3 = new value, 4 = ttl ms or ''. */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[4] ~= '' then redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4]) else redis.call('SET', KEYS[1], ARGV[3]) end
return 1`;
const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

function wrapRedis(redis: Redis): KeyValueStore {
  return {
    get: (key) => redis.get(key),
    async mget(keys) {
      // MGET with no keys is a Redis syntax error; an empty lookup simply has no results.
      return keys.length === 0 ? [] : redis.mget(...keys);
    },
    async set(key, value, options = {}) {
      const { ttlMs, onlyIfAbsent } = options;
      let reply: string | null;
      if (ttlMs !== undefined) {
        assertSetTtl(ttlMs);
        reply = onlyIfAbsent
          ? await redis.set(key, value, 'PX', ttlMs, 'NX')
          : await redis.set(key, value, 'PX', ttlMs);
      } else {
        reply = onlyIfAbsent ? await redis.set(key, value, 'NX') : await redis.set(key, value);
      }
      return reply === 'OK';
    },
    async del(...keys) {
      return keys.length === 0 ? 0 : redis.del(...keys);
    },
    async compareAndSet(key, expected, value, casOptions = {}) {
      if (casOptions.ttlMs !== undefined) assertSetTtl(casOptions.ttlMs);
      const ttl = casOptions.ttlMs === undefined ? '' : String(casOptions.ttlMs);
      const flag = expected === null ? '0' : '1';
      // EVAL prefixes KEYS with the keyPrefix like any other command.
      return (await redis.eval(COMPARE_AND_SET, 1, key, flag, expected ?? '', value, ttl)) === 1;
    },
    async compareAndDelete(key, expected) {
      return (await redis.eval(COMPARE_AND_DELETE, 1, key, expected)) === 1;
    },
    incrBy: (key, by) => redis.incrby(key, by),
    async expire(key, ttlMs) {
      return (await redis.pexpire(key, ttlMs)) === 1;
    },
    ttl: (key) => redis.pttl(key),
    async ping() {
      await redis.ping();
    },
    async close() {
      if (redis.status === 'end') return;
      try {
        await redis.quit();
      } catch {
        // quit fails when the connection is already down; disconnect drops it anyway.
        redis.disconnect();
      }
    },
  };
}
