-- Seed section 5.1 names VALIDATION_RULES; one row per rule of a target's field. A field has at most one rule of a
-- type, so a run's own rule of the same field and type replaces the stored one (docs/validation-rules.md).
-- parameters is the rule's JSON object (e.g. {"min":0}); active is 1 or 0 (no BOOLEAN before Oracle 23).
CREATE TABLE validation_rules (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target          VARCHAR2(50 CHAR) NOT NULL,
    field_name      VARCHAR2(50 CHAR) NOT NULL,
    rule_type       VARCHAR2(30 CHAR) NOT NULL,
    parameters      VARCHAR2(4000 CHAR),
    message         VARCHAR2(1000 CHAR),
    active          NUMBER(1) DEFAULT 1 NOT NULL,
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    updated_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT uq_validation_rules UNIQUE (target, field_name, rule_type),
    CONSTRAINT chk_validation_rules_active CHECK (active IN (0, 1))
);

-- The seed's default rules for customers (section 6.2's process body): what a run without its own rules gets.
INSERT INTO validation_rules (target, field_name, rule_type, parameters) VALUES ('customers', 'customer_code', 'required', NULL);
INSERT INTO validation_rules (target, field_name, rule_type, parameters) VALUES ('customers', 'name', 'required', NULL);
INSERT INTO validation_rules (target, field_name, rule_type, parameters) VALUES ('customers', 'email', 'email', NULL);
INSERT INTO validation_rules (target, field_name, rule_type, parameters) VALUES ('customers', 'credit_limit', 'range', '{"min":0}');

-- The effective rule set of one run, resolved when its first batch arrives and read by every later (or
-- redelivered) batch, so editing the rules mid-file or redelivering a batch tomorrow changes nothing.
CREATE TABLE run_rules (
    job_id          NUMBER(19) PRIMARY KEY,
    file_id         NUMBER(19) NOT NULL,
    target          VARCHAR2(50 CHAR) NOT NULL,
    rules           CLOB NOT NULL,
    as_of           DATE NOT NULL,
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL
);

-- Values seen so far in one run of a file, for unique-within-file rules and the uniqueness score: the natural key
-- and every field with a unique rule. Written with the batch's ledger row, in the same transaction.
CREATE TABLE file_keys (
    job_id          NUMBER(19) NOT NULL,
    field_name      VARCHAR2(50 CHAR) NOT NULL,
    key_value       VARCHAR2(200 CHAR) NOT NULL,
    first_row       NUMBER(19) NOT NULL,
    CONSTRAINT pk_file_keys PRIMARY KEY (job_id, field_name, key_value)
);

-- Cells of the target's columns per batch, for the completeness score.
ALTER TABLE validated_batches ADD (
    cells_total     NUMBER(19) DEFAULT 0 NOT NULL,
    cells_filled    NUMBER(19) DEFAULT 0 NOT NULL
);

-- One quality score per run of a file, written when its rows end (RowsEnd).
CREATE TABLE file_quality (
    job_id          NUMBER(19) PRIMARY KEY,
    file_id         NUMBER(19) NOT NULL,
    target          VARCHAR2(50 CHAR) NOT NULL,
    rows_read       NUMBER(19) NOT NULL,
    cells_total     NUMBER(19) NOT NULL,
    cells_filled    NUMBER(19) NOT NULL,
    rows_valid      NUMBER(19) NOT NULL,
    distinct_keys   NUMBER(19) NOT NULL,
    completeness    NUMBER(5,4) NOT NULL,
    validity        NUMBER(5,4) NOT NULL,
    uniqueness      NUMBER(5,4) NOT NULL,
    quality_score   NUMBER(5,4) NOT NULL,
    computed_at     TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL
);
CREATE INDEX idx_file_quality_file ON file_quality(file_id, computed_at);
