-- Rows loaded counted per job, not per file: a file's rows in a target are the sum over its runs (a re-run of the
-- same file loads 0 new rows and must not hide the first run's). Progress of a running or cancelled job counts too:
-- those rows are in the target.
ALTER TABLE dashboard_jobs ADD target_table VARCHAR2(50 CHAR);
ALTER TABLE dashboard_jobs ADD rows_loaded NUMBER(19) DEFAULT 0 NOT NULL;
CREATE INDEX idx_dash_jobs_target ON dashboard_jobs(target_table);
