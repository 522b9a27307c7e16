-- Every text match reads ACTIVE documents only, so the full-text and trigram indexes hold only those: smaller, with
-- archived products and tombstones left out. It also steers the planner when a table has no statistics yet (a bulk
-- load before autovacuum's first ANALYZE): it took the partial btree on brand as a cheap way to read "status =
-- 'ACTIVE'" and tested the trigram operator on every title (65 ms for autocomplete on 10,000 products); a partial
-- index that answers both conditions wins that comparison.
DROP INDEX IF EXISTS documents_search_idx;
CREATE INDEX documents_search_idx ON documents USING GIN (search_vector) WHERE status = 'ACTIVE';
DROP INDEX IF EXISTS documents_title_trgm_idx;
CREATE INDEX documents_title_trgm_idx ON documents USING GIN (title_norm gin_trgm_ops) WHERE status = 'ACTIVE';
