"""Known-item search for compounds: questions whose answer paragraph holds the query's words only
inside compounds (``Anwaltschaft`` where the passage says ``Staatsanwaltschaft``).

    python -m benchmarks.compound_search                         # among 120,000 law paragraphs
    python -m benchmarks.compound_search --save before.json      # on another checkout, to compare
    python -m benchmarks.compound_search --before before.json    # this code beside that run

The questions are ``benchmarks/compound-questions.tsv`` (the answer's XQuAD passage, the query),
written by hand for 56 passages; a question whose words the passage also holds outside compounds
(in any form) is refused. Each query runs as a user types it: every word must match.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from benchmarks.corpora import index_passages_and_laws, xquad_passages
from benchmarks.results import RESULTS, provenance, save_results
from indexer.german import split_words, word_stem
from queries import Searcher

QUESTIONS = Path(__file__).resolve().parent / "compound-questions.tsv"
CUTOFF = 10
DISTRACTORS = 120_000


@dataclass(frozen=True)
class KnownItem:
    passage_id: str
    query: str


def known_items(path: Path = QUESTIONS) -> list[KnownItem]:
    """The questions, each checked: its passage holds every query word, but only inside compounds."""
    passages = {passage["id"]: passage["text"] for passage in xquad_passages()}
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            passage_id, query = line.split("\t")
            words = split_words(passages[passage_id])
            standalone = {word_stem(word) for word in words}
            for query_word in query.split():
                if word_stem(query_word) in standalone:
                    raise ValueError(f"{passage_id}: {query_word!r} stands in the passage as a word of its own")
                if not any(query_word.lower()[:4] in word.lower() for word in words):
                    raise ValueError(f"{passage_id}: no word of the passage holds {query_word!r}")
            items.append(KnownItem(passage_id, query))
    return items


def answer_ranks(items: Sequence[KnownItem], distractors: int) -> list[int | None]:
    """The rank of each question's passage among the first :data:`CUTOFF` hits (None: not there),
    with the XQuAD passages and the first ``distractors`` law paragraphs indexed."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        passage_ids = index_passages_and_laws(workdir, distractors)
        ranks = []
        with Searcher.open(workdir / "index") as searcher:
            for item in items:
                hits = searcher.search(item.query, limit=CUTOFF, highlight=False).hits
                found = [passage_ids.get((Path(hit.path).name, hit.paragraph)) if hit.path.startswith("xquad/")
                         else None for hit in hits]
                ranks.append(found.index(item.passage_id) + 1 if item.passage_id in found else None)
    return ranks


def summary(ranks: Sequence[int | None]) -> dict:
    """Success at 1, 3 and 10 and MRR@10 of a run's ranks."""
    def success(k: int) -> float:
        return sum(rank is not None and rank <= k for rank in ranks) / len(ranks)

    return {"success_at_1": success(1), "success_at_3": success(3), "success_at_10": success(10),
            "mrr": statistics.fmean(1 / rank if rank else 0.0 for rank in ranks)}


def markdown(results: dict) -> str:
    """The before/after table of a saved run."""
    lines = [f"**{results['questions']} known-item questions, XQuAD passages + {results['distractors']:,} law "
             f"paragraphs, every word must match**", "",
             "| code | success@1 | success@3 | success@10 | MRR@10 |", "| --- | --- | --- | --- | --- |"]
    for run in (results.get("before"), results["after"]):
        if run:
            lines.append(f"| {run['label']} | {run['success_at_1']:.3f} | {run['success_at_3']:.3f} | "
                         f"{run['success_at_10']:.3f} | {run['mrr']:.3f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--distractors", type=int, default=DISTRACTORS)
    parser.add_argument("--save", type=Path, help="write this run to a file only (to compare later)")
    parser.add_argument("--before", type=Path, help="a run saved with --save, shown beside this one")
    args = parser.parse_args(argv)
    items = known_items()
    ranks = answer_ranks(items, args.distractors)
    origin = provenance()
    run = {"label": f"commit {origin['commit']}", **summary(ranks),
           "ranks": {f"{item.passage_id} {item.query}": rank for item, rank in zip(items, ranks)}}
    if args.save:
        args.save.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
        results = {"questions": len(items), "distractors": args.distractors, "before": before, "after": run}
        save_results(RESULTS / "compound_search.json", results)
        print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
