"""Write the docs' figures from ``benchmarks/results/*.json``, so that no figure is typed by hand.

    python -m benchmarks.docs           # rewrite the figures in docs/*.md
    python -m benchmarks.docs --check   # exit 1 if a doc's figures are not its results' (a test runs this)

A doc marks where a benchmark's figures go with ``<!-- figures: NAME -->`` and
``<!-- /figures: NAME -->``; between them goes a line saying where and when they were measured
(commit, date, machine, command) and the tables the benchmark's ``markdown`` makes of its results.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Callable, Sequence

from . import compound_search, compounds, faults, htmlpages, relevance, scale
from .results import REPO, load_results

__all__ = ["BENCHMARKS", "render", "written_docs"]

#: Each benchmark's results name, the command that makes them, and the function that writes their tables.
BENCHMARKS: dict[str, tuple[str, Callable[[dict], str]]] = {
    "relevance": ("python -m benchmarks.relevance", relevance.markdown),
    "scale": ("python -m benchmarks.scale", scale.markdown),
    "faults": ("python -m benchmarks.faults", faults.markdown),
    "htmlpages": ("python -m benchmarks.htmlpages", htmlpages.markdown),
    "compounds": ("python -m benchmarks.compounds", compounds.markdown),
    "compound_search": ("python -m benchmarks.compound_search", compound_search.markdown),
}
DOCS = REPO / "docs"
_BLOCK_RE = re.compile(r"(<!-- figures: (\w+) -->\n).*?(<!-- /figures: \2 -->)", re.S)


def render(name: str) -> str:
    """The figures of benchmark ``name`` as a doc shows them."""
    results = load_results(name)
    command, markdown = BENCHMARKS[name]
    return (f"Measured at commit {results['commit']} on {results['date']} ({results['machine']}) by "
            f"`{command}`:\n\n{markdown(results)}\n")


def written_docs() -> dict[Path, str]:
    """Every doc under docs/ with its figure blocks written from the results."""
    return {path: _BLOCK_RE.sub(lambda m: f"{m.group(1)}{render(m.group(2))}{m.group(3)}",
                                path.read_text(encoding="utf-8"))
            for path in sorted(DOCS.glob("*.md"))}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the docs show the results")
    args = parser.parse_args(argv)
    stale = [path for path, text in written_docs().items() if path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(REPO)}: figures differ from benchmarks/results: run python -m benchmarks.docs",
                  file=sys.stderr)
        return 1 if stale else 0
    for path, text in written_docs().items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
