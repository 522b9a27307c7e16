-- Inventory: stock per product and warehouse, reservations with their lines, and the movement ledger.
-- available = on_hand - reserved is derived, never stored, so on_hand = available + reserved always holds.

CREATE TABLE warehouses (
  id TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO warehouses (id, name) VALUES ('default', 'Default warehouse') ON CONFLICT (id) DO NOTHING;

CREATE TABLE stock (
  product_id UUID NOT NULL,
  warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
  on_hand INTEGER NOT NULL,
  reserved INTEGER NOT NULL DEFAULT 0,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (product_id, warehouse_id),
  CONSTRAINT stock_never_oversold CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand)
);

CREATE TABLE reservations (
  id UUID PRIMARY KEY,
  order_id UUID NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED', 'FAILED')),
  expires_at TIMESTAMPTZ,
  -- {reason, shortages[]} of a FAILED outcome, kept so a repeated reserve replies the same.
  failure JSONB,
  -- How a RELEASED/EXPIRED reservation ended, kept so a repeated release replies the same.
  release_reason TEXT,
  returned TEXT CHECK (returned IN ('reservation', 'restock', 'nothing')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (status <> 'RESERVED' OR expires_at IS NOT NULL),
  CHECK (status <> 'FAILED' OR failure IS NOT NULL)
);
-- The TTL sweeper scans only live reservations.
CREATE INDEX reservations_expiry_idx ON reservations (expires_at) WHERE status = 'RESERVED';

-- line_no keeps the allocation order, so a repeated reserve replies the very same lines.
CREATE TABLE reservation_lines (
  reservation_id UUID NOT NULL REFERENCES reservations (id),
  line_no INTEGER NOT NULL,
  product_id UUID NOT NULL,
  warehouse_id TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (reservation_id, line_no),
  UNIQUE (reservation_id, product_id, warehouse_id)
);

CREATE TABLE stock_movements (
  id BIGSERIAL PRIMARY KEY,
  product_id UUID NOT NULL,
  warehouse_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('RESERVE', 'RELEASE', 'EXPIRE', 'SALE', 'RESTOCK', 'RETURN', 'ADJUST')),
  -- A positive magnitude whose direction the kind gives; ADJUST alone carries a signed on-hand delta.
  quantity INTEGER NOT NULL CHECK (quantity > 0 OR (kind = 'ADJUST' AND quantity <> 0)),
  on_hand_after INTEGER NOT NULL,
  reserved_after INTEGER NOT NULL,
  order_id UUID,
  reservation_id UUID,
  note TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, id DESC);
