// The search engine port: index writes, queries and suggestions. PostgreSQL full-text search is the one backend;
// an OpenSearch one would implement the same interface.
import type { SqlExecutor } from '@techcorp/platform';
import type { UpkeepAction } from './upkeep.ts';

export const PRODUCT_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** A product as indexed (seed 001 "Indexed Document"); money in integer minor units. */
export interface IndexDocument {
  productId: string;
  sku: string;
  title: string;
  description: string;
  price: number;
  originalPrice: number | null;
  currency: string;
  category: string;
  brand: string;
  /** Attribute name -> values, e.g. { color: ['blue', 'red'] }. */
  attributes: Record<string, string[]>;
  images: string[];
  popularityScore: number;
  inStock: boolean;
  status: ProductStatus;
  /** Catalog's version: a write older than or equal to the stored one changes nothing. */
  version: number;
  /** Known only from catalog reads; snapshots in events do not carry it. */
  createdAt: string | null;
  updatedAt: string;
}

export type UpsertOutcome = { kind: 'inserted' | 'updated'; indexedAt: Date } | { kind: 'stale' };

export interface IndexWriter {
  /** Writes the document when its version is newer than the stored one; `seenBy` marks it for a running reindex. */
  upsert(doc: IndexDocument, options?: { seenBy?: string }): Promise<UpsertOutcome>;
  /** Removes the product from the index (a tombstone keeps its version); false when it was not indexed. */
  remove(productId: string): Promise<boolean>;
  /** Marks products a reindex saw in the catalog without (re)writing them. */
  markSeen(productIds: readonly string[], runId: string): Promise<void>;
}

export interface SearchFilters {
  categories: string[];
  brands: string[];
  inStock: boolean | null;
  priceMin: number | null;
  priceMax: number | null;
  /** Attribute name -> accepted values (any of them). */
  attributes: Record<string, string[]>;
}

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'popularity'] as const;
export type Sort = (typeof SORTS)[number];

export interface SearchRequest {
  /** Null: browse (filters only). */
  q: string | null;
  filters: SearchFilters;
  sort: Sort;
  page: number;
  limit: number;
}

export interface DocumentView {
  id: string;
  sku: string;
  title: string;
  description: string;
  price: number;
  original_price: number | null;
  currency: string;
  category: string;
  brand: string;
  attributes: Record<string, string[]>;
  images: string[];
  popularity_score: number;
  in_stock: boolean;
  version: number;
  updated_at: string;
  /** Text relevance (ts_rank, or trigram similarity in the fuzzy fallback); null when browsing. */
  score: number | null;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface PriceRange {
  from: number;
  /** Exclusive; null for the open-ended top range. */
  to: number | null;
  count: number;
}

export interface Facets {
  category: FacetValue[];
  brand: FacetValue[];
  attributes: Record<string, FacetValue[]>;
  in_stock: { true: number; false: number };
  price: PriceRange[];
}

export interface SearchResult {
  items: DocumentView[];
  total: number;
  correctedQuery: string | null;
  facets: Facets;
}

export const SUGGESTION_KINDS = ['product', 'term', 'category', 'brand'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export interface Suggestion {
  text: string;
  kind: SuggestionKind;
  id?: string;
}

export interface SearchEngine {
  /** The writer for one transaction (the consumer's, so the inbox row and the index change commit together). */
  writer(tx: SqlExecutor): IndexWriter;
  search(request: SearchRequest): Promise<SearchResult>;
  suggest(q: string, limit: number): Promise<Suggestion[]>;
  /**
   * Removes documents a reindex run did not see and that nothing indexed since it started (`startedAt`, database
   * clock); resolves with how many were removed.
   */
  removeUnseen(runId: string, startedAt: string): Promise<number>;
  /** Documents per status (ACTIVE, ARCHIVED, DELETED tombstones), for the gauge. */
  countByStatus(): Promise<Record<string, number>>;
  /**
   * Brings the engine's own upkeep up to date after a bulk change (a full reindex rewrote every document), so the
   * next queries are planned on today's data, not on what the index held before.
   */
  afterBulkChange(): Promise<void>;
  /** The upkeep the index's tables are due (engine/upkeep.ts), done; resolves with what was done. */
  upkeepIfDue(): Promise<UpkeepAction[]>;
}
