-- Autocomplete matches categories and brands in memory (a few dozen labels), so nothing reads these prefix indexes
-- any more; every write paid for them, and without statistics the planner took them for a cheap status filter.
DROP INDEX IF EXISTS documents_category_norm_idx;
DROP INDEX IF EXISTS documents_brand_norm_idx;
