// Runs the KeyValueStore contract against real Redis (unique prefix per test, keys purged) and the in-memory store.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKv } from './create-kv.ts';
import { describeKvContract } from './kv.contract.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let admin: Redis;

beforeAll(async () => {
  admin = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await admin.connect();
});
afterAll(async () => {
  await admin.quit();
});

async function purgeRedis(prefix: string): Promise<void> {
  // SCAN's MATCH is not prefixed by ioredis; this client has no keyPrefix, so the pattern is the full key.
  const stream = admin.scanStream({ match: `${prefix}*`, count: 200 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    if (keys.length > 0) await admin.del(...keys);
  }
}

describeKvContract('redis', {
  open: (keyPrefix) => createKv({ kind: 'redis', url: redisUrl, keyPrefix }),
  purge: purgeRedis,
});

describeKvContract('memory', {
  open: (keyPrefix) => createKv({ kind: 'memory', keyPrefix }),
  purge: async () => {},
});

describe('redis kv adapter', () => {
  it('stores keys under its prefix and leaves nothing behind after del', async () => {
    const prefix = `kvtest:raw:${process.pid}:${Date.now()}:`;
    const kv = await createKv({ kind: 'redis', url: redisUrl, keyPrefix: prefix });
    try {
      await kv.set('k', 'v');
      expect(await admin.get(`${prefix}k`)).toBe('v');
      await kv.del('k');
      expect(await admin.exists(`${prefix}k`)).toBe(0);
    } finally {
      await kv.close();
      await purgeRedis(prefix);
    }
  });

  it('fails at creation when Redis is unreachable', async () => {
    await expect(createKv({ kind: 'redis', url: 'redis://127.0.0.1:1' })).rejects.toThrow(/cannot connect to Redis/);
  });
});
