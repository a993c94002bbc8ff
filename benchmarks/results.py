"""Benchmark results on disk: each benchmark writes ``benchmarks/results/NAME.json`` with where and
when it was measured (commit, date, machine), and ``python -m benchmarks.docs`` writes the docs'
figures from them."""
from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["RESULTS", "load_results", "provenance", "save_results"]

RESULTS = Path(__file__).resolve().parent / "results"
REPO = RESULTS.parents[1]
# The code a measurement depends on: a change elsewhere (docs, tests) does not make it "modified".
_CODE = ("indexer", "queries", "seeds", "benchmarks", "setup.cfg")


def provenance() -> dict[str, str]:
    """The commit measured (``+modified`` when its code has uncommitted changes), the date and the machine."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    # Results written by an earlier benchmark of the same run are no change of the code measured.
    if git("status", "--porcelain", "--", *_CODE, ":(exclude)benchmarks/results"):
        commit += "+modified"
    return {"commit": commit, "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}


def save_results(path: Path, report: dict) -> None:
    """Write ``report`` with its :func:`provenance` first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**provenance(), **report}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load_results(name: str) -> dict:
    """``benchmarks/results/NAME.json``."""
    return json.loads((RESULTS / f"{name}.json").read_text(encoding="utf-8"))
