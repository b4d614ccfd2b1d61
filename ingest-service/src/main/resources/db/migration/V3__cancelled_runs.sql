-- A cancelled job (JobCancelled) stops its run and says so on the file. The run's 'cancelled' state is also the
-- emitter's durable stop sign: it checks it while reading, whichever replica heard the event.
ALTER TABLE data_files DROP CONSTRAINT chk_data_files_status;
ALTER TABLE data_files ADD CONSTRAINT chk_data_files_status
    CHECK (status IN ('uploaded', 'processing', 'completed', 'failed', 'cancelled'));
ALTER TABLE file_runs DROP CONSTRAINT chk_file_runs_state;
ALTER TABLE file_runs ADD CONSTRAINT chk_file_runs_state
    CHECK (state IN ('queued', 'emitting', 'emitted', 'failed', 'cancelled'));
