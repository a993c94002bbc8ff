"""Relevance on XQuAD German: Fundstelle against stock Whoosh, a BM25 reference and tantivy, in one run.

Every system indexes the 240 passages and answers the 1,190 questions as "any word may match"
ranked queries; then the first N law paragraphs are added as distractors and the questions run
again. Fundstelle goes through its own indexing path (article files → ``index_paths``) and its own
search path (``Searcher.search(match="any")``).

    python -m benchmarks.relevance                 # full run, 120,000 distractors
    python -m benchmarks.relevance --distractors 0 # passages only

Peers are optional (``pip install '.[bench]'``); a missing one is reported, not fatal.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Sequence

from benchmarks.corpora import (
    Question,
    index_passages_and_laws,
    law_paragraphs,
    xquad_passages,
    xquad_questions,
)
from benchmarks.results import RESULTS, save_results

CUTOFF = 10

_WORD_RE = re.compile(r"[^\W_]+")

#: A system under test: given the passages and distractors, returns a function question → ranked ids.
Ranker = Callable[[str], list[str]]


@dataclass
class Scores:
    mrr: float
    s1: float
    s5: float
    s10: float
    seconds_index: float
    ms_per_query: float

    def row(self, name: str) -> str:
        return (f"| {name} | {self.mrr:.3f} | {self.s1:.3f} | {self.s5:.3f} | {self.s10:.3f} | "
                f"{self.seconds_index:.1f} | {self.ms_per_query:.1f} |")


def evaluate(rank: Ranker, questions: Sequence[Question]) -> tuple[float, float, float, float, float]:
    """MRR@10, Success@1/5/10 and the median query time in ms."""
    reciprocal, s1, s5, s10, times = [], 0, 0, 0, []
    for q in questions:
        started = time.perf_counter()
        ranked = rank(q.text)[:CUTOFF]
        times.append((time.perf_counter() - started) * 1000)
        position = next((i for i, pid in enumerate(ranked, 1) if pid in q.relevant), None)
        reciprocal.append(1 / position if position else 0.0)
        s1 += position is not None and position <= 1
        s5 += position is not None and position <= 5
        s10 += position is not None
    n = len(questions)
    return statistics.fmean(reciprocal), s1 / n, s5 / n, s10 / n, statistics.median(times)


# --- the systems ---------------------------------------------------------------------------------

def fundstelle(workdir: Path, distractors: int, as_articles: bool = True) -> Ranker:
    """Fundstelle through its own indexing and search paths, the passages as their articles (or
    each one alone, ``as_articles=False``)."""
    from queries import Searcher

    passage_ids = index_passages_and_laws(workdir, distractors, as_articles)
    searcher = Searcher.open(workdir / "index")

    def rank(question: str) -> list[str]:
        hits = searcher.search(question, limit=CUTOFF, match="any", highlight=False).hits
        # A distractor keeps its place in the ranking: it pushes the passages down.
        return [passage_ids[Path(h.path).name, h.paragraph] if h.path.startswith("xquad/") else h.citation
                for h in hits]

    return rank


def _documents(distractors: int) -> Iterable[tuple[str, str]]:
    for passage in xquad_passages():
        yield passage["id"], passage["text"]
    for row in law_paragraphs(distractors) if distractors else ():
        yield row["id"], row["text"]


def _plain_question(question: str) -> str:
    """The question's words only: peers get no query syntax to trip over (a fair, escaped query)."""
    return " ".join(_WORD_RE.findall(question))


def stock_whoosh(workdir: Path, documents: Iterable[tuple[str, str]], depth: int = CUTOFF) -> Ranker:
    """Stock Whoosh over ``documents`` ((id, text)), ranking their ids (the first ``depth``)."""
    from whoosh import index, qparser
    from whoosh.analysis import LanguageAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=LanguageAnalyzer("de")))
    ix = index.create_in(str(workdir), schema)
    writer = ix.writer()
    for doc_id, text in documents:
        writer.add_document(id=doc_id, text=text)
    writer.commit()
    searcher = ix.searcher()
    parser = qparser.QueryParser("text", schema, group=qparser.OrGroup)

    def rank(question: str) -> list[str]:
        return [hit["id"] for hit in searcher.search(parser.parse(_plain_question(question)), limit=depth)]

    return rank


def _snowball_tokens(text: str) -> list[str]:
    from indexer.german import GERMAN_STOP_WORDS, stem_word

    return [stem_word(w) for w in (m.lower() for m in _WORD_RE.findall(text)) if w not in GERMAN_STOP_WORDS]


def bm25_reference(workdir: Path, documents: Iterable[tuple[str, str]], depth: int = CUTOFF) -> Ranker:
    """rank_bm25's Okapi over ``documents`` ((id, text)), ranking their ids (the first ``depth``)."""
    from rank_bm25 import BM25Okapi

    ids, corpus = [], []
    for doc_id, text in documents:
        ids.append(doc_id)
        corpus.append(_snowball_tokens(text))
    bm25 = BM25Okapi(corpus, k1=1.5, b=0.75)

    def rank(question: str) -> list[str]:
        scores = bm25.get_scores(_snowball_tokens(question))
        # Ties broken by id, as in the data set's reference figures.
        top = sorted(range(len(ids)), key=lambda i: (-scores[i], ids[i]))[:depth]
        return [ids[i] for i in top]

    return rank


def tantivy_peer(workdir: Path, documents: Iterable[tuple[str, str]], depth: int = CUTOFF) -> Ranker:
    """tantivy over ``documents`` ((id, text)), ranking their ids (the first ``depth``)."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("text", stored=False, tokenizer_name="de_stem")
    schema = builder.build()
    ix = tantivy.Index(schema, path=str(workdir))
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("german"))
        .filter(tantivy.Filter.stemmer("german"))
        .build()
    )
    ix.register_tokenizer("de_stem", analyzer)
    writer = ix.writer(heap_size=256_000_000, num_threads=1)
    for doc_id, text in documents:
        writer.add_document(tantivy.Document(id=doc_id, text=text))
    writer.commit()
    writer.wait_merging_threads()
    ix.reload()
    searcher = ix.searcher()

    def rank(question: str) -> list[str]:
        words = _plain_question(question)
        if not words:
            return []
        query = ix.parse_query(words, ["text"])
        hits = searcher.search(query, depth).hits
        return [searcher.doc(address)["id"][0] for _, address in hits]

    return rank


#: The peers by name: each indexes (id, text) documents and ranks their ids, ``peer(workdir,
#: documents, depth=CUTOFF)``.
PEERS: dict[str, Callable[..., Ranker]] = {
    "stock Whoosh (LanguageAnalyzer de, BM25F)": stock_whoosh,
    "BM25 reference (rank_bm25 Okapi, PyStemmer German + stop words)": bm25_reference,
    "tantivy (Snowball German + stop words)": tantivy_peer,
}


def systems(distractors: int) -> dict[str, Callable[[Path], Ranker]]:
    """Fundstelle and the peers over the XQuAD passages and ``distractors`` law paragraphs, each
    built in a folder of its own."""
    return {"Fundstelle": partial(fundstelle, distractors=distractors),
            "Fundstelle, each passage alone": partial(fundstelle, distractors=distractors, as_articles=False),
            **{name: partial(peer, documents=_documents(distractors)) for name, peer in PEERS.items()}}


def run(builders: dict[str, Callable[[Path], Ranker]], questions: Sequence[Question],
        only: Sequence[str]) -> dict[str, Scores | str]:
    """Build each system (those whose name contains one of ``only``, if given), and score its
    rankings of ``questions``; a peer not installed is reported."""
    results: dict[str, Scores | str] = {}
    for name, build in builders.items():
        if only and not any(o.lower() in name.lower() for o in only):
            continue
        with tempfile.TemporaryDirectory(prefix="fundstelle-relevance-") as tmp:
            started = time.perf_counter()
            try:
                rank = build(Path(tmp))
            except ImportError as exc:
                results[name] = f"not installed ({exc.name}): pip install '.[bench]'"
                print(f"{name}: {results[name]}", file=sys.stderr)
                continue
            seconds = time.perf_counter() - started
            mrr, s1, s5, s10, ms = evaluate(rank, questions)
            results[name] = Scores(mrr, s1, s5, s10, seconds, ms)
            print(f"{name}: MRR@10 {mrr:.3f} ({seconds:.0f} s to index)", file=sys.stderr)
    return results


def table(title: str, results: dict[str, Scores | str]) -> str:
    lines = [f"**{title}**", "",
             "| system | MRR@10 | S@1 | S@5 | S@10 | index s | median ms/query |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, scores in results.items():
        lines.append(scores.row(name) if isinstance(scores, Scores) else f"| {name} | {scores} | | | | | |")
    return "\n".join(lines)


#: The standing criterion among distractors: Fundstelle's MRR@10 with this many law paragraphs at
#: least FLOOR, and ahead of every peer of the same run.
FLOOR_DISTRACTORS, FLOOR = 120_000, 0.93


def best_peer_mrr(results: dict) -> float:
    """The best MRR@10 of the peers (not Fundstelle's variants) among one run's ``results``."""
    return max((s["mrr"] for name, s in results.items() if not name.startswith("Fundstelle") and isinstance(s, dict)),
               default=0.0)


def criterion(report: dict) -> str | None:
    """Whether a run meets the criterion among distractors, in a sentence (None: not measured)."""
    results = report["runs"].get(str(FLOOR_DISTRACTORS), {})
    own = results.get("Fundstelle")
    if not isinstance(own, dict):
        return None
    best_peer = best_peer_mrr(results)
    return (f"Among {FLOOR_DISTRACTORS:,} law paragraphs: MRR@10 {own['mrr']:.4f} against the floor {FLOOR} "
            f"({'met' if own['mrr'] >= FLOOR else 'not met'}); the best peer {best_peer:.4f} "
            f"({'behind' if own['mrr'] > best_peer else 'not behind'} Fundstelle).")


def markdown(report: dict) -> str:
    """The tables of a run's figures (``report`` as :func:`main` saves it)."""
    outputs = []
    for distractors, results in report["runs"].items():
        title = f"XQuAD-de, {report['questions']} questions, 240 passages" + (
            f" + {int(distractors):,} law paragraphs as distractors" if int(distractors) else "")
        outputs.append(table(title, {name: Scores(**s) if isinstance(s, dict) else s for name, s in results.items()}))
    verdict = criterion(report)
    return "\n\n".join(outputs + ([verdict] if verdict else []))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--distractors", type=int, default=120_000,
                        help="law paragraphs added for the second run (0: skip it)")
    parser.add_argument("--questions", type=int, default=None, help="use only the first N questions (smoke runs)")
    parser.add_argument("--only", action="append", default=[], help="run only systems whose name contains this")
    parser.add_argument("--json", type=Path, default=RESULTS / "relevance.json", help="where to write the figures")
    args = parser.parse_args(argv)

    questions = xquad_questions()[: args.questions]
    report = {"questions": len(questions), "runs": {}}
    for distractors in ([0, args.distractors] if args.distractors else [0]):
        results = run(systems(distractors), questions, args.only)
        report["runs"][str(distractors)] = {
            name: (vars(s) if isinstance(s, Scores) else s) for name, s in results.items()
        }
    print(markdown(report))
    save_results(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
