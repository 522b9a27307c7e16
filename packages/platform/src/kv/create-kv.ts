// Picks the key-value adapter for a KvConfig: Redis for real infrastructure, the in-memory store when embedded.
import type { KeyValueStore, KvConfig } from './kv.ts';
import { createMemoryKv } from './memory-kv.ts';
import { createRedisKv } from './redis-kv.ts';

export async function createKv(config: KvConfig): Promise<KeyValueStore> {
  switch (config.kind) {
    case 'redis':
      return createRedisKv({ url: config.url, keyPrefix: config.keyPrefix });
    case 'memory':
      return createMemoryKv({ keyPrefix: config.keyPrefix });
    default: {
      const unknown: never = config;
      throw new Error(`unknown kv kind: ${JSON.stringify(unknown)}`);
    }
  }
}
