-- Payments: one row per payment attempt (id = the saga's paymentId) and its refund. Card tokens only, never card data.
CREATE TABLE transactions (
  id UUID PRIMARY KEY,
  order_id UUID NOT NULL,
  customer_id TEXT,
  amount BIGINT NOT NULL CHECK (amount >= 0),
  currency TEXT,
  method TEXT,
  card_token TEXT,
  status TEXT NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'FAILED', 'VOIDED')),
  provider_charge_id TEXT,
  failure_code TEXT,
  failure_reason TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- A VOIDED row is a tombstone (refund seen before any charge) and carries no payment details.
  CHECK (status = 'VOIDED' OR (customer_id IS NOT NULL AND currency IS NOT NULL AND method IS NOT NULL)),
  CHECK (status <> 'APPROVED' OR provider_charge_id IS NOT NULL)
);

-- At most one live (being charged or charged) payment per order: the "one successful charge per order" invariant,
-- enforced before the provider is called, so two payment ids for one order can never both be charged.
CREATE UNIQUE INDEX transactions_one_live_per_order ON transactions (order_id) WHERE status IN ('PENDING', 'APPROVED');
CREATE INDEX transactions_order_idx ON transactions (order_id, created_at);

-- Refunds are always of the full amount, so a transaction has at most one.
CREATE TABLE refunds (
  id UUID PRIMARY KEY,
  transaction_id UUID NOT NULL UNIQUE REFERENCES transactions (id),
  amount BIGINT NOT NULL CHECK (amount > 0),
  status TEXT NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
  provider_refund_id TEXT,
  reason TEXT,
  failure_reason TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
