-- Rows are written once, with no read before the write, and within one file the lower row number keeps a key
-- whatever order the batches come in (docs/adr/0026-insert-once-lower-row-wins.md). A batch that displaces a higher
-- row of the same run, stored by another batch, counts it in rows_displaced: that row was counted loaded by its own
-- batch and is now a reject of this one, so the run's rows loaded are SUM(rows_loaded) - SUM(rows_displaced).
ALTER TABLE loaded_batches ADD rows_displaced NUMBER(10) DEFAULT 0 NOT NULL;
-- For a DUPLICATE because another row of the same file holds the key: that row's number (the run's in-file
-- duplicates, which validation's quality score needs); NULL for every other reject.
ALTER TABLE load_rejects ADD duplicate_of_row NUMBER(19);
