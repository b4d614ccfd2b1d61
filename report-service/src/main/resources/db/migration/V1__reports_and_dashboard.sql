-- Seed section 5.1 REPORTS, owned by report-service, and its read model of the pipeline events.
CREATE TABLE reports (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_name     VARCHAR2(100 CHAR) NOT NULL,
    report_type     VARCHAR2(50 CHAR) NOT NULL,
    parameters      CLOB,
    file_path       VARCHAR2(500 CHAR),
    generated_by    NUMBER(19),
    generated_at    TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL
);

-- One row per file, upserted from events; counts are the file's latest run.
CREATE TABLE dashboard_files (
    file_id         NUMBER(19) PRIMARY KEY,
    status          VARCHAR2(20 CHAR) NOT NULL,
    uploaded_at     TIMESTAMP NOT NULL,
    processed_at    TIMESTAMP,
    target_table    VARCHAR2(50 CHAR),
    rows_loaded     NUMBER(19) DEFAULT 0 NOT NULL,
    rows_rejected   NUMBER(19) DEFAULT 0 NOT NULL
);
CREATE INDEX idx_dash_files_status ON dashboard_files(status);

CREATE TABLE dashboard_jobs (
    job_id          NUMBER(19) PRIMARY KEY,
    file_id         NUMBER(19) NOT NULL,
    status          VARCHAR2(20 CHAR) NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX idx_dash_jobs_status ON dashboard_jobs(status);
