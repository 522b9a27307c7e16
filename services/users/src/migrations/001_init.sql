-- Users: profiles (created from auth's user.registered), preferences, addresses and the change history of all three.
-- Input is validated at the HTTP edge; these checks are the last line of defence, not the error messages.

CREATE TABLE profiles (
  user_id UUID PRIMARY KEY,
  email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  phone TEXT CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
);
-- Admins find users by e-mail, whatever its case.
CREATE INDEX profiles_email_idx ON profiles (lower(email));

-- notifications: { channel: { category: send? } }, e.g. {"email": {"order_updates": true, "promotions": false}}.
CREATE TABLE preferences (
  user_id UUID PRIMARY KEY REFERENCES profiles (user_id) ON DELETE CASCADE,
  language TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 16),
  currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  notifications JSONB NOT NULL CHECK (jsonb_typeof(notifications) = 'object'),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
);

CREATE TABLE addresses (
  id UUID PRIMARY KEY,
  user_id UUID NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
  label TEXT CHECK (length(label) BETWEEN 1 AND 50),
  recipient TEXT NOT NULL CHECK (length(recipient) BETWEEN 1 AND 120),
  line1 TEXT NOT NULL CHECK (length(line1) BETWEEN 1 AND 200),
  line2 TEXT CHECK (length(line2) BETWEEN 1 AND 200),
  city TEXT NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
  region TEXT CHECK (length(region) BETWEEN 1 AND 100),
  postal_code TEXT NOT NULL CHECK (length(postal_code) BETWEEN 1 AND 10),
  country TEXT NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  phone TEXT CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  is_default_shipping BOOLEAN NOT NULL DEFAULT false,
  is_default_billing BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX addresses_user_idx ON addresses (user_id, created_at, id);
-- At most one default of each kind per user; writers clear the old default first, under the profile row lock.
CREATE UNIQUE INDEX addresses_default_shipping_idx ON addresses (user_id) WHERE is_default_shipping;
CREATE UNIQUE INDEX addresses_default_billing_idx ON addresses (user_id) WHERE is_default_billing;

-- One row per change, written in the transaction of the change. id is a UUID v7, so id order is time order and
-- serves as the keyset for paging. changes: { field: { from, to } } (nested fields dotted: notifications.sms.promotions).
CREATE TABLE change_history (
  id UUID PRIMARY KEY,
  user_id UUID NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('profile', 'preferences', 'address')),
  entity_id UUID NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
  changed_by TEXT NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 255),
  changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  correlation_id TEXT,
  changes JSONB NOT NULL CHECK (jsonb_typeof(changes) = 'object')
);
CREATE INDEX change_history_user_idx ON change_history (user_id, id DESC);
