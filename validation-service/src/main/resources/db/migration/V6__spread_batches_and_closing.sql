-- A file's batches now spread over every partition and replica (docs/adr/0024-one-file-across-partitions.md).
-- handled_by: the replica that committed the batch (dataops.platform.instance). keyed_rows: the batch's rows with a
-- non-blank natural key, the quality score's distinct keys before the loader's in-file duplicates are taken off.
ALTER TABLE validated_batches ADD (
    handled_by      VARCHAR2(64 CHAR),
    keyed_rows      NUMBER(10) DEFAULT 0 NOT NULL
);

-- One row per closing of a run (gate 'rows': the batches from ingest are all validated; gate 'load': the loader
-- finished and every reject it reported is recorded), locked by each message of the run as it arrives, so whichever
-- message completes the run claims the closing once (io.dataops.platform.closing.ClosingGate).
CREATE TABLE run_closings (
    job_id          NUMBER(19) NOT NULL,
    gate            VARCHAR2(16 CHAR) NOT NULL,
    file_id         NUMBER(19) NOT NULL,
    expected        NUMBER(19),
    marker          VARCHAR2(4000 CHAR),
    claimed_by      VARCHAR2(64 CHAR),
    closed_at       TIMESTAMP,
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT pk_run_closings PRIMARY KEY (job_id, gate)
);
CREATE INDEX idx_run_closings_file ON run_closings(file_id);
