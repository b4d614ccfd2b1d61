-- A file's batches now spread over every partition and replica (docs/adr/0024-one-file-across-partitions.md).
-- handled_by: the replica that committed the batch (dataops.platform.instance).
ALTER TABLE loaded_batches ADD (
    handled_by      VARCHAR2(64 CHAR)
);

-- One row per run (gate 'rows'), locked by each of the run's messages as it arrives, so whichever message completes
-- the run claims its closing (LoadFinished) once (io.dataops.platform.closing.ClosingGate).
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
