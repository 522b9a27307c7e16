-- Categories and brands products must reference, merchandising fields for search, and the stock flag from inventory.
CREATE TABLE categories (
  slug TEXT PRIMARY KEY CONSTRAINT categories_slug_format CHECK (slug ~ '^[a-z0-9-]{1,60}$'),
  name TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  parent_slug TEXT CONSTRAINT categories_parent_slug_fkey REFERENCES categories (slug),
  created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT categories_not_own_parent CHECK (parent_slug <> slug)
);
CREATE INDEX categories_parent_idx ON categories (parent_slug);

CREATE TABLE brands (
  slug TEXT PRIMARY KEY CONSTRAINT brands_slug_format CHECK (slug ~ '^[a-z0-9-]{1,60}$'),
  name TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- Existing products named categories and brands as free text (1..100 characters). Each distinct value becomes a
-- term named after it; a value that is not already a slug is reduced to one (lower-case, runs of anything else
-- become '-'), and the products using it follow with a new version. Values reducing to nothing fall back to
-- 'uncategorized' / 'unbranded'.
CREATE TEMPORARY TABLE legacy_terms ON COMMIT DROP AS
SELECT kind, value,
  COALESCE(NULLIF(trim(BOTH '-' FROM left(trim(BOTH '-' FROM regexp_replace(lower(value), '[^a-z0-9]+', '-', 'g')), 60)), ''),
           CASE kind WHEN 'category' THEN 'uncategorized' ELSE 'unbranded' END) AS slug
FROM (
  SELECT DISTINCT 'category' AS kind, category AS value FROM products
  UNION
  SELECT DISTINCT 'brand', brand FROM products
) used;

INSERT INTO categories (slug, name)
SELECT slug, min(value) FROM legacy_terms WHERE kind = 'category' GROUP BY slug;
INSERT INTO brands (slug, name)
SELECT slug, min(value) FROM legacy_terms WHERE kind = 'brand' GROUP BY slug;

UPDATE products p SET
  category = COALESCE((SELECT slug FROM legacy_terms t WHERE t.kind = 'category' AND t.value = p.category), p.category),
  brand = COALESCE((SELECT slug FROM legacy_terms t WHERE t.kind = 'brand' AND t.value = p.brand), p.brand),
  version = version + 1,
  updated_at = clock_timestamp()
WHERE EXISTS (
  SELECT 1 FROM legacy_terms t
  WHERE t.value <> t.slug AND ((t.kind = 'category' AND t.value = p.category) OR (t.kind = 'brand' AND t.value = p.brand))
);

ALTER TABLE products
  ADD CONSTRAINT products_category_fkey FOREIGN KEY (category) REFERENCES categories (slug),
  ADD CONSTRAINT products_brand_fkey FOREIGN KEY (brand) REFERENCES brands (slug),
  -- The "was" price of a discount; null when the product is not on sale.
  ADD COLUMN original_price BIGINT CONSTRAINT products_original_price_range CHECK (original_price <= 10000000000),
  -- { key: [values] }; shape and limits are checked by the API, the table only insists on an object.
  ADD COLUMN attributes JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
  -- [{ url, alt? }], at most 10; URLs were checked against internal addresses by the API.
  ADD COLUMN images JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(images) = 'array'),
  ADD COLUMN popularity_score DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (popularity_score BETWEEN 0 AND 1),
  -- Follows inventory (available > 0); false until inventory says otherwise.
  ADD COLUMN in_stock BOOLEAN NOT NULL DEFAULT false,
  -- occurredAt of the last applied inventory.stock_changed: an older event arriving late changes nothing.
  ADD COLUMN stock_changed_at TIMESTAMPTZ,
  ADD CONSTRAINT products_original_price_not_below_price CHECK (original_price IS NULL OR original_price >= price);

-- The category and brand keyset indexes of 001 also serve the foreign keys' checks on delete.
