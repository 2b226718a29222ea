#!/usr/bin/env bash
# Back up the archive: the PostgreSQL database (pg_dump, custom format) and the uploaded files, with
# a manifest of checksums. `make backup` runs it; `ops/restore.sh` reads what it writes.
#
#   ops/backup.sh [DESTINATION]      (default: backups/)  ->  DESTINATION/archive-<UTC time>/
#       database.dump        pg_dump --format=custom of DATABASE_URL
#       media.tar.gz         MEDIA_ROOT as it was just after the dump
#       media-files.sha256   SHA-256 of every file under MEDIA_ROOT
#       MANIFEST.sha256      SHA-256 of the three files above (sha256sum -c MANIFEST.sha256)
#       info.txt             when, from which database, with which pg_dump
#
# The database is dumped first, then the files: uploads are written before any row names them and are
# never deleted, so every file a dumped row refers to is in the archive of files taken after it.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?set DATABASE_URL (postgres://USER:PASSWORD@HOST:PORT/NAME)}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup: DATABASE_URL is not PostgreSQL; pg_dump cannot back it up" >&2; exit 2 ;;
esac
PYTHON="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
MEDIA_ROOT="${MEDIA_ROOT:-$("$PYTHON" -c 'import django, os; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings"); django.setup(); from django.conf import settings; print(settings.MEDIA_ROOT)')}"
DESTINATION="${1:-backups}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
final="$DESTINATION/archive-$stamp"
partial="$DESTINATION/.partial-archive-$stamp"
mkdir -p "$partial"
trap 'rm -rf "$partial"' EXIT
umask 077

pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$partial/database.dump"

mkdir -p "$MEDIA_ROOT"
tar --create --gzip --file="$partial/media.tar.gz" --directory="$MEDIA_ROOT" .
(cd "$MEDIA_ROOT" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) >"$partial/media-files.sha256"

{
  echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database: ${DATABASE_URL##*@}"
  echo "pg_dump: $(pg_dump --version)"
  echo "media files: $(wc -l <"$partial/media-files.sha256")"
} >"$partial/info.txt"
(cd "$partial" && sha256sum database.dump media.tar.gz media-files.sha256 >MANIFEST.sha256)

mv "$partial" "$final"
trap - EXIT
echo "$final"
