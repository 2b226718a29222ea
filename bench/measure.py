"""Measure every benchmarked request against one database; print the results as JSON.

Run by bench/run.py in a process of its own per corpus size (Django's settings are per process).
Requests go in-process through Django's test Client, which drives the project's full WSGI handler
and middleware stack exactly as gunicorn's worker does, minus the socket: these are server-side
timings. Each measure is repeated (after a warm-up); its query count and the memory one request
allocates are taken on separate, untimed requests. Two baselines are measured in the same run: a
trivial Django view through the same middleware, and, for each page, the page's own bytes served as a
static file (by WhiteNoise, as the stack serves static files).
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure() -> None:
    """Production-like settings for an in-process run: DEBUG off, no TLS redirect, no API throttling."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "0"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("API_THROTTLE_ANON", "1000000/minute")
    os.environ.setdefault("API_THROTTLE_USER", "1000000/minute")
    os.environ.setdefault("SEARCH_RATE_LIMIT", "1000000/minute")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"


@dataclass
class Measure:
    key: str
    label: str
    call: Callable[[int], object]  # the i-th repetition; returns the response (or the published version)
    repeat: int
    expect: int = 200
    static_suffix: str | None = ".html"  # None: no static twin (a publish is not a page)


def sample(measure: Measure, warmup: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each repetition. CPU time is this process's only (not the
    database's); on a busy machine it moves far less than wall-clock time does."""
    for index in range(warmup):
        _checked(measure, measure.call(index))
    timings, cpu = [], []
    for index in range(measure.repeat):
        started, started_cpu = time.perf_counter(), time.thread_time()
        response = measure.call(warmup + index)
        timings.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
        _checked(measure, response)
    return timings, cpu


def _checked(measure: Measure, response) -> None:
    status = getattr(response, "status_code", measure.expect)
    if status != measure.expect:
        raise SystemExit(f"{measure.label}: HTTP {status}, expected {measure.expect}")


def summary(timings: list[float], cpu: list[float]) -> dict:
    """Median, p95 and extremes of the samples (seconds), in ms; the samples are kept too, so that
    rounds measured apart can be pooled (combine)."""
    ordered = sorted(timings)
    return {
        "timings_ms": [round(value * 1000, 4) for value in timings],
        "cpus_ms": [round(value * 1000, 4) for value in cpu],
        "samples": len(ordered),
        "cpu_median_ms": statistics.median(cpu) * 1000,
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000,
        "min_ms": ordered[0] * 1000,
        "max_ms": ordered[-1] * 1000,
    }


def queries_of(call: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def explained(call: Callable[[], object]) -> list[dict]:
    """Each query of one request with its time and EXPLAIN ANALYZE plan: where a slow search spends it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    plans = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = [row[0] for row in cursor.fetchall()]
        plans.append({"ms": float(query["time"]) * 1000, "sql": sql[:300], "plan": plan})
    return plans


def allocated_kb(call: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def run(scale: float) -> dict:
    from django.db import connection
    from django.test import Client

    from bench.plan import build_plan

    plan, context = build_plan(scale)
    results, bodies = {}, {}
    for measure in plan:
        warmup = max(2, measure.repeat // 10)
        load_before = os.getloadavg()[0]
        timings = sample(measure, warmup)
        first = measure.call(10_000)
        results[measure.key] = {
            "label": measure.label,
            **summary(*timings),
            "load_average": (load_before + os.getloadavg()[0]) / 2,
            "queries": queries_of(lambda m=measure: m.call(20_000)),
            "allocated_kb": allocated_kb(lambda m=measure: m.call(30_000)),
            "bytes": len(getattr(first, "content", b"")),
        }
        if measure.key.startswith("search"):
            results[measure.key]["queries_explained"] = explained(lambda m=measure: m.call(40_000))
        if measure.static_suffix:
            bodies[measure.key] = (first.content, measure.static_suffix, measure.repeat)
        print(f"  {measure.label:48} median {results[measure.key]['median_ms']:8.2f} ms", file=sys.stderr)
    # WhiteNoise reads the static files when its middleware starts: write them, then start a new stack.
    static_dir = Path(os.environ.get("STATIC_ROOT", ROOT / "staticfiles")) / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    for key, (content, suffix, _repeat) in bodies.items():
        (static_dir / f"{key}{suffix}").write_bytes(content)
    static_client = Client()
    for key, (_content, suffix, repeat) in bodies.items():
        url = f"/static/bench/{key}{suffix}"
        timings = sample(
            Measure(key, f"static twin of {key}", lambda i, u=url: static_client.get(u), repeat), 5
        )
        results[key]["static"] = summary(*timings)
    with_ratios(results)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        server = cursor.fetchone()[0]
    return {
        "measures": results,
        "context": context,
        "database": {"vendor": connection.vendor, "server": server},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "mode": "in-process: django.test.Client through the full WSGI handler and middleware, DEBUG off",
    }


def with_ratios(results: dict) -> dict:
    """Each measure's median over the trivial view's, and its median and p95 over its static twin's."""
    trivial = results["trivial"]["median_ms"]
    for result in results.values():
        result["x_trivial"] = result["median_ms"] / trivial
        if "static" in result:
            result["x_static"] = result["median_ms"] / result["static"]["median_ms"]
            result["p95_x_static"] = result["p95_ms"] / result["static"]["p95_ms"]
    return results


def combine(rounds: list[dict]) -> dict:
    """Runs of the same measures taken apart (bench/run.py's rounds), as one: each measure's samples
    pooled and summarised again, its load average the rounds' mean; counts, sizes and plans from the
    first round (they do not change between rounds)."""
    first = rounds[0]
    measures = {}
    for key, result in first["measures"].items():
        taken = [run["measures"][key] for run in rounds]
        measures[key] = {
            **result,
            **_pooled(taken),
            "load_average": statistics.mean(item["load_average"] for item in taken),
            "rounds": len(taken),
        }
        if "static" in result:
            measures[key]["static"] = _pooled([item["static"] for item in taken])
    return {**first, "measures": with_ratios(measures)}


def _pooled(summaries: list[dict]) -> dict:
    timings = [value / 1000 for item in summaries for value in item["timings_ms"]]
    cpus = [value / 1000 for item in summaries for value in item["cpus_ms"]]
    return summary(timings, cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every repetition count")
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    configure()
    args.output.write_text(json.dumps(run(args.scale), indent=2))


if __name__ == "__main__":
    main()
