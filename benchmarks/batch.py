"""Batch throughput on the bundled seed corpus: ``fundstelle search --batch`` as a script runs it.

    python -m benchmarks.batch            # 1,000 queries, 5 runs, median queries per second

Figures go to stdout and to ``benchmarks/results/batch.json``. The queries are the seed article's
words, alone, in pairs and as phrases, with a share that finds nothing; the time is the whole
process, start to exit.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

from benchmarks.results import RESULTS, save_results
from seeds import SEEDS_DIR

CLI = [sys.executable, "-m", "queries.cli"]


def seed_queries(count: int, rng: random.Random) -> list[str]:
    words = sorted({w for f in SEEDS_DIR.glob("*.txt") for w in re.findall(r"[^\W\d_]{4,}", f.read_text("utf-8"))})
    shapes = [
        lambda: rng.choice(words),
        lambda: f"{rng.choice(words)} {rng.choice(words)}",
        lambda: f'"{rng.choice(words)} {rng.choice(words)}"',
        lambda: f"{rng.choice(words)}x",  # finds nothing: asks for suggestions
    ]
    return [rng.choice(shapes)() for _ in range(count)]


def markdown(report: dict) -> str:
    """The run's figures in a sentence."""
    return (f"{report['queries']:,} queries on the seed corpus through `search --batch`, whole process: median "
            f"{report['median_per_s']:.0f} queries/s over {report['runs']} runs (min {report['min_per_s']:.0f}, "
            f"max {report['max_per_s']:.0f})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS / "batch.json", help="where to write the figures")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fundstelle-batch-") as tmp:
        index = Path(tmp) / "index"
        subprocess.run([*CLI, "--index", str(index), "index"], check=True, capture_output=True)
        batch = Path(tmp) / "queries.txt"
        batch.write_text("\n".join(seed_queries(args.queries, random.Random(21))) + "\n", encoding="utf-8")
        rates = []
        for _ in range(args.runs):
            started = time.perf_counter()
            done = subprocess.run([*CLI, "--index", str(index), "search", "--batch", str(batch)],
                                  capture_output=True, text=True)
            rates.append(args.queries / (time.perf_counter() - started))
            assert done.returncode in (0, 1, 2) and done.stdout
    report = {"queries": args.queries, "runs": args.runs, "median_per_s": statistics.median(rates),
              "min_per_s": min(rates), "max_per_s": max(rates)}
    print(markdown(report))
    save_results(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
