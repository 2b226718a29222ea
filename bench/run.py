"""The benchmark: corpora of 1,000 and 100,000 records on PostgreSQL, every measure, a table and JSON.

    DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/NAME python bench/run.py [--reuse] [--sizes 1000 100000]

Each size gets a database of its own, named after DATABASE_URL's with the size appended
(NAME_1000, NAME_100000), made afresh (dropped, migrated, generated) unless --reuse keeps what is
there and only tops the corpus up. Once every corpus is ready and quiet, bench/measure.py times
every request in-process, the sizes in turn, twice (--rounds); then bench/throughput.py loads
gunicorn per size. The results are checked against the targets of issue 8 and written to
bench/results/<timestamp>.json and bench/results/latest.json. See bench/README.md.
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psutil
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import combine  # noqa: E402
from bench.report import evaluate, table  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
WORK = ROOT / "var" / "bench"
STATIC_ROOT = WORK / "static"
RESULTS = ROOT / "bench" / "results"


def database_for(url: str, size: int) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"{parts.path.rstrip('/')}_{size}"))


def prepare_database(url: str, *, fresh: bool) -> None:
    """Create the size's database (dropping it first when `fresh`) from the server's maintenance database."""
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunparse(parts._replace(path="/postgres")), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        if not exists or fresh:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(url: str, *args: str, capture: bool = False) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "STATIC_ROOT": str(STATIC_ROOT),
        "DEBUG": "0",
        "PYTHONUNBUFFERED": "1",
    }
    command = [PYTHON, "manage.py", *args]
    if not capture:
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        return ""
    lines = []
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    if process.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed ({process.returncode})")
    return "".join(lines)


def generate(url: str, size: int, jobs: int | None) -> dict:
    started = time.monotonic()
    options = ["--jobs", str(jobs)] if jobs else []
    output = manage(url, "generate_corpus", "--documents", str(size), *options, capture=True)
    written = re.search(r"Wrote (\d+) records in ([\d.]+) s .*peak memory ([\d,]+) MB", output)
    return {
        "documents": size,
        "written": int(written[1]) if written else 0,
        "seconds": float(written[2]) if written else time.monotonic() - started,
        "peak_memory_mb": int(written[3].replace(",", "")) if written else None,
    }


# The tables every public read goes through. A bulk-loaded table has no visibility map until it is
# vacuumed, and without one PostgreSQL cannot answer a count from an index alone; autovacuum sets it in
# time on a live archive, so the bench sets it before measuring the steady state. The TOASTed texts
# are left alone: nothing reads them without their rows.
SETTLED_TABLES = (
    "archive_document",
    "archive_publishedversion",
    "archive_searchentry",
    "archive_searchfacet",
    "archive_publishedversion_collections",
    "archive_publishedversion_people",
    "archive_publishedversion_places",
    "archive_publishedversion_subjects",
)


def settle(url: str) -> None:
    """The schema up to date, the public tables vacuumed and analysed, and the database quiet.

    Right after a corpus is generated, PostgreSQL is still busy with it: autovacuum works through the
    gigabytes of TOASTed texts and snapshots, a checkpoint spreads its writes over minutes, and the
    kernel flushes what was written. Measured during that, every page took a fifth more CPU than on
    the same corpus once quiet (the document page 6.0 against 5.1 ms at 100,000 records). So the
    bench waits for autovacuum to finish, checkpoints and flushes, then measures the steady state.
    """
    manage(url, "migrate", "--noinput", "-v", "0")
    with psycopg.connect(url, autocommit=True) as connection:
        for table in SETTLED_TABLES:
            connection.execute(
                sql.SQL("VACUUM (ANALYZE, PROCESS_TOAST FALSE) {}").format(sql.Identifier(table))
            )
        _wait_for_autovacuum(connection)
        try:
            connection.execute("CHECKPOINT")
        except psycopg.errors.InsufficientPrivilege:
            print("  (no CHECKPOINT: the role needs pg_checkpoint; measuring anyway)", flush=True)
    os.sync()


AUTOVACUUM_WAIT_SECONDS = 1800


def _wait_for_autovacuum(connection: psycopg.Connection) -> None:
    """Until no autovacuum worker has been at work on this database for two checks in a row."""
    deadline, quiet, shown = time.monotonic() + AUTOVACUUM_WAIT_SECONDS, 0, set()
    while quiet < 2 and time.monotonic() < deadline:
        working = {
            query
            for (query,) in connection.execute(
                # Another role's query reads "<insufficient privilege>": it is still counted.
                "SELECT coalesce(query, 'autovacuum') FROM pg_stat_activity "
                "WHERE backend_type = 'autovacuum worker' AND datname = current_database()"
            )
        }
        for query in sorted(working - shown):
            print(f"  waiting for {query}", flush=True)
        shown |= working
        quiet = 0 if working else quiet + 1
        if quiet < 2:
            time.sleep(5)


def measure(url: str, scale: float) -> dict:
    output = WORK / f"measure-{urlparse(url).path.lstrip('/')}.json"
    env = {**os.environ, "DATABASE_URL": url, "STATIC_ROOT": str(STATIC_ROOT)}
    subprocess.run(
        [PYTHON, "bench/measure.py", "--scale", str(scale), "--output", str(output)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return json.loads(output.read_text())


def throughput(url: str, seconds: float) -> dict:
    output = WORK / "throughput.json"
    env = {**os.environ, "STATIC_ROOT": str(STATIC_ROOT)}
    subprocess.run(
        [
            PYTHON,
            "bench/throughput.py",
            "--database-url",
            url,
            "--seconds",
            str(seconds),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return json.loads(output.read_text())


def save(report: dict) -> None:
    report["targets"] = evaluate(report)
    stamp = report["started"].replace(":", "").replace("-", "")
    text = json.dumps(report, indent=2)
    (RESULTS / f"{stamp}.json").write_text(text)
    (RESULTS / "latest.json").write_text(text)


def machine() -> dict:
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if "model name" in line
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the archive on PostgreSQL (bench/README.md).")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--reuse", action="store_true", help="keep existing corpus databases (top them up)")
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="measure the corpus databases as they are, however many records they hold (implies --reuse)",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every repetition count")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="measure the sizes in turn this many times, each time with its share of the repetitions",
    )
    parser.add_argument("--jobs", type=int, default=None, help="generator processes (default: one per CPU)")
    parser.add_argument("--throughput-seconds", type=float, default=30)
    parser.add_argument("--no-throughput", action="store_true")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if urlparse(base).scheme not in ("postgres", "postgresql"):
        raise SystemExit(
            "Set DATABASE_URL to a PostgreSQL database, e.g. postgres://archive:archive@127.0.0.1/archive_bench"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    report = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "sizes": {},
    }
    urls, corpora = {}, {}
    for size in args.sizes:
        urls[size] = url = database_for(base, size)
        print(f"\n== {size:,} records: {urlparse(url).path.lstrip('/')}", flush=True)
        if args.measure_only:
            corpora[size] = {"documents": size, "written": 0, "seconds": 0, "peak_memory_mb": None}
        else:
            prepare_database(url, fresh=not args.reuse)
            manage(url, "migrate", "--noinput", "-v", "0")
            corpora[size] = generate(url, size, args.jobs)
        settle(url)
        manage(url, "collectstatic", "--noinput", "-v", "0")
    # The sizes are measured in turn, `rounds` times, each round with its share of the repetitions,
    # and each measure's samples pooled: a slower spell of the machine (measures of the same corpus
    # taken minutes apart differ by up to a fifth here) then falls on both sizes alike rather than
    # on one side of the growth ratios.
    taken: dict[int, list[dict]] = {size: [] for size in args.sizes}
    for number in range(1, args.rounds + 1):
        for size in args.sizes:
            print(f"\n== {size:,} records: measures, round {number} of {args.rounds}", flush=True)
            taken[size].append(measure(urls[size], args.scale / args.rounds))
    for size in args.sizes:
        result = {"corpus": corpora[size], **combine(taken[size])}
        if not args.no_throughput:
            print(f"\n== {size:,} records: gunicorn throughput", flush=True)
            result["throughput"] = throughput(urls[size], args.throughput_seconds)
        report["sizes"][str(size)] = result
        save(report)  # after each size, so that a long run stopped later keeps what it measured
    print()
    print(table(report))
    print(f"\nJSON: {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
