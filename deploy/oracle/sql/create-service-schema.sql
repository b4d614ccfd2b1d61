-- One schema user per service (docs/adr/0005-deployment-and-scaling.md). Run as SYSDBA.
--
-- Substitution variables, DEFINEd by the caller (initdb/01-create-service-schemas.sh, or by hand):
--   pdb              pluggable database that holds the schemas, e.g. FREEPDB1
--   schema_user      e.g. DATAOPS_INGEST
--   schema_password  its password (no quotes, no ampersand, no white space)
--
-- By hand, for a production database (as a DBA, in the PDB, once per service):
--   DEFINE pdb = ORCLPDB1
--   DEFINE schema_user = DATAOPS_INGEST
--   DEFINE schema_password = "..."
--   @create-service-schema.sql
--
-- Idempotent: an existing user gets its password reset to the given one and the grants again.
-- The service's Flyway migrations create its tables, identity columns (sequences) and indexes in this schema
-- at startup; nothing else is granted. A service never reads another service's schema, so there are no
-- cross-schema grants.
WHENEVER SQLERROR EXIT SQL.SQLCODE
SET VERIFY OFF
SET FEEDBACK OFF

ALTER SESSION SET CONTAINER = &&pdb;

DECLARE
  user_count NUMBER;
BEGIN
  SELECT COUNT(*) INTO user_count FROM dba_users WHERE username = UPPER('&&schema_user');
  IF user_count = 0 THEN
    EXECUTE IMMEDIATE 'CREATE USER &&schema_user IDENTIFIED BY "&&schema_password"'
      || ' DEFAULT TABLESPACE USERS TEMPORARY TABLESPACE TEMP QUOTA UNLIMITED ON USERS';
  ELSE
    EXECUTE IMMEDIATE 'ALTER USER &&schema_user IDENTIFIED BY "&&schema_password" ACCOUNT UNLOCK';
  END IF;
END;
/

-- What Flyway and the service need in their own schema. QUOTA UNLIMITED ON USERS (above) rather than the
-- UNLIMITED TABLESPACE system privilege: the schema can grow without limit in USERS and cannot write to SYSTEM.
GRANT CREATE SESSION, CREATE TABLE, CREATE SEQUENCE, CREATE VIEW, CREATE PROCEDURE, CREATE TRIGGER,
      CREATE SYNONYM, CREATE TYPE TO &&schema_user;

PROMPT schema &&schema_user ready in &&pdb
UNDEFINE schema_user
UNDEFINE schema_password
