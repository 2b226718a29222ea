#!/usr/bin/env bash
# The load test: a bounded, headless locust run on the loopback against gunicorn + PostgreSQL holding
# LOAD_DOCUMENTS published records (10,000 by default), with readers, searchers and API clients mixed
# (bench/locustfile.py). Prints the sustained rate, p50/p95/p99 and the error count, which must be zero
# (the script fails otherwise), and writes them to var/load/latest.json.
#
#   DATABASE_URL=postgres://archive:archive@127.0.0.1:5432/archive_load bench/load.sh
#
# The database is migrated and its synthetic corpus topped up to LOAD_DOCUMENTS (manage.py
# generate_corpus: the first run takes a while, later runs reuse it). Knobs, with their defaults:
# LOAD_DOCUMENTS=10000 LOAD_USERS=24 LOAD_SPAWN_RATE=8 LOAD_DURATION=60s WEB_CONCURRENCY=3.
# All the traffic comes from one address, so the per-address limits on search and the API are lifted
# for the run; everything else is the production configuration (DEBUG off, HTTPS settings, CSP …).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database for the load test (it gets a synthetic corpus)}"
DOCUMENTS="${LOAD_DOCUMENTS:-10000}"
USERS="${LOAD_USERS:-24}"
SPAWN_RATE="${LOAD_SPAWN_RATE:-8}"
DURATION="${LOAD_DURATION:-60s}"
PY=.venv/bin/python
PORT="$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:${PORT}"
OUT=var/load
mkdir -p "$OUT"
WORK="$(mktemp -d)"
GUNICORN_PID=""

cleanup() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill "$GUNICORN_PID"
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DEBUG=0
export SECRET_KEY="load-$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export ALLOWED_HOSTS=127.0.0.1
export STATIC_ROOT="${STATIC_ROOT:-$OUT/static}"
export WEB_BIND="127.0.0.1:${PORT}" WEB_CONCURRENCY="${WEB_CONCURRENCY:-3}"
export SEARCH_RATE_LIMIT="" API_THROTTLE_ANON="1000000/minute" API_THROTTLE_USER="1000000/minute"

echo "== collectstatic, migrate, corpus of ${DOCUMENTS} published records"
$PY manage.py collectstatic --noinput --verbosity 0
$PY manage.py migrate --noinput --verbosity 0
$PY manage.py generate_corpus --documents "$DOCUMENTS"
$PY manage.py shell --verbosity 0 -c \
  'from archive.models import PublishedVersion as V; print("\n".join(str(i) for i in V.objects.filter(is_current=True).order_by("?").values_list("document_id", flat=True)[:5000]))' \
  >"$WORK/ids.txt"
published=$(wc -l <"$WORK/ids.txt")
[ "$published" -gt 0 ] || { echo "load: no published records in the database" >&2; exit 1; }

echo "== gunicorn (${WEB_CONCURRENCY} workers) on $BASE"
.venv/bin/gunicorn --config ops/gunicorn.conf.py --access-logfile /dev/null config.wsgi >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  curl -sf -o /dev/null -H 'X-Forwarded-Proto: https' "$BASE/healthz" && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$WORK/gunicorn.log"; exit 1; }
  sleep 0.5
done

echo "== locust: ${USERS} users for ${DURATION}"
status=0
LOAD_IDS="$WORK/ids.txt" .venv/bin/locust -f bench/locustfile.py --headless --only-summary \
  --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$DURATION" --stop-timeout 10 \
  --host "$BASE" --csv "$WORK/load" --loglevel WARNING || status=$?

$PY - "$WORK/load_stats.csv" "$OUT/latest.json" "$DOCUMENTS" "$USERS" "$DURATION" "$WEB_CONCURRENCY" <<'PY'
import csv
import datetime as dt
import json
import os
import sys

stats_file, out_file, documents, users, duration, workers = sys.argv[1:]
rows = {row["Name"]: row for row in csv.DictReader(open(stats_file))}
total = rows["Aggregated"]
summary = {
    "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    "documents": int(documents),
    "users": int(users),
    "duration": duration,
    "gunicorn_workers": int(workers),
    "cpus": os.cpu_count(),
    "load_average_after": [round(value, 2) for value in os.getloadavg()],
    "requests": int(total["Request Count"]),
    "errors": int(total["Failure Count"]),
    "rate_per_second": round(float(total["Requests/s"]), 1),
    "p50_ms": float(total["50%"]),
    "p95_ms": float(total["95%"]),
    "p99_ms": float(total["99%"]),
    "by_request": {
        name: {
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
        }
        for name, row in rows.items()
        if name != "Aggregated"
    },
}
json.dump(summary, open(out_file, "w"), indent=2)
print(f"\n{'request':<40} {'count':>7} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
for name, row in sorted(summary["by_request"].items()):
    print(f"{name:<40} {row['requests']:>7} {row['errors']:>6} {row['p50_ms']:>7.0f} {row['p95_ms']:>7.0f} {row['p99_ms']:>7.0f}")
print(
    f"\n{summary['documents']} records, {users} users, {duration}: {summary['requests']} requests, "
    f"{summary['rate_per_second']}/s sustained, p50 {summary['p50_ms']:.0f} ms, p95 {summary['p95_ms']:.0f} ms, "
    f"p99 {summary['p99_ms']:.0f} ms, {summary['errors']} errors"
)
PY

errors=$($PY -c 'import json, sys; print(json.load(open(sys.argv[1]))["errors"])' "$OUT/latest.json")
if [ "$errors" != 0 ] || [ "$status" != 0 ]; then
  echo "load: ${errors} request(s) failed (locust exit status ${status})" >&2
  exit 1
fi
