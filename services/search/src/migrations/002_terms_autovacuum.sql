-- A terms row is rewritten every time a document gains or loses its word, so a bulk load (a catalog import, a
-- reindex) leaves tens of dead versions per live row; typo correction's nearest-terms scan reads them all. The
-- default trigger (20 % of a table this small) waits far too long: vacuum it after a fixed number of changes.
ALTER TABLE terms SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
