-- Seed section 5.1 DATA_FILES, owned by ingest. uploaded_by holds the gateway's user id: no foreign key,
-- because no service reads another's tables.
CREATE TABLE data_files (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filename        VARCHAR2(255 CHAR) NOT NULL,
    original_name   VARCHAR2(255 CHAR) NOT NULL,
    file_type       VARCHAR2(10 CHAR) NOT NULL,
    file_size       NUMBER(19) NOT NULL,
    sha256          VARCHAR2(64 CHAR),
    row_count       NUMBER(19),
    status          VARCHAR2(20 CHAR) DEFAULT 'uploaded' NOT NULL,
    uploaded_by     NUMBER(19) NOT NULL,
    uploaded_at     TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    processed_at    TIMESTAMP,
    error_message   VARCHAR2(1000 CHAR),
    CONSTRAINT uq_data_files_filename UNIQUE (filename),
    CONSTRAINT chk_data_files_status CHECK (status IN ('uploaded', 'processing', 'completed', 'failed'))
);
CREATE INDEX idx_files_status ON data_files(status);
CREATE INDEX idx_files_uploaded_by ON data_files(uploaded_by);
CREATE INDEX idx_files_uploaded_at ON data_files(uploaded_at);

-- One row per processing run of a file: the durable to-do list of the row emitter. A run still 'queued' or
-- 'emitting' after a restart is emitted again from its first batch; downstream ledgers drop the repeats.
CREATE TABLE file_runs (
    job_id          NUMBER(19) PRIMARY KEY,
    file_id         NUMBER(19) NOT NULL,
    target_table    VARCHAR2(50 CHAR) NOT NULL,
    rules           CLOB,
    state           VARCHAR2(20 CHAR) DEFAULT 'queued' NOT NULL,
    batches_emitted NUMBER(10) DEFAULT 0 NOT NULL,
    rows_emitted    NUMBER(19) DEFAULT 0 NOT NULL,
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT fk_file_runs_file FOREIGN KEY (file_id) REFERENCES data_files(id),
    CONSTRAINT chk_file_runs_state CHECK (state IN ('queued', 'emitting', 'emitted', 'failed'))
);
CREATE INDEX idx_file_runs_state ON file_runs(state);
