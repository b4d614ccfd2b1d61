-- Seed section 5.1 DATA_ERRORS, owned by validation. source_file_id refers to ingest's DATA_FILES by value.
CREATE TABLE data_errors (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_file_id  NUMBER(19) NOT NULL,
    job_id          NUMBER(19) NOT NULL,
    row_number      NUMBER(19) NOT NULL,
    raw_data        CLOB,
    error_type      VARCHAR2(50 CHAR) NOT NULL,
    error_message   VARCHAR2(1000 CHAR) NOT NULL,
    field_name      VARCHAR2(50 CHAR),
    field_value     VARCHAR2(500 CHAR),
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL
);
CREATE INDEX idx_errors_file ON data_errors(source_file_id, row_number);
CREATE INDEX idx_errors_job ON data_errors(job_id);
CREATE INDEX idx_errors_type ON data_errors(error_type);

-- Files this service has heard of (FileUploaded), so an unknown file id is a 404, not an empty list.
CREATE TABLE known_files (
    file_id         NUMBER(19) PRIMARY KEY,
    original_name   VARCHAR2(255 CHAR),
    uploaded_at     TIMESTAMP
);

-- Processed-batch ledger: written in the same transaction as the batch's errors, so a redelivered batch is
-- recognised and writes nothing twice.
CREATE TABLE validated_batches (
    job_id          NUMBER(19) NOT NULL,
    batch_no        NUMBER(10) NOT NULL,
    file_id         NUMBER(19) NOT NULL,
    rows_read       NUMBER(10) NOT NULL,
    rows_valid      NUMBER(10) NOT NULL,
    rows_rejected   NUMBER(10) NOT NULL,
    processed_at    TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT pk_validated_batches PRIMARY KEY (job_id, batch_no)
);
