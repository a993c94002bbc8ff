"""Searching: run a parsed query on the live index and return hits as plain data.

A Whoosh searcher holds open files and its results die with it, so :class:`Searcher` is a
context manager and every hit is copied into a :class:`Hit` before the searcher closes.

>>> from queries import Searcher
>>> with Searcher.open(index_dir) as searcher:            # doctest: +SKIP
...     for hit in searcher.search("Waffenlieferung").hits:
...         print(hit.citation)
seeds/000_9a32aa55c16fcf43.txt ¶2
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from indexer.analysis import stem_word
from indexer.compounds import CompoundSplitter
from indexer.store import open_live_index

from .parsing import MatchMode, parse_query

__all__ = ["Hit", "SearchResult", "Searcher", "search"]


@dataclass(frozen=True)
class Hit:
    """One matching paragraph. ``highlights`` are (start, end) character spans of matched words in ``text``."""

    path: str
    paragraph: int
    title: str
    published: str | None
    heading: str | None
    text: str
    score: float
    rank: int
    highlights: tuple[tuple[int, int], ...] = ()

    @property
    def citation(self) -> str:
        """Where the paragraph is: ``path ¶N``."""
        return f"{self.path} ¶{self.paragraph}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["highlights"] = [list(span) for span in self.highlights]
        return data


@dataclass(frozen=True)
class SearchResult:
    """The hits of one query, best first; ``total`` counts every matching paragraph, not only those returned."""

    query: str
    total: int
    hits: tuple[Hit, ...]


def _merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


class Searcher:
    """An open index for any number of searches; use it in a ``with`` block."""

    def __init__(self, index, manifest) -> None:
        self._index = index
        self._searcher = index.searcher()
        self._reader = self._searcher.reader()
        self._doc_count = max(self._reader.doc_count_all(), 1)
        # Compounds in queries and hits are split by the index's own vocabulary: searching never
        # loads the word list the index was split with.
        self._splitter = CompoundSplitter(self._vocabulary_frequency)
        self.manifest = manifest
        self.schema = index.schema

    @classmethod
    def open(cls, index_dir: str | Path) -> "Searcher":
        """Open the live index at ``index_dir`` (raises :class:`indexer.IndexNotFoundError` and friends)."""
        index, manifest = open_live_index(Path(index_dir))
        return cls(index, manifest)

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._searcher.close()
        self._index.close()

    def _vocabulary_frequency(self, word: str) -> float:
        """Share of paragraphs whose text has ``word`` (in any form, or as a compound part)."""
        return self._reader.doc_frequency("text", stem_word(word)) / self._doc_count

    def compound_parts(self, word: str) -> list[str]:
        """The stems of a lower-case compound's parts, as this index knows them; [] for other words.

        >>> searcher.compound_parts("waffenlieferung")                      # doctest: +SKIP
        ['waff', 'liefer']
        """
        return [stem_word(part) for part, _ in self._splitter.split(word.replace("ß", "ss"))]

    def search(self, query: str, limit: int | None = 10, match: MatchMode = "all") -> SearchResult:
        """Run ``query`` and return up to ``limit`` hits (None: all), best first."""
        parsed = parse_query(query, self.schema, match=match, compound_parts=self.compound_parts)
        results = self._searcher.search(parsed, limit=limit)
        terms = self._matched_terms(parsed)
        hits = tuple(
            self._hit(doc.fields(), doc.score, rank, terms) for rank, doc in enumerate(results, 1)
        )
        return SearchResult(query=query, total=len(results), hits=hits)

    def _matched_terms(self, parsed) -> dict[str, set[str]]:
        """The indexed terms the query reached, per highlightable field (prefixes expanded)."""
        terms: dict[str, set[str]] = {"text": set(), "exact": set()}
        for fieldname, value in parsed.existing_terms(self._reader, phrases=True, expand=True):
            if fieldname in terms:
                terms[fieldname].add(value.decode("utf-8") if isinstance(value, bytes) else value)
        return terms

    def _hit(self, fields: dict, score: float | None, rank: int, terms: dict[str, set[str]]) -> Hit:
        text = fields["text"]
        return Hit(
            path=fields["path"],
            paragraph=fields["paragraph"],
            title=fields["title"],
            published=fields.get("published_iso"),
            heading=fields.get("heading"),
            text=text,
            score=round(float(score or 0.0), 4),
            rank=rank,
            highlights=self._highlights(text, terms),
        )

    def _highlights(self, text: str, terms: dict[str, set[str]]) -> tuple[tuple[int, int], ...]:
        """Spans of the words in ``text`` that the query matched, compounds by their parts too."""
        spans = []
        for fieldname, wanted in terms.items():
            if not wanted:
                continue
            analyzer = self.schema[fieldname].analyzer
            for token in analyzer(text, chars=True, keeporiginal=True, mode="query"):
                if token.text in wanted or (
                    fieldname == "text" and not wanted.isdisjoint(self.compound_parts(token.original.lower()))
                ):
                    spans.append((token.startchar, token.endchar))
        return _merge_spans(spans)


def search(index_dir: str | Path, query: str, limit: int | None = 10, match: MatchMode = "all") -> SearchResult:
    """Open the index, run one query, close it: the simplest way to search from a script."""
    with Searcher.open(index_dir) as searcher:
        return searcher.search(query, limit=limit, match=match)
