"""Batch throughput on the bundled seed corpus: ``fundstelle search --batch`` as a script runs it.

    python -m benchmarks.batch            # 1,000 queries, 5 runs, median queries per second

The queries are the seed article's words, alone, in pairs and as phrases, with a share that
finds nothing; the time is the whole process, start to exit.
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
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
    print(f"{args.queries} queries on the seed corpus, whole process: median {statistics.median(rates):.0f} "
          f"queries/s over {args.runs} runs (min {min(rates):.0f}, max {max(rates):.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
