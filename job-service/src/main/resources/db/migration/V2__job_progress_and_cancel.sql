-- Live progress of a run as ingest reads it (FileReadProgressed): rows and bytes read so far, the file's size and,
-- once reading is over, the job's row total. Percent, rows/s and ETA are computed from these when a job is read.
ALTER TABLE jobs ADD rows_ingested NUMBER(19) DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD bytes_read NUMBER(19) DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD bytes_total NUMBER(19);
ALTER TABLE jobs ADD rows_total NUMBER(19);
-- Who cancelled the job (gateway user id by value), null unless cancelled.
ALTER TABLE jobs ADD cancelled_by NUMBER(19);
