"""Relevance on GermanQuAD: Wikipedia sections as articles of paragraphs, and as whole passages, in one run.

The 474 passages of GermanQuAD's test set are sections of German Wikipedia articles: a title, section
headings, several paragraphs. Each system indexes them twice: as articles of paragraphs (Fundstelle
reads each passage as a Markdown article, its title and headings as such, and answers with
paragraphs; a peer indexes each paragraph as a document of its own), and as whole passages (a
document each). The 746 development questions run as ``--match any`` questions. A question counts
as answered at the rank of its passage among the distinct passages of the hits, a passage at its
best paragraph: each system ranks ``DEPTH`` documents, and a passage's later paragraphs (or the parts
of a long passage) are passed over.

    python -m benchmarks.germanquad                  # every system, both granularities
    python -m benchmarks.germanquad --only Fundstelle

Figures go to stdout and ``benchmarks/results/germanquad.json``; ``python -m benchmarks.docs``
writes them into docs/relevance.md. Peers are optional (``pip install '.[bench]'``).
"""
from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Sequence

from benchmarks.corpora import germanquad_passages, germanquad_questions, passage_parts
from benchmarks.relevance import PEERS, Ranker, Scores, run, table
from benchmarks.results import RESULTS, save_results

CUTOFF = 10
#: How many documents a system ranks so that ``CUTOFF`` distinct passages remain.
DEPTH = 100
#: The two ways of indexing the passages, by the name the results give them.
GRANULARITIES = ("paragraphs", "passages")


def write_articles(folder: Path, granularity: str) -> None:
    """Each passage as an article file named by its id: Markdown with its title, headings and
    paragraphs (``paragraphs``), or a text of its title and its whole body as one block
    (``passages``: a block over 2,000 characters is indexed in parts, each counted as the passage)."""
    folder.mkdir(parents=True, exist_ok=True)
    for passage in germanquad_passages():
        parts = passage_parts(passage["text"])
        if granularity == "paragraphs":
            (folder / f"{passage['id']}.md").write_text(parts.markdown(), encoding="utf-8")
        else:
            body = " ".join(heading or paragraph for heading, paragraph in parts.blocks)
            (folder / f"{passage['id']}.txt").write_text(f"{parts.title}\n\n{body}\n", encoding="utf-8")


def fundstelle(workdir: Path, granularity: str) -> Ranker:
    """Fundstelle through its own indexing and search paths; each hit is its passage's id."""
    from indexer import index_paths
    from queries import Searcher

    write_articles(workdir / "passages", granularity)
    index_paths(workdir / "index", [workdir / "passages"])
    searcher = Searcher.open(workdir / "index")

    def rank(question: str) -> list[str]:
        hits = searcher.search(question, limit=DEPTH, match="any", highlight=False).hits
        return [Path(hit.path).stem for hit in hits]

    return _distinct(rank)


def peer_documents(granularity: str) -> Iterable[tuple[str, str]]:
    """What a peer indexes: each paragraph as ``ID#N`` (``paragraphs``) or each passage whole."""
    for passage in germanquad_passages():
        parts = passage_parts(passage["text"])
        if granularity == "passages":
            # The text as it is, with the title as Fundstelle reads it.
            yield passage["id"], parts.title + "\n" + passage["text"].partition("\n")[2]
        else:
            for number, paragraph in enumerate(parts.paragraphs, 1):
                yield f"{passage['id']}#{number}", paragraph


def _distinct(rank: Ranker) -> Ranker:
    """A ranking of paragraphs (``ID#N``) or passage parts as the first ``CUTOFF`` distinct passage ids.

    >>> _distinct(lambda q: ["a#2", "b#1", "a#1", "c#3"])("?")
    ['a', 'b', 'c']
    """
    return lambda question: list(dict.fromkeys(doc_id.partition("#")[0] for doc_id in rank(question)))[:CUTOFF]


def _peer(peer: Callable[..., Ranker], granularity: str, workdir: Path) -> Ranker:
    return _distinct(peer(workdir, peer_documents(granularity), depth=DEPTH))


def systems(granularity: str) -> dict[str, Callable[[Path], Ranker]]:
    """Fundstelle and the peers at one granularity."""
    return {"Fundstelle": partial(fundstelle, granularity=granularity),
            **{name: partial(_peer, peer, granularity) for name, peer in PEERS.items()}}


def markdown(report: dict) -> str:
    """The tables of a run's figures (``report`` as :func:`main` saves it)."""
    titles = {"paragraphs": "as articles of paragraphs (title, section headings, paragraphs)",
              "passages": "each passage one document"}
    return "\n\n".join(
        table(f"GermanQuAD test passages ({report['passages']}), {report['questions']} development questions, "
              f"{titles[granularity]}",
              {name: Scores(**s) if isinstance(s, dict) else s for name, s in results.items()})
        for granularity, results in report["runs"].items())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=None, help="use only the first N questions (smoke runs)")
    parser.add_argument("--only", action="append", default=[], help="run only systems whose name contains this")
    parser.add_argument("--granularity", choices=GRANULARITIES, action="append",
                        help="only this way of indexing (default: both)")
    parser.add_argument("--json", type=Path, default=RESULTS / "germanquad.json", help="where to write the figures")
    args = parser.parse_args(argv)

    questions = germanquad_questions()[: args.questions]
    report = {"passages": len(germanquad_passages()), "questions": len(questions), "runs": {}}
    for granularity in args.granularity or GRANULARITIES:
        results = run(systems(granularity), questions, args.only)
        report["runs"][granularity] = {name: (vars(s) if isinstance(s, Scores) else s) for name, s in results.items()}
    print(markdown(report))
    save_results(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
