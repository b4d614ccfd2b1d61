-- Batches whose loader rejects were recorded in DATA_ERRORS: a repeated report of the same batch writes nothing.
CREATE TABLE recorded_rejects (
    job_id          NUMBER(19) NOT NULL,
    batch_no        NUMBER(10) NOT NULL,
    rows_rejected   NUMBER(10) NOT NULL,
    recorded_at     TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT pk_recorded_rejects PRIMARY KEY (job_id, batch_no)
);
