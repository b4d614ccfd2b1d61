-- Rotating refresh tokens (docs/adr/0006). Only the SHA-256 of a token is stored; a family is one login's chain
-- of rotations, revoked as a whole when a spent token comes back. Oracle SQL that H2 (MODE=Oracle) also runs.
CREATE TABLE refresh_tokens (
    id              NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         NUMBER(19) NOT NULL,
    family_id       VARCHAR2(36 CHAR) NOT NULL,
    token_hash      VARCHAR2(64 CHAR) NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    used_at         TIMESTAMP,
    revoked_at      TIMESTAMP,
    created_at      TIMESTAMP DEFAULT SYSTIMESTAMP NOT NULL,
    CONSTRAINT uq_refresh_tokens_hash UNIQUE (token_hash),
    CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX idx_refresh_tokens_family ON refresh_tokens(family_id);
CREATE INDEX idx_refresh_tokens_user ON refresh_tokens(user_id);
