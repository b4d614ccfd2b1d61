-- How a run reads its file: the delimiter ('tab' for a tab) and encoding, given in the request or detected.
ALTER TABLE file_runs ADD delimiter VARCHAR2(3 CHAR);
ALTER TABLE file_runs ADD encoding VARCHAR2(20 CHAR) DEFAULT 'utf-8' NOT NULL;
