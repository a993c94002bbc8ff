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

import heapq
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Literal, Sequence

from whoosh.query import DateRange

from indexer.engine.readers import deleted_documents, numeric_column_array, numeric_column_values
from indexer.german import (
    CompoundSplitter,
    compound_part_stems,
    other_forms,
    stem_written,
)
from indexer.german.quotes import quotations
from indexer.schema import decode_record
from indexer.store import open_live_index, reading

from .collapsing import Collapsed, CopyFinder, KeyLists, SegmentKeys
from .context import rank_in_context
from .highlighting import highlight_spans, matched_positions
from .parsing import MatchMode, parse_query
from .postings import (
    Matching,
    all_scores,
    count_matches,
    matching_doc_array,
    rank_matches,
    segments,
    shared_posting_blocks,
)
from .ranking import COLLAPSE_DEEPER, COLLAPSE_DEPTH, COLLAPSE_DEPTH_EXTRA, CONTEXT_CANDIDATES
from .scoring import paragraph_scorer
from .suggestions import did_you_mean
from .trend import Period, Trend, count_by_period, count_days

__all__ = ["ArticleGroup", "ContextParagraph", "Hit", "Quote", "SearchResult", "Searcher", "SortOrder",
           "group_by_article", "search"]

SortOrder = Literal["relevance", "date"]


@dataclass(frozen=True)
class ContextParagraph:
    """A paragraph shown around a hit (``-C N``)."""

    paragraph: int
    text: str
    heading: str | None = None
    part: int | None = None


@dataclass(frozen=True)
class Copy:
    """A near copy of a hit's paragraph in another article (agency copy), shown as the hit's."""

    path: str
    paragraph: int


@dataclass(frozen=True)
class Quote:
    """A quotation in a hit's paragraph and its speaker's name as written, or None where the
    sentence names nobody (:func:`indexer.german.quotes.quotations`)."""

    text: str
    speaker: str | None


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
    part: int | None = None  # the part of a paragraph too long for one hit, from 1
    url: str | None = None  # where the article was published, where its file says
    #: Near copies in other articles, collapsed into this hit (queries.collapsing).
    duplicates: tuple[Copy, ...] = ()
    #: The paragraph's quotations, in reading order.
    quotes: tuple[Quote, ...] = ()

    @property
    def citation(self) -> str:
        """Where the paragraph is: ``path ¶N`` (``path ¶N.2`` for the second part of a long one).

        >>> Hit("a.txt", 3, "T", None, None, "…", 1.0, 1, part=2).citation
        'a.txt ¶3.2'
        """
        return f"{self.path} ¶{self.paragraph}" + (f".{self.part}" if self.part else "")

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
    #: Where a query that found no paragraph is found instead: paragraphs by field (``title``, ``heading``).
    found_in: dict[str, int] = field(default_factory=dict)


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


@dataclass(frozen=True)
class _Ranked:
    docs: list[tuple[int, float | None]]  # document number and score, best first
    total: int


class Searcher:
    """An open index for any number of searches; use it in a ``with`` block."""

    def __init__(self, index) -> None:
        self._index = index
        self._location = Path(index.storage.folder).parent
        with reading(self._location):
            self._searcher = index.searcher(weighting=paragraph_scorer())
            self._reader = self._searcher.reader()
            # An index without paragraphs has no segment, and Whoosh's reader for it no columns.
            self._empty = self._reader.doc_count_all() == 0
            if not self._empty:
                self._records = self._reader.column_reader("record", translate=False)
                self._paragraphs = self._reader.column_reader("paragraph", translate=False)
        self._published: Sequence[int] | None = None  # read on a first date sort
        self._copy_keys: KeyLists | None = None  # opened on a first search that collapses
        self._days: tuple | None = None  # read on a first trend
        self._doc_count = max(self._reader.doc_count_all(), 1)
        # Compounds in queries and hits are split by the index's own vocabulary: searching never
        # loads the word list the index was split with.
        # Koehn & Knight as published: the word-formation rules test word forms (is there a verb
        # besides this plural?), which an index that counts stems cannot tell apart.
        self._splitter = CompoundSplitter(self._vocabulary_frequency, whole_word_ratio=1.0, rules=False)
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
        collapse: bool = True,
    ) -> SearchResult:
        """Run ``query`` and return up to ``limit`` hits (None: all).

        ``since``/``until`` keep paragraphs of articles published in that range (articles without
        a date are left out when either is given); ``sort="date"`` puts the newest first;
        ``context`` adds that many paragraphs before and after each hit; ``highlight=False`` skips
        finding the matched words, for speed where only the hits matter; ``collapse`` shows the
        near copies of a paragraph in other articles (agency copy) once, as the best-ranked one's
        ``duplicates`` (:mod:`queries.collapsing`). A damaged index file that this search reads
        raises :class:`indexer.errors.IndexDamagedError`.
        """
        with reading(self._location):
            return self._search(query, limit, match, since, until, sort, context, highlight, collapse)

    def _search(self, query: str, limit: int | None, match: MatchMode, since: datetime | None,
                until: datetime | None, sort: SortOrder, context: int, highlight: bool,
                collapse: bool) -> SearchResult:
        parsed = self.parse(query, match)
        if self._empty:
            return SearchResult(query=query, total=0, hits=())
        date_filter = _date_filter(since, until)
        with shared_posting_blocks():
            record_of = self._record
            if collapse:
                ranked, shown, record_of = self._collapsed(parsed, limit, match, date_filter, sort)
            else:
                ranked = self._ranked(parsed, limit, match, date_filter, sort)
                shown = [Collapsed(docnum, score, ()) for docnum, score in ranked.docs]
            positions = matched_positions(self._searcher, parsed, [item.docnum for item in shown]) if highlight \
                else {}
        # Records are read in document order: neighbours share a compressed block of the record
        # column, which is then unpacked once (in rank order, -l and --group over many hits
        # unpacked a block per hit).
        wanted = {item.docnum for item in shown} | {docnum for item in shown for docnum in item.copies}
        records = {docnum: record_of(docnum) for docnum in sorted(wanted)}
        hits = tuple(
            self._hit(item.docnum, records[item.docnum], item.score, rank, positions.get(item.docnum, {}), context,
                      tuple(Copy(records[docnum]["path"], records[docnum]["paragraph"]) for docnum in item.copies))
            for rank, item in enumerate(shown, 1)
        )
        suggestions = {} if hits else self.suggestions(query, parsed)
        found_in = {} if hits else self.found_elsewhere(query, match, date_filter)
        return SearchResult(query=query, total=ranked.total, hits=hits, did_you_mean=suggestions, found_in=found_in)

    def _ranked(self, parsed, limit: int | None, match: MatchMode, date_filter, sort: SortOrder) -> "_Ranked":
        if match == "any" and sort == "relevance":
            return self._rank_in_context(parsed, limit, date_filter)
        return self._rank(parsed, limit, date_filter, sort)

    def _collapsed(self, parsed, limit: int | None, match: MatchMode, date_filter,
                   sort: SortOrder) -> tuple["_Ranked", list[Collapsed], Callable[[int], dict]]:
        """The ranking, the best ``limit`` hits with their copies collapsed into them (ranked
        deeper than ``limit``, since copies leave the ranking, and deeper again where that was
        not deep enough), and the record reader that kept what it read."""
        depth = None if limit is None else limit * COLLAPSE_DEPTH + COLLAPSE_DEPTH_EXTRA
        ranked = self._ranked(parsed, depth, match, date_filter, sort)
        if not ranked.docs:
            return ranked, [], self._record
        finder = CopyFinder(self._key_lists(), self._record, Matching(self._searcher, parsed, date_filter).among)
        shown = finder.collapse(ranked.docs, limit)
        # Deeper while a ranking filled its depth (one that did not ranked all there is) and
        # left matches out.
        while limit is not None and len(shown) < limit and depth <= len(ranked.docs) < ranked.total:
            depth *= COLLAPSE_DEEPER
            ranked = self._ranked(parsed, depth, match, date_filter, sort)
            shown = finder.collapse(ranked.docs, limit)
        return ranked, shown, finder.record

    def near_copies(self) -> dict[Copy, tuple[Copy, ...]]:
        """Every paragraph of the index that has near copies in other articles, with its group: the
        groups a search collapses (:mod:`queries.collapsing`), for an archive's statistics.

        >>> searcher.near_copies()                                          # doctest: +SKIP
        {Copy(path='dpa/putin.txt', paragraph=2): (Copy(path='taz/kopie.txt', paragraph=1),), ...}
        """
        with reading(self._location):
            if self._empty:
                return {}
            docs = sorted(self._reader.all_doc_ids())
            finder = CopyFinder(self._key_lists(), self._record)

            def citation(docnum: int) -> Copy:
                return Copy(finder.record(docnum)["path"], finder.record(docnum)["paragraph"])

            found = ((docnum, finder.group_of(docnum)) for docnum in docs)
            return {citation(docnum): tuple(map(citation, copies)) for docnum, copies in found if copies}

    def _key_lists(self) -> KeyLists:
        """Every paragraph's near-copy keys and each key's paragraphs (:mod:`queries.collapsing`),
        opened once per searcher."""
        if self._copy_keys is None:
            readers = [(subsearcher.reader(), offset) for subsearcher, offset in segments(self._searcher)]
            # A segment without the column has no paragraph with keys.
            self._copy_keys = KeyLists([
                SegmentKeys(reader.column_reader("copies", translate=False), offset, deleted_documents(reader))
                for reader, offset in readers if reader.has_column("copies")], self._reader.doc_count_all())
        return self._copy_keys

    def trend(self, query: str, by: Period = "month", match: MatchMode = "all", *, since: datetime | None = None,
              until: datetime | None = None) -> Trend:
        """How many paragraphs and articles match ``query`` per week, month or year
        (:func:`queries.trend.count_by_period`); ``since``/``until`` as for :meth:`search`."""
        with reading(self._location):
            parsed = self.parse(query, match)
            if self._empty:
                return count_by_period((), by, query, since, until)
            with shared_posting_blocks():
                docs = matching_doc_array(self._searcher, parsed, _date_filter(since, until))
            days, ordinals = self._days_and_ordinals()
            # An article's paragraphs are documents one after another: its number is its first's.
            return count_by_period(count_days(days[docs], docs - ordinals[docs] + 1), by, query, since, until)

    def _days_and_ordinals(self):
        """Every paragraph's ``published_day`` and its number in its article (from 1), as numpy
        arrays by document number, read once per searcher."""
        if self._days is None:
            import numpy as np

            readers = [subsearcher.reader() for subsearcher, _offset in segments(self._searcher)]
            self._days = tuple(
                np.concatenate([numeric_column_array(reader, name).astype(np.int64) for reader in readers])
                for name in ("published_day", "paragraph"))
        return self._days

    def found_elsewhere(self, query: str, match: MatchMode = "all", date_filter=None) -> dict[str, int]:
        """How many paragraphs ``query`` finds in their article's title or subheading, where the
        paragraphs' own text has none: a word only in a headline is found there (``title:…``)."""
        found = {}
        for fieldname in ("title", "heading"):
            parsed = parse_query(query, self.schema, match=match, other_forms=self.other_forms, field=fieldname)
            count = count_matches(self._searcher, parsed, date_filter)
            if count:
                found[fieldname] = count
        return found

    def parse(self, query: str, match: MatchMode = "all"):
        """``query`` parsed for this index: compounds split and word forms found by its vocabulary
        (:func:`queries.parsing.parse_query`)."""
        return parse_query(query, self.schema, match=match, compound_parts=self.compound_parts,
                           other_forms=self.other_forms)

    def _rank(self, parsed, limit: int | None, date_filter, sort: SortOrder) -> "_Ranked":
        """The best ``limit`` paragraphs (document number and score) and the number of matches."""
        if sort == "date":
            # Every match, then the newest: one order for every query (Whoosh's own date sort
            # listed an article backwards, and kept paragraphs a NOT of a pattern excluded).
            scores = all_scores(self._searcher, parsed, date_filter)
            if scores is None:  # a NOT alone, a range in the query: Whoosh's matchers find them
                hits = self._searcher.search(parsed, limit=None, filter=date_filter)
                scores = {hit.docnum: hit.score for hit in hits}
            return _Ranked(self._newest_first(scores.items(), limit), len(scores))
        # Plain word queries are ranked on the posting lists directly: same scores, much faster.
        fast = rank_matches(self._searcher, parsed, limit, date_filter)
        if fast is not None:
            ranked, total = fast
            return _Ranked(list(ranked), total)
        results = self._searcher.search(parsed, limit=limit, filter=date_filter)
        # Not len(results): Whoosh counts by stepping through every match again (slow), and before
        # applying the filter (wrong).
        total = results.scored_length()
        if limit is not None and total == limit:
            total = count_matches(self._searcher, parsed, date_filter)
        return _Ranked([(doc.docnum, doc.score) for doc in results], total)

    def _newest_first(self, matches: Iterable[tuple[int, float]], limit: int | None) -> list[tuple[int, float]]:
        """The ``limit`` newest of ``matches`` ((document number, score); undated last), an
        article's paragraphs in reading order."""
        published = self._published_orders()

        def newest(item: tuple[int, float]) -> int:
            # One integer, not a tuple (a key per match): newer first, then by number.
            return item[0] - (published[item[0]] << 32)

        return sorted(matches, key=newest) if limit is None else heapq.nsmallest(limit, matches, key=newest)

    def _published_orders(self) -> Sequence[int]:
        """Every paragraph's ``published_order`` (minutes since 1970, 0 undated) by document number,
        read once per searcher: a date sort needs it for every match, and Whoosh's column reader
        unpacks one value per call."""
        if self._published is None:
            values: list[int] = []
            for subsearcher, _offset in segments(self._searcher):
                values.extend(numeric_column_values(subsearcher.reader(), "published_order"))
            self._published = values
        return self._published

    def _rank_in_context(self, parsed, limit: int | None, date_filter) -> "_Ranked":
        """A question's best paragraphs, the best candidates ranked again by their context
        (:mod:`queries.context`); beyond the candidates the order stays (a context only raises)."""
        ranked = self._rank(parsed, None if limit is None else max(limit, CONTEXT_CANDIDATES), date_filter, "relevance")
        candidates, rest = ranked.docs[:CONTEXT_CANDIDATES], ranked.docs[CONTEXT_CANDIDATES:]
        docs = rank_in_context(self._searcher, candidates, parsed, self._neighbours) + rest
        return _Ranked(docs[:limit], ranked.total)

    def _neighbours(self, docnum: int, radius: int) -> list[int]:
        """The paragraphs of ``docnum``'s article up to ``radius`` paragraphs before and after it
        (itself included), as document numbers in reading order.

        The builder adds an article's paragraphs one after another to one segment, so they are the
        live documents next to it that continue its paragraph count (another article's next to it
        starts again at 1; an updated article's old paragraphs are deleted).
        """
        number = self._paragraphs[docnum]
        found = [docnum]
        for step in (-1, 1):
            neighbour = docnum + step
            while (abs(neighbour - docnum) <= radius and 0 <= neighbour < self._doc_count
                   and self._paragraphs[neighbour] == number + neighbour - docnum
                   and not self._reader.is_deleted(neighbour)):
                found.append(neighbour)
                neighbour += step
        return sorted(found)

    # --- compounds -------------------------------------------------------------------------------

    def _vocabulary_frequency(self, word: str) -> float:
        """Share of paragraphs whose text has ``word`` (in any form, or as a compound part)."""
        return self._reader.doc_frequency("text", stem_written(word)) / self._doc_count

    def compound_parts(self, word: str) -> list[str]:
        """The stems of a lower-case compound's parts, as this index knows them; [] for other words.

        >>> searcher.compound_parts("waffenlieferung")                      # doctest: +SKIP
        ['waff', 'liefer']
        """
        return compound_part_stems(word, self._splitter.split)

    def other_forms(self, fieldname: str, stem: str) -> list[str]:
        """Stems of the word's other forms that the stemmer leaves apart
        (:func:`indexer.german.other_forms`) that ``fieldname`` holds. [] for most words.

        >>> searcher.other_forms("text", "autos"), searcher.other_forms("text", "ministerium")  # doctest: +SKIP
        (['auto'], ['ministeri'])
        """
        # Counted in the paragraphs' text, the index's German at its largest, for every field: a
        # title field of a few words is too small to tell.
        frequency = self._reader.doc_frequency
        forms = other_forms(stem, partial(frequency, "text"), partial(frequency, "exact"))
        return [form for form in forms if frequency(fieldname, form)]

    # --- hits ------------------------------------------------------------------------------------

    def _record(self, docnum: int) -> dict:
        """What the index keeps of a paragraph to show it (:func:`indexer.schema.encode_record`)."""
        return decode_record(self._records[docnum])

    def _hit(self, docnum: int, record: dict, score: float | None, rank: int,
             positions: dict[str, set[int]], context: int, duplicates: tuple[Copy, ...] = ()) -> Hit:
        text = record["text"]
        return Hit(
            path=record["path"],
            paragraph=record["paragraph"],
            title=record["title"],
            published=record.get("published_iso"),
            heading=record.get("heading"),
            text=text,
            score=round(float(score or 0.0), 4),
            rank=rank,
            highlights=highlight_spans(text, positions, self.schema),
            context=self._context(docnum, context) if context else (),
            part=record.get("part"),
            url=record.get("url"),
            duplicates=duplicates,
            quotes=tuple(Quote(quotation.text, quotation.speaker) for quotation in quotations(text)),
        )

    def suggestions(self, query: str, parsed=None) -> dict[str, list[str]]:
        """For each word of ``query`` that no paragraph contains, the closest indexed words
        (:func:`queries.suggestions.did_you_mean`)."""
        return did_you_mean(self._reader, query, parsed if parsed is not None else self.parse(query))

    def _context(self, docnum: int, size: int) -> tuple[ContextParagraph, ...]:
        """Up to ``size`` paragraphs before and after the paragraph ``docnum``, in reading order."""
        records = (self._record(n) for n in self._neighbours(docnum, size) if n != docnum)
        return tuple(ContextParagraph(r["paragraph"], r["text"], r.get("heading"), r.get("part")) for r in records)

def _date_filter(since: datetime | None, until: datetime | None) -> DateRange | None:
    """The paragraphs of articles published from ``since`` to ``until`` (either may be open)."""
    return DateRange("published", since, until) if since or until else None


def search(index_dir: str | Path, query: str, limit: int | None = 10, match: MatchMode = "all",
           **options) -> SearchResult:
    """Open the index, run one query, close it: the simplest way to search from a script."""
    with Searcher.open(index_dir) as searcher:
        return searcher.search(query, limit=limit, match=match, **options)
