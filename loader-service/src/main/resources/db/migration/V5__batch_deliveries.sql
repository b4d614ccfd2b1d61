-- How often each batch of a run (batch_no 0: its closing marker) was delivered to this stage, counted and committed
-- before it is processed. A batch that keeps crashing the stage is parked on the dead-letter topic after
-- dataops.platform.consumer.max-deliveries instead of being resumed forever (StageHousekeeping.delivered).
CREATE TABLE batch_deliveries (
    job_id          NUMBER(19) NOT NULL,
    batch_no        NUMBER(10) NOT NULL,
    file_id         NUMBER(19) NOT NULL,
    deliveries      NUMBER(10) NOT NULL,
    CONSTRAINT pk_batch_deliveries PRIMARY KEY (job_id, batch_no)
);
CREATE INDEX idx_batch_deliveries_file ON batch_deliveries(file_id);
