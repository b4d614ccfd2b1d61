-- Seed section 5.1 JOBS and CONFIG, owned by job-service, plus progress columns for live runs.
-- started_by holds the gateway's user id by value.
CREATE TABLE jobs (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_name        VARCHAR2(100 CHAR) NOT NULL,
    job_type        VARCHAR2(50 CHAR) NOT NULL,
    status          VARCHAR2(20 CHAR) DEFAULT 'pending' NOT NULL,
    file_id         NUMBER(19),
    started_by      NUMBER(19),
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    started_at      TIMESTAMP,
    completed_at    TIMESTAMP,
    parameters      CLOB,
    result          CLOB,
    error_message   VARCHAR2(2000 CHAR),
    rows_read       NUMBER(19) DEFAULT 0 NOT NULL,
    rows_valid      NUMBER(19) DEFAULT 0 NOT NULL,
    rows_rejected   NUMBER(19) DEFAULT 0 NOT NULL,
    rows_loaded     NUMBER(19) DEFAULT 0 NOT NULL,
    CONSTRAINT chk_job_status CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))
);
CREATE INDEX idx_jobs_status ON jobs(status);
CREATE INDEX idx_jobs_type ON jobs(job_type);
CREATE INDEX idx_jobs_file ON jobs(file_id);

CREATE TABLE config (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    config_key      VARCHAR2(100 CHAR) NOT NULL,
    config_value    VARCHAR2(1000 CHAR),
    description     VARCHAR2(500 CHAR),
    updated_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT uq_config_key UNIQUE (config_key)
);
