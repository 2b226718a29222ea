#!/bin/sh
# The web container's entry point: bring the schema up to date, then run the command (gunicorn).
# docker compose starts this only once PostgreSQL answers its health check.
set -eu

if [ "${MIGRATE_ON_START:-1}" = "1" ]; then
    python manage.py migrate --noinput
fi

exec "$@"
