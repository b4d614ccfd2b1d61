-- Jobs cancelled by a user (JobCancelled): their batches are acknowledged and skipped, nothing loaded, and their
-- closing marker produces no FileLoaded. A table rather than memory, so every replica and a restart skip them too.
CREATE TABLE cancelled_jobs (
    job_id          NUMBER(19) PRIMARY KEY,
    file_id         NUMBER(19) NOT NULL,
    cancelled_at    TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL
);
