-- Services publish audit events on dataops.audit (docs/adr/0009); the gateway stores each once.
-- event_id is null for the gateway's own rows; a unique index lets any number of nulls through on Oracle and H2.
ALTER TABLE audit_log ADD event_id VARCHAR2(36 CHAR);
ALTER TABLE audit_log ADD service VARCHAR2(30 CHAR);
CREATE UNIQUE INDEX uq_audit_event ON audit_log(event_id);
