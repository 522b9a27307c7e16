-- Event store (seed 003), checkout sagas and the order-number sequence.
CREATE TABLE IF NOT EXISTS order_events (
  id BIGSERIAL PRIMARY KEY,
  aggregate_id VARCHAR(255) NOT NULL,
  event_type VARCHAR(255) NOT NULL,
  event_data JSONB NOT NULL,
  version INTEGER NOT NULL,
  -- timestamptz rather than the seed's timestamp: instances in different zones must agree on "when".
  timestamp TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  correlation_id VARCHAR(255),
  causation_id VARCHAR(255),
  UNIQUE (aggregate_id, version)
);
CREATE INDEX IF NOT EXISTS idx_order_events_aggregate_id ON order_events (aggregate_id);
CREATE INDEX IF NOT EXISTS idx_order_events_timestamp ON order_events (timestamp);
CREATE INDEX IF NOT EXISTS idx_order_events_type ON order_events (event_type);

CREATE TABLE IF NOT EXISTS sagas (
  order_id UUID PRIMARY KEY,
  state VARCHAR(32) NOT NULL,
  saga JSONB NOT NULL,
  -- The card token lives only here, only while the payment step may still need it.
  card_token TEXT,
  next_attempt_at TIMESTAMPTZ,
  deadline_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_sagas_due ON sagas (next_attempt_at)
  WHERE state IN ('STARTED', 'INVENTORY_RESERVED', 'PAYMENT_PROCESSING', 'COMPENSATING');

CREATE SEQUENCE IF NOT EXISTS order_number_seq;
