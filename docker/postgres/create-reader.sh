#!/bin/sh
# Creates the read-only role Grafana and analysts use (its password from a Docker secret), with SELECT on every table
# and view the job's migrations create later.
set -eu
reader_password=$(cat /run/secrets/reader_password)
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v pw="$reader_password" <<'SQL'
CREATE ROLE beizeng_reader LOGIN PASSWORD :'pw';
GRANT CONNECT ON DATABASE beizeng TO beizeng_reader;
GRANT USAGE ON SCHEMA public TO beizeng_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE beizeng IN SCHEMA public GRANT SELECT ON TABLES TO beizeng_reader;
SQL
