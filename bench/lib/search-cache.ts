// Makes the next search cold the way search itself does after every index change: one INCR of the generation its
// cached answers are filed under (services/search/src/search/query-cache.ts), so PostgreSQL answers the next query.
import { createKv, type KeyValueStore } from '@techcorp/platform';

/** query-cache.ts's GENERATION key (services share one Redis without a key prefix). */
export const SEARCH_GENERATION_KEY = 'search:generation';

export interface SearchCacheFlusher {
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function openSearchCacheFlusher(redisUrl: string): Promise<SearchCacheFlusher> {
  const kv: KeyValueStore = await createKv({ kind: 'redis', url: redisUrl });
  return {
    flush: async () => {
      await kv.incrBy(SEARCH_GENERATION_KEY, 1);
    },
    close: () => kv.close(),
  };
}
