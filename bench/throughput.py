"""Requests per second of document pages from gunicorn (2 workers), under a bounded loopback load.

gunicorn runs with the production settings (ops/gunicorn.conf.py where present, DEBUG off, no page
cache: every request renders its page). A closed-loop client on the same machine keeps a fixed number
of requests in flight (by default two per worker), each one a document page from a sample of
published records spread over the corpus; any answer but 200 counts as an error. The client is a few
threads of http.client, light enough to leave both cores to the server.

The sampled records' citations are rendered first (`manage.py render_citations --documents …`), as
publishing would have rendered them: the generated corpus skips citeproc-py, which would cost hours.
Besides the rate, the result gives the CPU time each request cost the gunicorn workers, the
PostgreSQL backends serving them and the client: on a shared machine the rate moves with the other
load, the CPU per request far less, and 2 cores divided by their sum is the rate the machine could
reach on its own.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_RECORDS = 1000  # more than a worker keeps the per-version parts of a page for (512)


def sample_records(database_url: str) -> list[int]:
    with psycopg.connect(database_url) as connection:
        ids = [
            row[0]
            for row in connection.execute(
                "SELECT document_id FROM archive_publishedversion WHERE is_current ORDER BY document_id"
            )
        ]
    step = max(1, len(ids) // SAMPLE_RECORDS)
    return ids[::step][:SAMPLE_RECORDS]


def server_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }


def render_citations(database_url: str, records: list[int]) -> None:
    """What publishing does for each version, done for the sample (only what is missing)."""
    command = [sys.executable, "manage.py", "render_citations", "--documents", *map(str, records)]
    subprocess.run(command, cwd=ROOT, env=server_env(database_url), check=True, stdout=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url: str, port: int, workers: int, worker_class: str | None) -> subprocess.Popen:
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi:application"]
    config = ROOT / "ops" / "gunicorn.conf.py"
    if config.exists():
        command += ["--config", str(config)]
    command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    if worker_class:
        command += ["--worker-class", worker_class]
    # The access log is written as in production, to a sink rather than the benchmark's output.
    return subprocess.Popen(command, cwd=ROOT, env=server_env(database_url), stdout=subprocess.DEVNULL)


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """Each process's user and system CPU time so far (Linux /proc), with that of the children it
    reaped: gunicorn's master thus keeps the time of the workers that max_requests recycled."""
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = sum(map(int, fields[11:15])) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime
    return seconds


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU time spent between two readings; a process started in between counts from zero, one that
    ended in between (a PostgreSQL backend closed by a recycled worker) is lost, a small undercount."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def server_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [master, *map(int, children.read_text().split())] if children.exists() else [master]


def backend_pids(database_url: str) -> list[int]:
    """The PostgreSQL backends of the benchmark's database but this query's own (the workers' connections)."""
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in rows]


def wait_until_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/robots.txt")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on port {port} within {timeout:.0f} s")


class Load:
    """A closed loop of `concurrency` clients, each sending its next request when the last one is answered."""

    def __init__(self, port: int, pages: list[str], concurrency: int) -> None:
        self.port, self.pages, self.concurrency = port, pages, concurrency
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.measuring = threading.Event()
        self.stopping = threading.Event()

    def client(self, offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        count = offset
        while not self.stopping.is_set():
            path = self.pages[count % len(self.pages)]
            count += self.concurrency
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                status = repr(error)
                connection.close()
            if self.measuring.is_set():
                self.latencies.append(time.perf_counter() - started)
                if status != 200:
                    self.errors.append(f"{path}: {status}")

    def run(self, warmup: float, seconds: float, processes: Callable[[], dict[str, list[int]]]) -> dict:
        """The load for `seconds` after `warmup`; `processes` names the server's processes by role,
        whose CPU time is counted over the same window as the requests."""
        threads = [
            threading.Thread(target=self.client, args=(n,), daemon=True) for n in range(self.concurrency)
        ]
        for thread in threads:
            thread.start()
        time.sleep(warmup)
        cpu_before = {role: cpu_seconds(members) for role, members in processes().items()}
        client_before = time.process_time()
        self.measuring.set()
        started = time.perf_counter()
        time.sleep(seconds)
        self.measuring.clear()
        elapsed = time.perf_counter() - started
        client_cpu = time.process_time() - client_before
        cpu_after = {role: cpu_seconds(members) for role, members in processes().items()}
        cpu = {role: cpu_spent(cpu_before[role], cpu_after[role]) for role in cpu_after}
        self.stopping.set()
        for thread in threads:
            thread.join(timeout=35)
        ordered = sorted(self.latencies)
        return {
            "requests": len(ordered),
            "seconds": elapsed,
            "requests_per_second": len(ordered) / elapsed,
            "errors": len(self.errors),
            "first_errors": self.errors[:5],
            "latency_median_ms": statistics.median(ordered) * 1000 if ordered else None,
            "latency_p95_ms": ordered[round(0.95 * (len(ordered) - 1))] * 1000 if ordered else None,
            "concurrency": self.concurrency,
            **cpu_per_request({**cpu, "client": client_cpu}, len(ordered)),
        }


def cpu_per_request(cpu: dict[str, float], requests: int) -> dict:
    """Milliseconds of CPU per request by role, and the rate their sum allows on this machine's cores."""
    per_request = {role: seconds * 1000 / requests for role, seconds in cpu.items()} if requests else {}
    total = sum(per_request.values())
    return {
        "cpu_ms_per_request": {role: round(value, 2) for role, value in per_request.items()},
        "cpu_bound_requests_per_second": round((os.cpu_count() or 1) * 1000 / total) if total else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight (default 4)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument(
        "--worker-class", help="gunicorn's (sync, gthread …); by default ops/gunicorn.conf.py's"
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if not args.database_url or urlparse(args.database_url).scheme not in ("postgres", "postgresql"):
        raise SystemExit("Give a PostgreSQL DATABASE_URL.")
    records = sample_records(args.database_url)
    render_citations(args.database_url, records)
    pages = [f"/documents/{pk}/" for pk in records]
    port = free_port()
    server = start_gunicorn(args.database_url, port, args.workers, args.worker_class)

    def processes() -> dict[str, list[int]]:
        return {"gunicorn": server_pids(server.pid), "postgresql": backend_pids(args.database_url)}

    try:
        wait_until_up(port)
        result = Load(port, pages, args.concurrency).run(args.warmup, args.seconds, processes)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result.update(
        workers=args.workers,
        worker_class=args.worker_class or "default",
        pages=len(pages),
        cpus=os.cpu_count(),
    )
    text = json.dumps(result, indent=2)
    if args.output:
        args.output.write_text(text)
    print(text, file=sys.stdout if not args.output else sys.stderr)


if __name__ == "__main__":
    main()
