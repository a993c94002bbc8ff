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

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, Literal

from indexer.analysis import fold_spelling, stem_word
from indexer.compounds import CompoundSplitter
from indexer.store import open_live_index

from .parsing import MatchMode, parse_query, prepare_query_text

__all__ = ["ArticleGroup", "ContextParagraph", "Hit", "SearchResult", "Searcher", "SortOrder", "group_by_article",
           "search"]

SortOrder = Literal["relevance", "date"]
_WORD_RE = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
# BM25 length normalisation of the paragraph fields. Lower than the usual 0.75: a paragraph is
# already a unit of similar size, and a long paragraph that answers should not lose to short ones
# that merely share a word (measured on XQuAD, alone and among law paragraphs; see README).
TEXT_B = 0.3
_MAX_SUGGESTIONS = 3
_MAX_SURFACE_CANDIDATES = 2000


@dataclass(frozen=True)
class ContextParagraph:
    """A paragraph shown around a hit (``-C N``)."""

    paragraph: int
    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Hit:
    """One matching paragraph. ``highlights`` are (start, end) character spans of matched words in ``text``;
    ``context`` holds neighbouring paragraphs of the same article, in reading order, when asked for."""

    path: str
    paragraph: int
    title: str
    published: str | None
    heading: str | None
    text: str
    score: float
    rank: int
    highlights: tuple[tuple[int, int], ...] = ()
    context: tuple[ContextParagraph, ...] = ()

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
    """The hits of one query, best first; ``total`` counts every matching paragraph, not only those returned.

    ``did_you_mean`` maps each query word that the index does not know to the closest indexed
    words (only where the query found nothing).
    """

    query: str
    total: int
    hits: tuple[Hit, ...]
    did_you_mean: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleGroup:
    """The hits of one article (``--group``), in the order of its best hit."""

    path: str
    title: str
    published: str | None
    hits: tuple[Hit, ...]


def group_by_article(hits: Iterable[Hit]) -> list[ArticleGroup]:
    """Group hits by article, articles ordered by their first (best) hit."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.path, []).append(hit)
    return [ArticleGroup(path, hs[0].title, hs[0].published, tuple(hs)) for path, hs in groups.items()]


def _merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


@dataclass(frozen=True)
class _Ranked:
    docs: list[tuple[int, dict, float | None]]  # document number, stored fields and score, best first
    total: int


class Searcher:
    """An open index for any number of searches; use it in a ``with`` block."""

    def __init__(self, index) -> None:
        from whoosh.scoring import BM25F

        self._index = index
        self._searcher = index.searcher(weighting=BM25F(B=0.75, K1=1.2, text_B=TEXT_B, exact_B=TEXT_B))
        self._reader = self._searcher.reader()
        self._doc_count = max(self._reader.doc_count_all(), 1)
        # Compounds in queries and hits are split by the index's own vocabulary: searching never
        # loads the word list the index was split with.
        self._splitter = CompoundSplitter(self._vocabulary_frequency)
        self.schema = index.schema

    @classmethod
    def open(cls, index_dir: str | Path) -> "Searcher":
        """Open the live index at ``index_dir`` (raises :class:`indexer.IndexNotFoundError` and friends)."""
        index, _ = open_live_index(Path(index_dir))
        return cls(index)

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._searcher.close()
        self._index.close()

    def search(
        self,
        query: str,
        limit: int | None = 10,
        match: MatchMode = "all",
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        sort: SortOrder = "relevance",
        context: int = 0,
        highlight: bool = True,
    ) -> SearchResult:
        """Run ``query`` and return up to ``limit`` hits (None: all).

        ``since``/``until`` keep paragraphs of articles published in that range (articles without
        a date are left out when either is given); ``sort="date"`` puts the newest first;
        ``context`` adds that many paragraphs before and after each hit; ``highlight=False`` skips
        finding the matched words, for speed where only the hits matter.
        """
        from whoosh.query import DateRange

        parsed = parse_query(query, self.schema, match=match, compound_parts=self.compound_parts)
        date_filter = DateRange("published", since, until) if since or until else None
        ranked = self._rank(parsed, limit, date_filter, sort)
        terms = self._matched_terms(parsed) if highlight else {}
        hits = tuple(
            self._hit(docnum, fields, score, rank, terms, context)
            for rank, (docnum, fields, score) in enumerate(ranked.docs, 1)
        )
        suggestions = {} if hits else self.suggestions(query, parsed)
        return SearchResult(query=query, total=ranked.total, hits=hits, did_you_mean=suggestions)

    def _rank(self, parsed, limit: int | None, date_filter, sort: SortOrder) -> "_Ranked":
        """The best ``limit`` paragraphs (stored fields and score) and the number of matches."""
        from .postings import count_matches, rank_matches

        if sort == "relevance":
            # Plain word queries are ranked on the posting lists directly: same scores, much faster.
            fast = rank_matches(self._searcher, parsed, limit, date_filter)
            if fast is not None:
                ranked, total = fast
                return _Ranked([(doc, self._searcher.stored_fields(doc), score) for doc, score in ranked], total)
        sorting = {"sortedby": "published_order", "reverse": True} if sort == "date" else {}
        results = self._searcher.search(parsed, limit=limit, filter=date_filter, **sorting)
        # Not len(results): Whoosh counts by stepping through every match again (slow), and before
        # applying the filter (wrong).
        total = results.scored_length()
        if limit is not None and total == limit:
            total = count_matches(self._searcher, parsed, date_filter)
        return _Ranked([(doc.docnum, doc.fields(), doc.score) for doc in results], total)

    # --- compounds -------------------------------------------------------------------------------

    def _vocabulary_frequency(self, word: str) -> float:
        """Share of paragraphs whose text has ``word`` (in any form, or as a compound part)."""
        return self._reader.doc_frequency("text", stem_word(word)) / self._doc_count

    def compound_parts(self, word: str) -> list[str]:
        """The stems of a lower-case compound's parts, as this index knows them; [] for other words.

        >>> searcher.compound_parts("waffenlieferung")                      # doctest: +SKIP
        ['waff', 'liefer']
        """
        # Folded as the index folds a word before splitting it (SpellingFilter).
        return [stem_word(part) for part, _ in self._splitter.split(fold_spelling(word))]

    # --- hits ------------------------------------------------------------------------------------

    def _matched_terms(self, parsed) -> dict[str, set[str]]:
        """The indexed terms the query reached, per highlightable field (prefixes expanded)."""
        terms: dict[str, set[str]] = {"text": set(), "exact": set()}
        for fieldname, value in parsed.existing_terms(self._reader, phrases=True, expand=True):
            if fieldname in terms:
                terms[fieldname].add(value.decode("utf-8") if isinstance(value, bytes) else value)
        return terms

    def _hit(self, docnum: int, fields: dict, score: float | None, rank: int, terms: dict[str, set[str]],
             context: int) -> Hit:
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
            highlights=self._highlights(docnum, text, terms),
            context=self._context(fields["source"], fields["paragraph"], context) if context else (),
        )

    def _highlights(self, docnum: int, text: str, terms: dict[str, set[str]]) -> tuple[tuple[int, int], ...]:
        """Spans of the words in ``text`` that the query matched.

        The index records where each term stands in the paragraph, compound parts at their
        compound's position: the words at those positions are the matches, exactly as the index
        made them (``Lieferung`` marks ``Waffenlieferungen``), with no compound splitting here.
        """
        spans = []
        for fieldname, wanted in terms.items():
            positions = set()
            for term in wanted:
                positions.update(self._term_positions(fieldname, term, docnum))
            if not positions:
                continue
            # Positions count as at indexing (stop words skip none); query mode, because index
            # mode would load the compound splitter's word list just to add parts at known places.
            analyzer = self.schema[fieldname].analyzer
            for token in analyzer(text, positions=True, chars=True, mode="query"):
                if token.pos in positions:
                    spans.append((token.startchar, token.endchar))
        return _merge_spans(spans)

    def _term_positions(self, fieldname: str, term: str, docnum: int) -> list[int]:
        """Where ``term`` stands in document ``docnum``'s field ([] if it does not)."""
        if (fieldname, term) not in self._reader:
            return []
        matcher = self._reader.postings(fieldname, term)
        matcher.skip_to(docnum)
        if not matcher.is_active() or matcher.id() != docnum:
            return []
        return matcher.value_as("positions")

    def _context(self, source: str, number: int, size: int) -> tuple[ContextParagraph, ...]:
        """Up to ``size`` paragraphs before and after paragraph ``number`` of the article ``source``."""
        from whoosh.query import Term

        rows = sorted(
            (f["paragraph"], f["text"], f.get("heading"))
            for f in (self._searcher.stored_fields(n) for n in self._searcher.docs_for_query(Term("source", source)))
            if 0 < abs(f["paragraph"] - number) <= size
        )
        return tuple(ContextParagraph(*row) for row in rows)

    # --- did you mean ----------------------------------------------------------------------------

    def suggestions(self, query: str, parsed=None) -> dict[str, list[str]]:
        """For each word of ``query`` that no paragraph contains, the closest indexed words.

        Close means within two edits of the word's stem; a suggestion is shown as a word as it
        stands in the text (``waffenliferung`` → ``waffenlieferungen``).
        """
        from whoosh.query import Term

        parsed = parsed if parsed is not None else parse_query(query, self.schema, compound_parts=self.compound_parts)
        unknown = {
            leaf.text for leaf in parsed.leaves()
            if isinstance(leaf, Term) and leaf.fieldname == "text"
            and self._reader.doc_frequency("text", leaf.text) == 0
        }
        if not unknown:
            return {}
        analyzer = self.schema["text"].analyzer
        words = {}
        for word in _WORD_RE.findall(prepare_query_text(query)):
            for token in analyzer(word, mode="query"):
                words.setdefault(token.text, word)
        corrector = self._searcher.corrector("text")
        result = {}
        for stem in sorted(unknown):
            # Candidates share the first two letters: keeps the search of a large vocabulary quick.
            close = corrector.suggest(stem, limit=_MAX_SUGGESTIONS, maxdist=2, prefix=2)
            surface = [self._surface_word(s) for s in close]
            if surface:
                result[words.get(stem, stem)] = list(dict.fromkeys(surface))
        return result

    def _surface_word(self, stem: str) -> str:
        """The most common written form of a stem (the exact field's words that start with it)."""
        # Folding makes the stem differ from the written word from its first umlaut or ß on
        # (prasident, präsident): look among the words sharing the part before it.
        prefix = re.split(r"[aous]", stem, maxsplit=1)[0] or stem[:1]
        candidates = []
        for i, term in enumerate(self._reader.expand_prefix("exact", prefix)):
            if i >= _MAX_SURFACE_CANDIDATES:
                break
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            if stem_word(term) == stem:
                candidates.append((self._reader.doc_frequency("exact", term), term))
        return max(candidates)[1] if candidates else stem


def search(index_dir: str | Path, query: str, limit: int | None = 10, match: MatchMode = "all",
           **options) -> SearchResult:
    """Open the index, run one query, close it: the simplest way to search from a script."""
    with Searcher.open(index_dir) as searcher:
        return searcher.search(query, limit=limit, match=match, **options)
