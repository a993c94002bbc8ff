"""``fundstelle trend`` on a dated archive: law paragraphs as one-paragraph articles over ten years.

    python -m benchmarks.trend                       # 120,000 paragraphs, 5 outlets
    python -m benchmarks.trend --paragraphs 20000    # a quick run

Each query is counted by month through the library (``Searcher.trend``, median of 5 runs) beside
the same query's search for its best hit and total, so the price of the periods shows; then
one ``fundstelle trend`` as a user runs it, the whole process. Figures go to stdout and
``benchmarks/results/trend.json``; ``python -m benchmarks.docs`` writes them into docs/performance.md.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from benchmarks.corpora import write_dated_archive
from benchmarks.results import RESULTS, save_results

#: Queries from rare to common in the law paragraphs, a phrase and an alternative among them.
QUERIES = ("Datenschutz", "Bundesregierung", "Kinder", "Antrag", "Frist", '"nach Maßgabe"', "Steuer OR Abgabe",
           "Absatz")
RUNS = 5


def _median_ms(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def markdown(report: dict) -> str:
    """The run's figures as a table."""
    rows = [f"| `{q['query']}` | {q['paragraphs']:,} | {q['periods']} | {q['search_ms']:.1f} | {q['trend_ms']:.1f} |"
            for q in report["queries"]]
    return "\n".join([
        f"**{report['paragraphs']:,} dated paragraphs in {report['outlets']} outlets over ten years, by month "
        f"(median of {RUNS} runs)**",
        "",
        "| query | matching paragraphs | periods | search ms (best hit, total) | trend ms |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
        f"`fundstelle trend {report['cli_query']}`, the whole process: {report['cli_s']:.2f} s.",
    ])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=120_000)
    parser.add_argument("--outlets", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS / "trend.json", help="where to write the figures")
    args = parser.parse_args(argv)

    from indexer import index_paths
    from queries import Searcher

    with tempfile.TemporaryDirectory(prefix="fundstelle-trend-") as tmp:
        archive, index = Path(tmp) / "archiv", Path(tmp) / "index"
        paragraphs = write_dated_archive(archive, args.paragraphs, args.outlets)
        index_paths(index, [archive])
        rows = []
        with Searcher.open(index) as searcher:
            for query in QUERIES:
                trend = searcher.trend(query, "month")
                rows.append({
                    "query": query, "paragraphs": trend.paragraphs, "periods": len(trend.periods),
                    "search_ms": _median_ms(partial(searcher.search, query, limit=1, highlight=False)),
                    "trend_ms": _median_ms(partial(searcher.trend, query, "month")),
                })
                print(rows[-1], flush=True)
        cli_query = QUERIES[1]
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "queries.cli", "--index", str(index), "trend", cli_query],
                       check=True, capture_output=True)
        cli_s = time.perf_counter() - started
    report = {"paragraphs": paragraphs, "outlets": args.outlets, "queries": rows, "cli_query": cli_query,
              "cli_s": cli_s}
    print(markdown(report))
    save_results(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
