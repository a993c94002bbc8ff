"""Write the figures of the docs and the README from ``benchmarks/results/*.json``, so that no figure is typed by hand.

    python -m benchmarks.docs           # rewrite the figures in docs/*.md and README.md
    python -m benchmarks.docs --check   # exit 1 if a doc's figures are not its results' (a test runs this)

A doc marks where a benchmark's figures go with ``<!-- figures: NAME -->`` and
``<!-- /figures: NAME -->``; between them goes a line saying where and when they were measured
(commit, date, machine, command) and the tables the benchmark's ``markdown`` makes of its results;
or, for a name of :data:`SUMMARIES`, the sentences made of several benchmarks' results.
"""
from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path
from typing import Callable, Sequence

from . import (
    batch,
    compound_search,
    compounds,
    decade,
    duplicates,
    faults,
    germanquad,
    htmlpages,
    quotations,
    relevance,
    scale,
    trend,
)
from .results import REPO, load_results

__all__ = ["BENCHMARKS", "SUMMARIES", "readme_summary", "render", "written_docs"]

#: Each benchmark's results name, the command that makes them, and the function that writes their tables.
BENCHMARKS: dict[str, tuple[str, Callable[[dict], str]]] = {
    "relevance": ("python -m benchmarks.relevance", relevance.markdown),
    "germanquad": ("python -m benchmarks.germanquad", germanquad.markdown),
    "scale": ("python -m benchmarks.scale", scale.markdown),
    "batch": ("python -m benchmarks.batch", batch.markdown),
    "trend": ("python -m benchmarks.trend", trend.markdown),
    "duplicates": ("python -m benchmarks.duplicates", duplicates.markdown),
    "decade": ("python -m benchmarks.decade", decade.markdown),
    "quotations": ("python -m benchmarks.quotations", quotations.markdown),
    "faults": ("python -m benchmarks.faults", faults.markdown),
    "htmlpages": ("python -m benchmarks.htmlpages", htmlpages.markdown),
    "compounds": ("python -m benchmarks.compounds", compounds.markdown),
    "compound_search": ("python -m benchmarks.compound_search", compound_search.markdown),
}


def readme_summary(relevance_results: dict, scale_results: dict) -> str:
    """The README's figures: relevance alone and among distractors against the best peer, build
    time and query times of the full law corpus."""
    runs = relevance_results["runs"]
    alone, *among = sorted(runs, key=int)
    own = [runs[run]["Fundstelle"]["mrr"] for run in [alone, *among]]
    peer = [relevance.best_peer_mrr(runs[run]) for run in [alone, *among]]
    full = scale_results["builds"][-1]
    queries = scale_results["queries"]["overall"]
    distractors = f" and {own[1]:.3f} among {int(among[0]):,} law paragraphs" if among else ""
    peer_distractors = f" and {peer[1]:.3f}" if among else ""
    return textwrap.fill(
        f"On XQuAD-de's {relevance_results['questions']:,} judged questions, `--match any` ranks the answer "
        f"passage with MRR@10 {own[0]:.3f} alone{distractors} (the best peer of stock Whoosh, BM25 and "
        f"tantivy: {peer[0]:.3f}{peer_distractors}). {full['rows']:,} law paragraphs build in "
        f"{full['seconds']:.0f} s ({scale_results['machine']}); queries take {queries['p50_ms']:.1f} ms "
        f"(median), {queries['p95_ms']:.0f} ms (95th percentile).", width=100) + "\n"


#: Figures made of several benchmarks' results: name → (the results they read, the writer).
SUMMARIES: dict[str, tuple[tuple[str, ...], Callable[..., str]]] = {
    "summary": (("relevance", "scale"), readme_summary),
}
DOCS = REPO / "docs"
_BLOCK_RE = re.compile(r"(<!-- figures: (\w+) -->\n).*?(<!-- /figures: \2 -->)", re.S)


def render(name: str) -> str:
    """The figures of benchmark ``name`` (or of summary ``name``) as a doc shows them."""
    if name in SUMMARIES:
        names, write = SUMMARIES[name]
        return write(*(load_results(each) for each in names))
    results = load_results(name)
    command, markdown = BENCHMARKS[name]
    return (f"Measured at commit {results['commit']} on {results['date']} ({results['machine']}) by "
            f"`{command}`:\n\n{markdown(results)}\n")


def written_docs() -> dict[Path, str]:
    """Every doc under docs/, and the README, with its figure blocks written from the results."""
    return {path: _BLOCK_RE.sub(lambda m: f"{m.group(1)}{render(m.group(2))}{m.group(3)}",
                                path.read_text(encoding="utf-8"))
            for path in [*sorted(DOCS.glob("*.md")), REPO / "README.md"]}


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
