-- Seed section 5.1: USERS and AUDIT_LOG belong to the gateway. Oracle SQL that H2 (MODE=Oracle) also runs.
CREATE TABLE users (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        VARCHAR2(50 CHAR) NOT NULL,
    email           VARCHAR2(100 CHAR) NOT NULL,
    password_hash   VARCHAR2(255 CHAR) NOT NULL,
    role            VARCHAR2(20 CHAR) DEFAULT 'viewer' NOT NULL,
    is_active       NUMBER(1) DEFAULT 1 NOT NULL,
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    updated_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT uq_users_username UNIQUE (username),
    CONSTRAINT uq_users_email UNIQUE (email),
    CONSTRAINT chk_users_role CHECK (role IN ('admin', 'analyst', 'viewer'))
);

CREATE TABLE audit_log (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         NUMBER(19),
    action          VARCHAR2(50 CHAR) NOT NULL,
    resource_type   VARCHAR2(50 CHAR),
    resource_id     NUMBER(19),
    old_value       CLOB,
    new_value       CLOB,
    ip_address      VARCHAR2(45 CHAR),
    user_agent      VARCHAR2(500 CHAR),
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL
);
CREATE INDEX idx_audit_user ON audit_log(user_id);
CREATE INDEX idx_audit_action ON audit_log(action);
CREATE INDEX idx_audit_created ON audit_log(created_at);
