-- The run's load mode from the process body: 'insert' (a key loaded from another file is a DUPLICATE) or 'upsert'.
ALTER TABLE file_runs ADD load_mode VARCHAR2(10 CHAR) DEFAULT 'insert' NOT NULL;
