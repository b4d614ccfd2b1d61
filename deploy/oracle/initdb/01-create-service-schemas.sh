#!/bin/bash
# Runs once, when gvenzl/oracle-free creates its database (the image runs every *.sh in
# /container-entrypoint-initdb.d after the database is open; docker-compose.yml mounts this directory there).
# Creates the six service schemas in FREEPDB1 with sql/create-service-schema.sql (mounted at /opt/dataops/oracle/sql)
# and passwords from the container's environment: DATAOPS_<SERVICE>_DB_PASSWORD. Nothing secret is in the repository.
#
# Passwords go to SQL*Plus on stdin, never on a command line. The image may source this file instead of running
# it (when it is not executable), so it only defines variables and never calls exit.

dataops_pdb="${DATAOPS_ORACLE_PDB:-FREEPDB1}"
dataops_sql="${DATAOPS_ORACLE_SQL_DIR:-/opt/dataops/oracle/sql}/create-service-schema.sql"
dataops_failed=""

for dataops_service in GATEWAY INGEST VALIDATION LOADER JOB REPORT; do
  dataops_var="DATAOPS_${dataops_service}_DB_PASSWORD"
  dataops_password="${!dataops_var:-}"
  if [ -z "${dataops_password}" ]; then
    echo "DATAOPS: ${dataops_var} is not set; schema DATAOPS_${dataops_service} NOT created" >&2
    dataops_failed="${dataops_failed} DATAOPS_${dataops_service}"
    continue
  fi
  case "${dataops_password}" in
    *\"* | *\'* | *\&* | *[[:space:]]*)
      echo "DATAOPS: ${dataops_var} must not contain quotes, an ampersand or white space" >&2
      dataops_failed="${dataops_failed} DATAOPS_${dataops_service}"
      continue ;;
  esac
  echo "DATAOPS: creating schema DATAOPS_${dataops_service} in ${dataops_pdb}"
  if ! sqlplus -s / as sysdba <<SQL
DEFINE pdb = ${dataops_pdb}
DEFINE schema_user = DATAOPS_${dataops_service}
DEFINE schema_password = "${dataops_password}"
@${dataops_sql}
EXIT
SQL
  then
    dataops_failed="${dataops_failed} DATAOPS_${dataops_service}"
  fi
done

if [ -z "${dataops_failed}" ]; then
  # docker-compose.yml's healthcheck waits for this marker, so no service connects before its schema exists.
  # It lives in the data volume: the schemas live there too, and this script runs only on the first start.
  touch /opt/oracle/oradata/dataops-schemas.created
  echo "DATAOPS: all service schemas created"
else
  echo "DATAOPS: FAILED for:${dataops_failed}; the container stays unhealthy. Fix the variables, then" >&2
  echo "DATAOPS: docker compose down -v (drops the database volume) and up again." >&2
fi
unset dataops_pdb dataops_sql dataops_failed dataops_service dataops_var dataops_password
