-- Which job and which row of its file inserted a row. Met again: the same row of the same file in a later job is a
-- re-run (no change, no error); anything else is a duplicate, within the file or of another file.
ALTER TABLE customers ADD load_job_id NUMBER(19);
ALTER TABLE customers ADD load_row_number NUMBER(19);

-- Rows a batch could not load, kept with the batch's ledger row so they can be reported again after a crash
-- between the commit and the send.
CREATE TABLE load_rejects (
    job_id          NUMBER(19) NOT NULL,
    batch_no        NUMBER(10) NOT NULL,
    row_number      NUMBER(19) NOT NULL,
    field_name      VARCHAR2(50 CHAR),
    field_value     VARCHAR2(500 CHAR),
    error_type      VARCHAR2(50 CHAR) NOT NULL,
    error_message   VARCHAR2(1000 CHAR) NOT NULL,
    raw_data        CLOB,
    CONSTRAINT pk_load_rejects PRIMARY KEY (job_id, batch_no, row_number)
);
