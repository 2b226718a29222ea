#!/usr/bin/env bash
# Restore a backup written by ops/backup.sh over the current database and uploaded files.
#
#   ops/restore.sh [--yes] BACKUP_DIRECTORY
#
# Checks every checksum first and changes nothing if one is wrong. Then restores the database in one
# transaction (pg_restore --clean --single-transaction: all or nothing) and replaces the files under
# MEDIA_ROOT with the backup's, checking each file's SHA-256 afterwards. Stop the web service first
# (docker compose stop web), so that nobody writes while the old state comes back.
set -euo pipefail
cd "$(dirname "$0")/.."

assume_yes=0
if [ "${1:-}" = "--yes" ]; then assume_yes=1; shift; fi
backup="${1:?usage: ops/restore.sh [--yes] BACKUP_DIRECTORY}"
: "${DATABASE_URL:?set DATABASE_URL (postgres://USER:PASSWORD@HOST:PORT/NAME)}"
PYTHON="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
MEDIA_ROOT="${MEDIA_ROOT:-$("$PYTHON" -c 'import django, os; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings"); django.setup(); from django.conf import settings; print(settings.MEDIA_ROOT)')}"

for name in database.dump media.tar.gz media-files.sha256 MANIFEST.sha256; do
  [ -f "$backup/$name" ] || { echo "restore: $backup/$name is missing; is this a backup directory?" >&2; exit 2; }
done
echo "== Checking the backup's checksums"
(cd "$backup" && sha256sum --check --strict --quiet MANIFEST.sha256) \
  || { echo "restore: the backup is damaged (checksums differ); nothing was changed" >&2; exit 3; }
pg_restore --list "$backup/database.dump" >/dev/null
tar --list --gzip --file="$backup/media.tar.gz" >/dev/null

if [ "$assume_yes" != 1 ]; then
  if [ ! -t 0 ]; then
    echo "restore: this replaces the database ${DATABASE_URL##*@} and $MEDIA_ROOT; pass --yes to go on" >&2
    exit 2
  fi
  read -r -p "Replace the database ${DATABASE_URL##*@} and everything in $MEDIA_ROOT? Type yes: " answer
  [ "$answer" = yes ] || { echo "restore: nothing changed"; exit 1; }
fi

echo "== Restoring the database"
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$backup/database.dump"

echo "== Restoring the uploaded files into $MEDIA_ROOT"
mkdir -p "$MEDIA_ROOT"
find "$MEDIA_ROOT" -mindepth 1 -delete
tar --extract --gzip --file="$backup/media.tar.gz" --directory="$MEDIA_ROOT" --no-same-owner
(cd "$MEDIA_ROOT" && sha256sum --check --strict --quiet "$(cd "$backup" && pwd)/media-files.sha256") \
  || { echo "restore: restored files differ from the backup's checksums" >&2; exit 4; }

echo "Restored $backup"
