-- Catalog products: the price authority orders reads from; archived instead of deleted.
CREATE TABLE products (
  id UUID PRIMARY KEY,
  sku TEXT NOT NULL CONSTRAINT products_sku_key UNIQUE CONSTRAINT products_sku_format CHECK (sku ~ '^[A-Z0-9-]{3,40}$'),
  title TEXT NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
  -- Integer minor units; the upper bound keeps every price a safe JavaScript integer.
  price BIGINT NOT NULL CHECK (price > 0 AND price <= 10000000000),
  -- The accepted list lives in @techcorp/contracts CURRENCIES; the table only insists on an ISO 4217 shape.
  currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  category TEXT NOT NULL CHECK (char_length(category) BETWEEN 1 AND 100),
  brand TEXT NOT NULL CHECK (char_length(brand) BETWEEN 1 AND 100),
  status TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ARCHIVED')),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- Keyset pagination walks (created_at, id); the filtered listings walk the same key inside their filter.
CREATE INDEX products_keyset_idx ON products (created_at, id);
CREATE INDEX products_category_keyset_idx ON products (category, created_at, id);
CREATE INDEX products_brand_keyset_idx ON products (brand, created_at, id);
