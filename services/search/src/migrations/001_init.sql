-- The product index (seed 001 "Indexed Document") on PostgreSQL full-text search plus pg_trgm, the known-terms
-- table behind typo correction and completion, and the reindex bookkeeping row.
--
-- Notes:
-- * money is BIGINT minor units with its currency, as everywhere on this platform (the seed shows 89.90);
-- * search_vector and the *_norm columns are written from text normalised in code (engine/text.ts: lower case,
--   accents folded, punctuation split) with the 'simple' configuration, so both databases index alike;
-- * a removed product stays as a tombstone (status DELETED, its version kept): a late, older event for it
--   cannot bring it back;
-- * pg_trgm is created in this schema (the search_path); only ACTIVE rows are ever returned.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE documents (
  product_id UUID PRIMARY KEY,
  sku TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  price BIGINT NOT NULL CHECK (price >= 0),
  original_price BIGINT CHECK (original_price >= 0),
  currency CHAR(3) NOT NULL,
  category TEXT NOT NULL,
  brand TEXT NOT NULL,
  attributes JSONB NOT NULL DEFAULT '{}',
  images JSONB NOT NULL DEFAULT '[]',
  popularity_score DOUBLE PRECISION NOT NULL DEFAULT 0,
  in_stock BOOLEAN NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('ACTIVE', 'ARCHIVED', 'DELETED')),
  version INTEGER NOT NULL CHECK (version >= 0),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  indexed_at TIMESTAMPTZ NOT NULL,
  -- Search columns.
  title_norm TEXT NOT NULL,
  category_norm TEXT NOT NULL,
  brand_norm TEXT NOT NULL,
  -- Title A, description B, brand/category/sku C, attribute values D.
  search_vector TSVECTOR NOT NULL,
  -- The words this document counts for in `terms` (empty unless ACTIVE), so an update can take them back.
  terms TEXT[] NOT NULL DEFAULT '{}',
  -- The last reindex run that saw this product in the catalog.
  reindex_run UUID
);

CREATE INDEX documents_search_idx ON documents USING GIN (search_vector);
CREATE INDEX documents_title_trgm_idx ON documents USING GIN (title_norm gin_trgm_ops);
CREATE INDEX documents_popularity_idx ON documents (popularity_score DESC, product_id) WHERE status = 'ACTIVE';
CREATE INDEX documents_price_idx ON documents (price, product_id) WHERE status = 'ACTIVE';
CREATE INDEX documents_created_idx ON documents (created_at DESC, product_id) WHERE status = 'ACTIVE';
CREATE INDEX documents_category_idx ON documents (category) WHERE status = 'ACTIVE';
CREATE INDEX documents_brand_idx ON documents (brand) WHERE status = 'ACTIVE';
CREATE INDEX documents_category_norm_idx ON documents (category_norm text_pattern_ops) WHERE status = 'ACTIVE';
CREATE INDEX documents_brand_norm_idx ON documents (brand_norm text_pattern_ops) WHERE status = 'ACTIVE';
CREATE INDEX documents_reindex_idx ON documents (reindex_run);

-- Every normalised word of the ACTIVE titles, brands, categories and attribute values, with how many documents
-- use it: typo correction picks the most similar term (GiST: nearest by trigram distance), completion the most
-- used one with a prefix.
CREATE TABLE terms (
  term TEXT PRIMARY KEY,
  doc_count INTEGER NOT NULL
);
CREATE INDEX terms_trgm_idx ON terms USING GIST (term gist_trgm_ops);
CREATE INDEX terms_prefix_idx ON terms (term text_pattern_ops, doc_count);

-- One row: the full reindex. Claiming it (state not running, or its lease expired) keeps one reindex at a time
-- across instances.
CREATE TABLE reindex_state (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  state VARCHAR(16) NOT NULL CHECK (state IN ('idle', 'running', 'failed', 'done')),
  run_id UUID,
  processed INTEGER NOT NULL DEFAULT 0,
  started_at TIMESTAMPTZ,
  finished_at TIMESTAMPTZ,
  heartbeat_at TIMESTAMPTZ,
  error TEXT
);
INSERT INTO reindex_state (id, state) VALUES (1, 'idle') ON CONFLICT (id) DO NOTHING;
