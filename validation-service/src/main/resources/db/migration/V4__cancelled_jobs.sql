-- Jobs cancelled by a user (JobCancelled): their batches are acknowledged and skipped, nothing written or forwarded.
-- A table rather than memory, so a restarted or added replica skips them too.
CREATE TABLE cancelled_jobs (
    job_id          NUMBER(19) PRIMARY KEY,
    file_id         NUMBER(19) NOT NULL,
    cancelled_at    TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL
);
