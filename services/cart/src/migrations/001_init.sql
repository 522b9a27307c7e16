-- Checked-out carts (seed 002: "Persist: PostgreSQL (on checkout)"): one immutable snapshot per cart version.
--
-- (cart_id, version) is the key orders uses for idempotency, so one cart version can become one order at most;
-- order_id is filled in when order.created names the cart.
CREATE TABLE checkouts (
  cart_id UUID NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  customer_id VARCHAR(255) NOT NULL,
  currency CHAR(3) NOT NULL,
  -- [{ product_id, sku, title, quantity, unit_price_at_add, added_at }] as the cart held them.
  lines JSONB NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  order_id UUID NULL,
  PRIMARY KEY (cart_id, version)
);
