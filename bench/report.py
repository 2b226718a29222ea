"""The benchmark's table and its check against the targets of issue 8.

python bench/report.py [bench/results/latest.json]     prints the table of a finished run again
"""

import json
import sys
from pathlib import Path

PUBLIC = (
    "document",
    "document_60_notes",
    "document_304",
    "search_one",
    "search_two",
    "search_phrase",
    "search_rare_by_date",
    "search_facet",
    "api_list",
    "api_detail",
)
SEARCHES = ("search_one", "search_two", "search_phrase", "search_rare_by_date", "search_facet")


def _p95(measures: dict, key: str) -> float:
    return measures[key]["p95_ms"]


def _targets(largest: dict, growth: dict) -> list[tuple[str, str, bool]]:
    """(target, what was measured, met?) on the largest corpus."""
    m = largest["measures"]
    static_p95 = m["document"]["static"]["p95_ms"]
    queries = {key: m[key]["queries"] for key in PUBLIC if key in m}
    rows = [
        ("document page p95 ≤ 20 ms", f"{_p95(m, 'document'):.1f} ms", _p95(m, "document") <= 20),
        (
            "document page p95 ≤ 3× static file",
            f"{_p95(m, 'document') / static_p95:.1f}×",
            _p95(m, "document") <= 3 * static_p95,
        ),
        (
            "≤ 5 queries per public page or API response",
            f"at most {max(queries.values())}",
            max(queries.values()) <= 5,
        ),
        (
            "same queries for 1 or 60 footnotes",
            f"{m['document']['queries']} and {m['document_60_notes']['queries']}",
            m["document"]["queries"] == m["document_60_notes"]["queries"],
        ),
    ]
    for key, label in (
        ("search_one", "one term"),
        ("search_two", "two terms"),
        ("search_facet", "term + facet"),
    ):
        rows.append(
            (
                f"search p95, {label}, with facet counts ≤ 100 ms",
                f"{_p95(m, key):.1f} ms",
                _p95(m, key) <= 100,
            )
        )
    rows += [
        (
            "search p95, rare term sorted by date ≤ 250 ms",
            f"{_p95(m, 'search_rare_by_date'):.1f} ms",
            _p95(m, "search_rare_by_date") <= 250,
        ),
        ("API detail p95 ≤ 15 ms", f"{_p95(m, 'api_detail'):.1f} ms", _p95(m, "api_detail") <= 15),
        ("API list p95 ≤ 40 ms", f"{_p95(m, 'api_list'):.1f} ms", _p95(m, "api_list") <= 40),
        ("publish one record p95 ≤ 250 ms", f"{_p95(m, 'publish'):.1f} ms", _p95(m, "publish") <= 250),
        (
            "admin change form, 100 revisions, p95 ≤ 300 ms",
            f"{_p95(m, 'admin_change_100'):.1f} ms",
            _p95(m, "admin_change_100") <= 300,
        ),
    ]
    if growth:
        for key in ("document", "api_detail"):
            rows.append((f"growth of {key} median ≤ 1.3×", f"{growth[key]:.2f}×", growth[key] <= 1.3))
        worst = max(SEARCHES, key=lambda key: growth[key])
        rows.append(("growth of search medians ≤ 3×", f"{growth[worst]:.2f}× ({worst})", growth[worst] <= 3))
    load = largest.get("throughput")
    if load:
        rows.append(
            (
                "gunicorn, 2 workers, document pages ≥ 250/s, no errors",
                f"{load['requests_per_second']:.0f}/s, {load['errors']} errors",
                load["requests_per_second"] >= 250 and load["errors"] == 0,
            )
        )
    return rows


def _growth(report: dict) -> dict:
    sizes = sorted(report["sizes"], key=int)
    if len(sizes) < 2:
        return {}
    small, large = report["sizes"][sizes[0]]["measures"], report["sizes"][sizes[-1]]["measures"]
    return {key: large[key]["median_ms"] / small[key]["median_ms"] for key in large if key in small}


def evaluate(report: dict) -> list[dict]:
    largest = report["sizes"][max(report["sizes"], key=int)]
    return [
        {"target": target, "measured": measured, "met": met}
        for target, measured, met in _targets(largest, _growth(report))
    ]


def table(report: dict) -> str:
    sizes = sorted(report["sizes"], key=int)
    largest = report["sizes"][sizes[-1]]
    growth = _growth(report)
    head = "| measure | " + " | ".join(f"{int(size):,}: median / p95 ms" for size in sizes)
    head += " | CPU ms | queries | × trivial | × static | growth |"
    lines = [head, "|" + "---|" * (len(sizes) + 6)]
    for key, result in largest["measures"].items():
        cells = [result["label"]]
        for size in sizes:
            row = report["sizes"][size]["measures"].get(key)
            cells.append(f"{row['median_ms']:.1f} / {row['p95_ms']:.1f}" if row else "")
        cells += [
            f"{result['cpu_median_ms']:.1f}",
            str(result["queries"]),
            f"{result['x_trivial']:.0f}",
            f"{result['x_static']:.1f}" if "x_static" in result else "",
            f"{growth[key]:.2f}" if key in growth else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "| target (largest corpus) | measured | met |", "|---|---|---|"]
    lines += [
        f"| {row['target']} | {row['measured']} | {'yes' if row['met'] else 'NO'} |"
        for row in report.get("targets") or evaluate(report)
    ]
    machine = report["machine"]
    server = largest["database"]["server"].split(" on ")[0]
    lines += [
        "",
        f"{machine['cpus']} CPUs ({machine['cpu_model']}), {machine['memory_gb']} GB, {server}, Python {machine['python']}; "
        + "; ".join(
            f"{int(size):,} records generated in {report['sizes'][size]['corpus']['seconds']:.0f} s"
            for size in sizes
        )
        + f"; load average during the measures {_load(largest):.1f}.",
    ]
    return "\n".join(lines)


def _load(result: dict) -> float:
    loads = [measure.get("load_average", 0) for measure in result["measures"].values()]
    return sum(loads) / len(loads) if loads else 0


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "results" / "latest.json"
    print(table(json.loads(path.read_text())))
