-- Order read models (seed 003 "Read Models"), fed by order.* events; the rebuild bookkeeping row.
--
-- Deviations from the seed, on purpose:
-- * amounts are BIGINT minor units plus a `currency` column, not DECIMAL(10,2): money is integer minor units
--   everywhere on this platform, and a sum over orders in several currencies must never mix them;
-- * order_id is UUID (the orders service's ids are UUIDs); timestamps are TIMESTAMPTZ;
-- * order_item_read_model.id is an identity column (bigserial's modern form): a rebuild copies the tables with
--   LIKE ... INCLUDING ALL, which gives an identity column a sequence of its own;
-- * added for the queries: order_number, currency, failure_reason, the aggregate `version` (projections upsert
--   "if newer"), a tsvector over order number, product names and customer id, and sku/line_total per item.

CREATE TABLE order_read_model (
  order_id UUID PRIMARY KEY,
  order_number VARCHAR(64) NOT NULL,
  customer_id VARCHAR(255) NOT NULL,
  status VARCHAR(50) NOT NULL
    CHECK (status IN ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'FAILED')),
  failure_reason TEXT,
  total_amount BIGINT NOT NULL CHECK (total_amount >= 0),
  currency CHAR(3) NOT NULL,
  -- The order aggregate's version after the event this row was projected from.
  version INTEGER NOT NULL CHECK (version >= 1),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  -- Lexemes written by the projector (search-terms.ts), not parsed by a text-search configuration: order numbers
  -- and ids must split the same way when stored and when searched, on PostgreSQL and PGlite alike.
  search_vector TSVECTOR NOT NULL DEFAULT ''::tsvector,
  projected_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Keyset pagination: every sort is (key, order_id), scanned forwards or backwards.
CREATE INDEX order_read_model_created_idx ON order_read_model (created_at, order_id);
CREATE INDEX order_read_model_total_idx ON order_read_model (total_amount, order_id);
CREATE INDEX order_read_model_customer_idx ON order_read_model (customer_id, created_at, order_id);
CREATE INDEX order_read_model_status_idx ON order_read_model (status, created_at, order_id);
-- An order number typed as a prefix (LIKE 'TC-2025-0001%') uses this index.
CREATE INDEX order_read_model_number_idx ON order_read_model (order_number text_pattern_ops);
CREATE INDEX order_read_model_search_idx ON order_read_model USING GIN (search_vector);

CREATE TABLE order_item_read_model (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id UUID NOT NULL REFERENCES order_read_model (order_id) ON DELETE CASCADE,
  product_id VARCHAR(255) NOT NULL,
  product_name VARCHAR(255) NOT NULL,
  sku VARCHAR(64) NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  -- Unit price in minor units of the order's currency.
  price BIGINT NOT NULL CHECK (price >= 0),
  line_total BIGINT NOT NULL CHECK (line_total >= 0)
);
CREATE INDEX order_item_read_model_order_idx ON order_item_read_model (order_id);
CREATE INDEX order_item_read_model_product_idx ON order_item_read_model (product_id);

-- One row: the rebuild's state. While state = 'running' the projector also writes the shadow tables.
-- Claiming it (UPDATE ... WHERE state <> 'running' OR lease expired) is what keeps one rebuild at a time,
-- across instances too.
CREATE TABLE read_model_rebuild (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  state VARCHAR(16) NOT NULL CHECK (state IN ('idle', 'running', 'failed', 'done')),
  owner VARCHAR(64),
  processed INTEGER NOT NULL DEFAULT 0,
  started_at TIMESTAMPTZ,
  finished_at TIMESTAMPTZ,
  heartbeat_at TIMESTAMPTZ,
  error TEXT
);
INSERT INTO read_model_rebuild (id, state) VALUES (1, 'idle') ON CONFLICT (id) DO NOTHING;
