// Search settings from the environment, checked at boot: a bad value stops the service and names the variable.
import { Type } from '@sinclair/typebox';
import { type Env, readEnv } from '@techcorp/platform';

const SearchEnv = Type.Object({
  /** How long a cached answer may live (any index change invalidates it sooner). */
  SEARCH_CACHE_TTL_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 60_000 }),
  /** Per attempt of a catalog read (3 attempts with backoff). */
  SEARCH_CATALOG_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 3_000 }),
  /** A reindex without progress for this long counts as dead, and another may take over. */
  SEARCH_REINDEX_LEASE_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 60_000 }),
  /** Least pg_trgm similarity of the known term that replaces a misspelt query word. */
  SEARCH_TYPO_MIN_SIMILARITY: Type.Number({ minimum: 0.1, maximum: 1, default: 0.25 }),
  /** Least word similarity between query and title in the last-resort trigram search. */
  SEARCH_FUZZY_MIN_SIMILARITY: Type.Number({ minimum: 0.1, maximum: 1, default: 0.4 }),
  /** How often search checks whether its tables are due an ANALYZE or a VACUUM (engine/upkeep.ts); 0: never. */
  SEARCH_UPKEEP_INTERVAL_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 30_000 }),
});

export interface SearchConfig {
  cacheTtlMs: number;
  catalogTimeoutMs: number;
  reindexLeaseMs: number;
  typoMinSimilarity: number;
  fuzzyMinSimilarity: number;
  upkeepIntervalMs: number;
}

export function searchConfig(env: Env): SearchConfig {
  const values = readEnv(env, SearchEnv);
  return {
    cacheTtlMs: values.SEARCH_CACHE_TTL_MS,
    catalogTimeoutMs: values.SEARCH_CATALOG_TIMEOUT_MS,
    reindexLeaseMs: values.SEARCH_REINDEX_LEASE_MS,
    typoMinSimilarity: values.SEARCH_TYPO_MIN_SIMILARITY,
    fuzzyMinSimilarity: values.SEARCH_FUZZY_MIN_SIMILARITY,
    upkeepIntervalMs: values.SEARCH_UPKEEP_INTERVAL_MS,
  };
}
