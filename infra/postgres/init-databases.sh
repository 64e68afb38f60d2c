#!/bin/sh
# First start of the Postgres container: one database per service, as in every other run mode.
set -eu
for database in $SERVICE_DATABASES; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "CREATE DATABASE \"$database\""
done
