"""Evaluating queries straight on the posting lists: counting and ranking.

Whoosh evaluates a query through a tree of matcher objects, one Python call per document and
node: on half a million paragraphs a frequent word or a ``--match any`` question took hundreds of
milliseconds, and counting the matches (``len(results)``) ran the whole query once more. Here
each term's posting list is read from the postings file in one piece and decoded a block at a
time (:class:`_PostingBlocks`, without Whoosh's matcher). A query is compiled once into a plan
(:func:`plan_query`, one walk of its tree): words, phrases (any slop), word patterns, And, Or,
AndMaybe and NOT beside them (an exclusion: a set difference) become plan nodes that give a
segment's matching documents as a set (counting) or their scores in a dictionary (ranking).
Phrases are checked on the positions of the documents that have all their words; every score
comes from the one scorer, :class:`queries.scoring.Bm25`, Whoosh's BM25F term for term: the same
hits in the same order. What a plan cannot score (a NOT alone, ranges, a constant-score pattern)
Whoosh ranks: :func:`rank_matches` returns None for it, and counting asks Whoosh for such
subtrees' documents. (Whoosh 2.7.4's own AndNot matcher can keep an excluded document on an index
with deletions; the tests compare with the set difference. Its AndMaybe, on an index of several
segments, drops a document of the top at a small limit, and with an Or on each side did not
return at limit 1: ``ANDMAYBE`` in a query is evaluated here.)

>>> with Searcher.open(index_dir) as searcher:                       # doctest: +SKIP
...     count_matches(searcher._searcher, parse_query("Waffenlieferung", searcher.schema))
3
"""
from __future__ import annotations

import heapq
import sys
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, compress
from typing import TYPE_CHECKING, AbstractSet, Iterable, Iterator, Mapping, Sequence

from whoosh import query as wq

from indexer.engine.formats import GapPositions, decode_gaps_arrays
from indexer.engine.postingblocks import PostingList
from indexer.engine.readers import deleted_documents, numeric_column_array, pattern_word_frequencies, pattern_words
from indexer.schema import published_minutes

from .scoring import Bm25, TermScorer

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ASKED_BEFORE_ALL", "Matching", "Plan", "SHORT_LIST_MAX", "all_scores", "best_of", "count_matches",
           "docs_holding", "matching_doc_array", "matching_docs", "plan_query", "rank_matches", "scores_of", "segments",
           "shared_posting_blocks", "term_positions"]


#: Documents :class:`Matching` is asked of (each time a few) before it reads every match at once:
#: the hits of a group of boilerplate thousands strong ask of thousands, a few at a time.
ASKED_BEFORE_ALL = 5_000
#: Postings of a block of Whoosh's posting lists (its codec's ``blocklimit``).
_BLOCK_POSTINGS = 128
#: A pattern's words with this many postings or fewer in a segment (one posting block) are read
#: whole when it is first asked which documents it matches; the others a few documents at a time.
SHORT_LIST_MAX = _BLOCK_POSTINGS
#: A date range of this many documents of a segment or more is read among as runs of documents
#: (:class:`_Runs`): making a set of them would cost more than the search; a test per posting
#: against a set is faster where they are fewer.
RUNS_FROM = 65_536
#: A pattern whose most frequent word has this many times the postings of all its others is
#: ranked by block-max scoring on that word (:meth:`_Pattern.best`); with more of the others,
#: scoring everything is faster.
PATTERN_BLOCK_MAX_RATIO = 4


def count_matches(searcher, query, filter_query=None) -> int:
    """How many live documents match ``query`` (and ``filter_query``, if given)."""
    return sum(len(docs) for _offset, docs in _matching_docs(searcher, query, filter_query))


def matching_docs(searcher, query, filter_query=None) -> list[int]:
    """Every live document matching ``query`` (and ``filter_query``), unscored, in document order."""
    return sorted(doc + offset for offset, docs in _matching_docs(searcher, query, filter_query) for doc in docs)


def matching_doc_array(searcher, query, filter_query=None) -> "np.ndarray":
    """Every live document matching ``query`` (and ``filter_query``) as a numpy array, in no
    order: a trend counts a frequent word's hundreds of thousands, which cost more to sort as
    Python numbers than to count."""
    import numpy as np

    plan = plan_query(query)
    allowed = None if filter_query is None else plan_query(filter_query)
    found = []
    for segment in _segments(searcher):
        docs = plan.doc_array(segment)
        if allowed is not None and len(docs):
            kept = np.zeros(segment.reader.doc_count_all(), dtype=bool)
            kept[allowed.doc_array(segment)] = True
            docs = docs[kept[docs]]
        found.append(docs + segment.offset)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _matching_docs(searcher, query, filter_query) -> Iterator[tuple[int, set[int]]]:
    """Each segment's document number offset and its matching documents (numbered in the segment)."""
    plan = plan_query(query)
    allowed = None if filter_query is None else plan_query(filter_query)
    for segment in _segments(searcher):
        docs = plan.docs(segment)
        if allowed is not None and docs:
            docs &= allowed.docs(segment)
        yield segment.offset, docs


def docs_holding(searcher, fieldname: str, text: str, docs: set[int]) -> set[int]:
    """The documents of ``docs`` that hold the term; posting blocks without any are skipped undecoded."""
    found: set[int] = set()
    for segment, local in _segment_docs(searcher, docs):
        found.update(doc + segment.offset for doc in _term_docs(segment.reader, fieldname, text, within=local))
    return found


def term_positions(searcher, fieldname: str, text: str, docs: Iterable[int]) -> dict[int, Sequence[int]]:
    """Where the term stands in each of ``docs`` that holds it (for highlighting hits): only the
    posting blocks that hold those documents are decoded."""
    decode = searcher.schema[fieldname].format.decode_positions
    found: dict[int, Sequence[int]] = {}
    for segment, local in _segment_docs(searcher, docs):
        if (fieldname, text) in segment.reader:
            for ids, _weights, values in _posting_blocks(segment.reader, fieldname, text, weights=False, values=True,
                                                         within=local):
                found.update((doc + segment.offset, decode(value)) for doc, value in zip(ids, values))
    return found


def _segment_docs(searcher, docs: Iterable[int], scoring: bool = False) -> Iterator[tuple["_Segment", set[int]]]:
    """(segment, the segment-local numbers of ``docs`` in it) for each segment that holds some of
    ``docs`` (``scoring``: as :func:`_segments`)."""
    docs = list(docs)
    for segment in _segments(searcher, scoring):
        end = segment.offset + segment.reader.doc_count_all()
        local = {doc - segment.offset for doc in docs if segment.offset <= doc < end}
        if local:
            yield segment, local


def rank_matches(searcher, query, limit: int | None,
                 filter_query=None) -> tuple[list[tuple[int, float]], int] | None:
    """The best ``limit`` (document number, score) pairs for ``query`` among the documents that
    match ``filter_query`` (if given), and the number of matches, as Whoosh's top-N search with the
    searcher's :class:`~queries.scoring.Bm25` would give them; None for a query whose plan
    cannot score it."""
    plan = plan_query(query)
    if not plan.scored:
        return None
    allowed = None if filter_query is None else plan_query(filter_query)
    best: list[tuple[int, float]] = []
    total = 0
    for segment in _segments(searcher, scoring=True):
        if allowed is None and limit is not None:
            segment_best, count = plan.best(segment, limit)
        elif limit is not None:
            segment_best, count = plan.best_among(segment, limit, allowed.ascending_docs(segment))
        else:
            scores = _allowed_scores(plan, segment, allowed)
            segment_best, count = best_of(scores, limit), len(scores)
        total += count
        # Each segment's best are enough to find the best overall.
        best.extend((doc + segment.offset, score) for doc, score in segment_best)
    return best_of(dict(best), limit), total


def all_scores(searcher, query, filter_query=None) -> dict[int, float] | None:
    """Every document matching ``query`` (and ``filter_query``) with its score, in no order (a date
    sort orders them otherwise); None for a query whose plan cannot score it."""
    plan = plan_query(query)
    if not plan.scored:
        return None
    allowed = None if filter_query is None else plan_query(filter_query)
    found: dict[int, float] = {}
    for segment in _segments(searcher, scoring=True):
        found.update((doc + segment.offset, score) for doc, score in _allowed_scores(plan, segment, allowed).items())
    return found


def scores_of(searcher, query, docs: Iterable[int]) -> dict[int, float] | None:
    """The scores of those of ``docs`` that match ``query``, as :func:`all_scores` gives them, with
    only the posting blocks that hold them decoded; None for a query whose plan cannot score it."""
    plan = plan_query(query)
    if not plan.scored:
        return None
    found: dict[int, float] = {}
    for segment, local in _segment_docs(searcher, docs, scoring=True):
        found.update((doc + segment.offset, score) for doc, score in plan.scores(segment, local).items())
    return found


class Matching:
    """Which of a few given documents match ``query`` (and ``filter_query``): a search asks it of
    each hit's near-copy candidates. Only the posting blocks that hold them are decoded, and a
    date range reads their dates alone; once it was asked of more than :data:`ASKED_BEFORE_ALL`
    documents (the copies of boilerplate), every match is read once instead."""

    def __init__(self, searcher, query, filter_query=None) -> None:
        self._searcher = searcher
        self._query, self._filter_query = query, filter_query
        self._plan = plan_query(query)
        self._allowed = None if filter_query is None else plan_query(filter_query)
        self._asked = 0
        self._every: set[int] | None = None

    def among(self, docs: Iterable[int]) -> set[int]:
        docs = list(docs)
        self._asked += len(docs)
        if self._every is None and self._asked > ASKED_BEFORE_ALL:
            self._every = set(matching_docs(self._searcher, self._query, self._filter_query))
        if self._every is not None:
            return self._every.intersection(docs)
        found: set[int] = set()
        for segment, local in _segment_docs(self._searcher, docs):
            matched = self._plan.docs_among(segment, local)
            if self._allowed is not None and matched:
                matched = self._allowed.docs_among(segment, matched)
            found.update(doc + segment.offset for doc in matched)
        return found


def _allowed_scores(plan: "Plan", segment: "_Segment", allowed: "Plan | None") -> dict[int, float]:
    """Score per segment-local document matching ``plan`` and ``allowed`` (if given)."""
    if allowed is None:
        return plan.scores(segment)
    # Scored among the allowed documents only: posting blocks holding none of them (a date range
    # is runs of documents: an archive is indexed file by file) are not even decoded.
    kept = allowed.ascending_docs(segment)
    return plan.scores(segment, within=kept) if kept else {}


def best_of(scores: dict[int, float], limit: int | None) -> list[tuple[int, float]]:
    """The ``limit`` best (document, score) pairs in Whoosh's order: higher score first, then the
    lower document number."""
    if limit is not None and len(scores) > limit:
        # The limit-th best score, found on bare floats (a key function per document costs more
        # than the rest of a frequent word's ranking); ties with it are all kept, then ordered.
        threshold = heapq.nlargest(limit, scores.values())[-1]
        scores = {doc: score for doc, score in scores.items() if score >= threshold}
    ranked = sorted(scores.items(), key=_whoosh_order)
    return ranked if limit is None else ranked[:limit]


def _whoosh_order(item: tuple[int, float]) -> tuple[float, int]:
    return -item[1], item[0]


def segments(searcher) -> list:
    """(searcher of one segment, its first document number) for each segment of the index."""
    return searcher.subsearchers or [(searcher, 0)]


@dataclass(frozen=True)
class _Segment:
    """One segment as a plan evaluates it: its searcher and reader, its first document number,
    and (for ranking) the searcher of the whole index and its scorer."""

    searcher: object
    reader: object
    offset: int
    top: object
    scorer: Bm25 | None

    def term(self, fieldname: str, text: str, boost: float) -> TermScorer:
        """The scorer of one word in this segment."""
        return self.scorer.term(self.top, self.reader, fieldname, text, boost)


def _segments(searcher, scoring: bool = False) -> Iterator[_Segment]:
    """Each segment of ``searcher``'s index; with ``scoring``, with the searcher's scorer, which
    must be a :class:`~queries.scoring.Bm25` (no other weighting is taken for it)."""
    scorer = searcher.weighting if scoring else None
    if scoring and not isinstance(scorer, Bm25):
        raise TypeError(f"ranking on the posting lists needs a queries.scoring.Bm25 weighting, "
                        f"not {type(scorer).__name__}")
    for subsearcher, offset in segments(searcher):
        yield _Segment(subsearcher, subsearcher.reader(), offset, searcher, scorer)


# --- query plans: one node a query shape -----------------------------------------------------------

class Plan:
    """A query compiled for evaluation on the posting lists (:func:`plan_query`): its matching
    documents in a segment, and (where :attr:`scored`) their scores, each query's boost already
    multiplied in (the product of its own and its parents')."""

    #: Whether :meth:`scores` can score it (else Whoosh ranks the query).
    scored = True

    def docs(self, segment: _Segment) -> set[int]:
        """Segment-local numbers of the live documents that match."""
        raise NotImplementedError

    def ascending_docs(self, segment: _Segment) -> "_AscendingDocs":
        """The documents of :meth:`docs` with their ascending order (a filter every word of a
        query is read among)."""
        return _AscendingDocs.of(sorted(self.docs(segment)))

    def doc_array(self, segment: _Segment) -> "np.ndarray":
        """The documents of :meth:`docs` as a numpy array, in no order (a trend counts hundreds of
        thousands: a word's or a phrase's read into one without a Python number each)."""
        import numpy as np

        docs = self.docs(segment)
        return np.fromiter(docs, dtype=np.int64, count=len(docs))

    def docs_among(self, segment: _Segment, within: set[int]) -> set[int]:
        """Those of ``within`` (segment-local numbers of live documents) that match."""
        return self.docs(segment) & within

    def add_scores(self, segment: _Segment, scores: dict[int, float], within: set[int] | None = None) -> None:
        """Add each matching document's score to ``scores`` (how an Or sums its children without
        a dictionary per child); of the documents of ``within`` only, if given (their scores as
        without it)."""
        raise NotImplementedError

    def scores(self, segment: _Segment, within: set[int] | None = None) -> dict[int, float]:
        """Score per matching segment-local document (of ``within``, if given)."""
        found: dict[int, float] = {}
        self.add_scores(segment, found, within)
        return found

    def best(self, segment: _Segment, limit: int) -> tuple[list[tuple[int, float]], int]:
        """The ``limit`` best documents of the segment and how many match."""
        scores = self.scores(segment)
        return best_of(scores, limit), len(scores)

    def best_among(self, segment: _Segment, limit: int,
                   within: "_AscendingDocs | _Runs") -> tuple[list[tuple[int, float]], int]:
        """:meth:`best` of the documents of ``within`` (:meth:`ascending_docs` of a filter)."""
        scores = self.scores(segment, within=within) if within else {}
        return best_of(scores, limit), len(scores)


def plan_query(query, boost: float = 1.0) -> Plan:
    """The plan of a Whoosh query (``boost``: the product of its parents' boosts).

    >>> plan_query(wq.Or([wq.Term("text", "putin"), wq.Not(wq.Term("text", "kiew"))])).scored
    False
    """
    boost *= query.boost
    if isinstance(query, wq.Term):
        return _Word(query.fieldname, query.text, boost)
    if isinstance(query, wq.Phrase):
        return _Phrase(query, boost)
    if isinstance(query, (wq.Prefix, wq.Wildcard)):
        return _Pattern(query, boost)
    if isinstance(query, wq.AndNot):
        # Scored by its positive side alone (an AndNot's boost is always 1: with_boost boosts ``a``).
        return _Without(plan_query(query.a, boost), plan_query(query.b))
    if isinstance(query, wq.AndMaybe):
        return _Maybe(plan_query(query.a, boost), plan_query(query.b, boost))
    if isinstance(query, wq.And):
        # Whoosh reads an And's NOT children as exclusions: "Genehmigung NOT Anlage"; an And of
        # NOTs alone as what lacks every word, each NOT matched by Whoosh.
        kept = [sub for sub in query.subqueries if not isinstance(sub, wq.Not)]
        if not kept:
            return _All([_Whoosh(sub) for sub in query.subqueries], [])
        return _All([plan_query(sub, boost) for sub in kept],
                    [plan_query(sub.query) for sub in query.subqueries if isinstance(sub, wq.Not)])
    if isinstance(query, wq.Or) and not query.minmatch:
        return _Any([plan_query(sub, boost) for sub in query.subqueries], scaled=bool(query.scale))
    if isinstance(query, wq.DateRange) and query.fieldname == "published":
        return _Published(query.startdate, query.enddate, query.startexcl, query.endexcl)
    return _Whoosh(query)


class _Whoosh(Plan):
    """A query Whoosh matches (a NOT alone, a range, an Or with a minimum): counted, never scored."""

    scored = False

    def __init__(self, query) -> None:
        self.query = query

    def docs(self, segment: _Segment) -> set[int]:
        return set() if self.query is wq.NullQuery else set(self.query.docs(segment.searcher))


class _Published(Plan):
    """A range of publication dates, matched on the ``published_order`` column (minutes since 1970,
    0 for an article without a date) rather than on the ``published`` field's terms: a range over
    years of an archive whose every article has its own minute is thousands of terms.
    Counted, never scored, as Whoosh counts a range."""

    scored = False

    def __init__(self, start: datetime | None, end: datetime | None, start_excluded: bool = False,
                 end_excluded: bool = False) -> None:
        # A moment within a minute: the article minutes at or after it start with the next one.
        self.low = None if start is None else published_minutes(start) + (
            1 if start_excluded or start != start.replace(second=0, microsecond=0) else 0)
        self.high = None if end is None else published_minutes(end) - (
            1 if end_excluded and end == end.replace(second=0, microsecond=0) else 0)

    def docs(self, segment: _Segment) -> set[int]:
        return set(self.doc_array(segment).tolist())

    def ascending_docs(self, segment: _Segment) -> "_AscendingDocs | _Runs":
        """The range's documents straight from the column: as runs (:class:`_Runs`) where they are
        many (:data:`RUNS_FROM`), else as a set."""
        import numpy as np

        in_range = self._live_in_range(segment)
        if in_range is None:
            return _AscendingDocs.of([])
        if np.count_nonzero(in_range) < RUNS_FROM:
            return _AscendingDocs.of(np.flatnonzero(in_range).tolist())
        # Where a run starts or ends: a document in the range after one outside it, or before.
        edges = np.flatnonzero(in_range[1:] != in_range[:-1]) + 1
        starts, ends = edges[~in_range[edges - 1]].tolist(), edges[in_range[edges - 1]].tolist()
        if in_range[0]:
            starts.insert(0, 0)
        if in_range[-1]:
            ends.append(len(in_range))
        return _Runs(starts, ends)

    def doc_array(self, segment: _Segment) -> "np.ndarray":
        import numpy as np

        in_range = self._live_in_range(segment)
        return np.zeros(0, dtype=np.int64) if in_range is None else np.flatnonzero(in_range)

    def _live_in_range(self, segment: _Segment):
        """A mask of the segment's live documents in the range (a numpy array), None if the segment
        has no dates."""
        import numpy as np

        minutes = self._minutes(segment)
        if minutes is None:
            return None
        in_range = self._in_range(minutes)
        deleted = deleted_documents(segment.reader)
        if deleted:
            in_range[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = False
        return in_range

    def docs_among(self, segment: _Segment, within: set[int]) -> set[int]:
        import numpy as np

        minutes = self._minutes(segment)
        if minutes is None or not within:
            return set()
        docs = np.fromiter(within, dtype=np.int64, count=len(within))
        return set(docs[self._in_range(minutes[docs])].tolist())

    @staticmethod
    def _minutes(segment: _Segment):
        reader = segment.reader
        return numeric_column_array(reader, "published_order") if reader.has_column("published_order") else None

    def _in_range(self, minutes):
        """A mask of ``minutes`` (a numpy array) in the range; 0 is an article without a date."""
        mask = minutes != 0
        if self.low is not None:
            mask &= minutes >= self.low
        if self.high is not None:
            mask &= minutes <= self.high
        return mask


class _Word(Plan):
    def __init__(self, fieldname: str, text: str, boost: float) -> None:
        self.fieldname, self.text, self.boost = fieldname, text, boost

    def docs(self, segment: _Segment) -> set[int]:
        return _term_docs(segment.reader, self.fieldname, self.text)

    def docs_among(self, segment: _Segment, within: set[int]) -> set[int]:
        return _term_docs(segment.reader, self.fieldname, self.text, within)

    def doc_array(self, segment: _Segment) -> "np.ndarray":
        reader = segment.reader
        if (self.fieldname, self.text) not in reader:
            return super().doc_array(segment)
        return _word_arrays(reader, self.fieldname, self.text, _live_documents(reader))[0]

    def add_scores(self, segment: _Segment, scores: dict[int, float], within: set[int] | None = None) -> None:
        if (self.fieldname, self.text) in segment.reader:
            segment.term(self.fieldname, self.text, self.boost).add(
                _posting_blocks(segment.reader, self.fieldname, self.text, within=within), scores)

    def best(self, segment: _Segment, limit: int) -> tuple[list[tuple[int, float]], int]:
        """By block-max scoring (:func:`_top_of_blocks`); a word whose idf is not positive (in
        nearly every paragraph) is scored whole."""
        found = self._best_of_blocks(segment, limit)
        return super().best(segment, limit) if found is None else found

    def best_among(self, segment: _Segment, limit: int,
                   within: "_AscendingDocs | _Runs") -> tuple[list[tuple[int, float]], int]:
        """Within runs of documents (a long date range) by block-max scoring too: the blocks
        inside a run are bounded by their headers as without a range."""
        found = self._best_of_blocks(segment, limit, within) if isinstance(within, _Runs) else None
        return super().best_among(segment, limit, within) if found is None else found

    def _best_of_blocks(self, segment: _Segment, limit: int,
                        runs: "_Runs | None" = None) -> tuple[list[tuple[int, float]], int] | None:
        """:func:`_top_of_blocks` of the word (among ``runs``, if given); None where its idf is not
        positive."""
        reader = segment.reader
        if (self.fieldname, self.text) not in reader:
            return [], 0
        scorer = segment.term(self.fieldname, self.text, self.boost)
        if scorer.idf <= 0:
            return None
        blocks = _PostingBlocks.read(reader, self.fieldname, self.text)
        return _top_of_blocks(blocks, scorer, limit, deleted_documents(reader), runs=runs)


class _Pattern(Plan):
    """A Prefix or Wildcard: the Or of the words it stands for in the segment (found once per
    search: ranking and highlighting take the same)."""

    def __init__(self, query, boost: float) -> None:
        self.query, self.boost = query, boost
        self.scored = not query.constantscore
        # Per segment reader (by id: the plan lives for one search, the readers longer): the
        # documents of the pattern's words with short lists, and its words with long ones.
        self._parted: dict[int, tuple[set[int], tuple[str, ...]]] = {}

    def docs(self, segment: _Segment) -> set[int]:
        fieldname = self.query.fieldname
        return set().union(*(_term_docs(segment.reader, fieldname, word) for word in self._words(segment)))

    def docs_among(self, segment: _Segment, within: set[int]) -> set[int]:
        """A pattern stands for hundreds or thousands of words, most of them in a few paragraphs,
        and a search asks this of each hit's copy candidates, a few at a time: the words with
        short lists are read whole once, and only the others are looked up each time."""
        short_listed, long_listed = self._parts(segment)
        found = short_listed & within
        for word in long_listed:
            left = within - found
            if not left:
                break
            found |= _term_docs(segment.reader, self.query.fieldname, word, left)
        return found

    def _parts(self, segment: _Segment) -> tuple[set[int], tuple[str, ...]]:
        parted = self._parted.get(id(segment.reader))
        if parted is None:
            reader, fieldname = segment.reader, self.query.fieldname
            short_listed: list[str] = []
            long_listed: list[str] = []
            for word, frequency in self._word_frequencies(segment).items():
                (short_listed if frequency <= SHORT_LIST_MAX else long_listed).append(word)
            docs = set().union(*(_term_docs(reader, fieldname, word) for word in short_listed))
            parted = self._parted[id(reader)] = (docs, tuple(long_listed))
        return parted

    def add_scores(self, segment: _Segment, scores: dict[int, float], within: set[int] | None = None) -> None:
        for word in self._words(segment):
            _Word(self.query.fieldname, word, self.boost).add_scores(segment, scores, within)

    def best(self, segment: _Segment, limit: int) -> tuple[list[tuple[int, float]], int]:
        """A prefix mostly stands for one frequent word (``Verordn*``: ``verordn``) and hundreds of
        rare ones: the rare words' documents are scored whole, and the frequent word's others by
        block-max scoring (:func:`_top_of_blocks`), which decodes only the blocks that can hold a
        better one. Where the other words are frequent too (:data:`PATTERN_BLOCK_MAX_RATIO`),
        everything is scored."""
        reader, fieldname = segment.reader, self.query.fieldname
        words = self._words(segment)
        frequencies = self._word_frequencies(segment)
        frequent = max(words, key=frequencies.__getitem__, default=None)
        if frequent is None:
            return [], 0
        most = frequencies[frequent]
        if most <= SHORT_LIST_MAX or most < PATTERN_BLOCK_MAX_RATIO * (sum(frequencies.values()) - most):
            return super().best(segment, limit)
        scorer = segment.term(fieldname, frequent, self.boost)
        if scorer.idf <= 0:
            return super().best(segment, limit)
        position = words.index(frequent)
        before: dict[int, float] = {}  # the sums of the words before the frequent one
        for word in words[:position]:
            _Word(fieldname, word, self.boost).add_scores(segment, before)
        after: dict[int, list[float]] = {}  # the scores of the words after it, in order
        for word in words[position + 1:]:
            single: dict[int, float] = {}
            _Word(fieldname, word, self.boost).add_scores(segment, single)
            for doc, score in single.items():
                after.setdefault(doc, []).append(score)
        others = _AscendingDocs.of(sorted(set(before).union(after)))
        frequent_scores: dict[int, float] = {}
        if others and _long_lists(reader, [(fieldname, frequent)]):
            # Its blocks nearly all hold some of the others: read whole with numpy (as an Or's).
            frequent_scores = _scores_among_array(reader, fieldname, frequent, scorer, others.ascending)
        elif others:
            scorer.add(_posting_blocks(reader, fieldname, frequent, within=others), frequent_scores)
        # Summed in the pattern's order, as add_scores sums them: the same to the last bit.
        known: dict[int, float] = {}
        for doc in others:
            score = before.get(doc, 0.0)
            if doc in frequent_scores:
                score += frequent_scores[doc]
            for later in after.get(doc, ()):
                score += later
            known[doc] = score
        blocks = _PostingBlocks.read(reader, fieldname, frequent)
        best, count = _top_of_blocks(blocks, scorer, limit, deleted_documents(reader), known)
        return best, count + len(others) - len(frequent_scores)  # the others it holds counted once

    def _words(self, segment: _Segment) -> tuple[str, ...]:
        return pattern_words(self.query, segment.reader)

    def _word_frequencies(self, segment: _Segment) -> dict[str, int]:
        return pattern_word_frequencies(self.query, segment.reader)


class _Phrase(Plan):
    """Whoosh's phrase: the words in order, each at most ``slop`` positions after the one before;
    scored as the sum of its words' scores where it matches."""

    def __init__(self, query, boost: float) -> None:
        self.query, self.boost = query, boost

    def docs(self, segment: _Segment) -> set[int]:
        whole = self._read_whole(segment.reader)
        if whole is not None:  # no weights wanted: none made into dictionaries
            return set(whole[0].tolist())
        return _phrase_postings(self.query, segment.reader)[0]

    def docs_among(self, segment: _Segment, within: set[int]) -> set[int]:
        return _phrase_postings(self.query, segment.reader, within)[0]

    def doc_array(self, segment: _Segment) -> "np.ndarray":
        whole = self._read_whole(segment.reader)
        return super().doc_array(segment) if whole is None else whole[0]

    def _read_whole(self, reader) -> tuple["np.ndarray", list["np.ndarray"]] | None:
        """:func:`_adjacent_words` of a phrase of two adjacent words with long lists, else None."""
        query = self.query
        if all((query.fieldname, word) in reader for word in query.words) and _adjacent_whole(query, reader):
            return _adjacent_words(query.fieldname, query.words, reader)
        return None

    def add_scores(self, segment: _Segment, scores: dict[int, float], within: set[int] | None = None) -> None:
        matched, weights_of = _phrase_postings(self.query, segment.reader)
        if within is not None:
            matched = matched & within
        if not matched:
            return
        docs = list(matched)
        for word in self.query.words:
            weights = list(map(weights_of[word].__getitem__, docs))
            segment.term(self.query.fieldname, word, self.boost).add([(docs, weights, ())], scores)

    def best(self, segment: _Segment, limit: int) -> tuple[list[tuple[int, float]], int]:
        """Two adjacent words read whole (:func:`_adjacent_words`) are scored as read, with numpy,
        each word's scores summed in the order of :meth:`add_scores`; the rest as any plan."""
        query = self.query
        whole = self._read_whole(segment.reader)
        if whole is not None:
            docs, weights = whole
            found = sum(segment.term(query.fieldname, word, self.boost).array_scores(docs, word_weights)
                        for word, word_weights in zip(query.words, weights))
            return _best_of_arrays(docs, found, limit), len(docs)
        return super().best(segment, limit)


class _All(Plan):
    """An And: where every child matches, less what the ``excluded`` match (its NOT children)."""

    def __init__(self, children: list[Plan], excluded: list[Plan]) -> None:
        self.children, self.excluded = children, excluded
        self.scored = bool(children) and all(child.scored for child in children)

    def docs(self, segment: _Segment) -> set[int]:
        sets = sorted((child.docs(segment) for child in self.children), key=len)
        docs = set.intersection(*sets) if sets else set()
        return docs - self._excluded_docs(segment) if self.excluded and docs else docs

    def _excluded_docs(self, segment: _Segment) -> set[int]:
        return set().union(*(plan.docs(segment) for plan in self.excluded))

    def docs_among(self, segment: _Segment, within: set[int]) -> set[int]:
        for child in self.children:
            within = child.docs_among(segment, within) if within else within
        for plan in self.excluded:
            within = within - plan.docs_among(segment, within) if within else within
        return within

    def add_scores(self, segment: _Segment, scores: dict[int, float], within: set[int] | None = None) -> None:
        """The children's scores summed where all match. Words are read rarest first, each only
        where the ones before matched: blocks of a frequent word's list that hold none of those
        documents are not even decoded."""
        reader = segment.reader
        # Whoosh matches a NOT child of an And with an InverseMatcher of weight 1: each adds 1 to the
        # score of every hit (the order is the same either way; the scores stay Whoosh's).
        constant = float(len(self.excluded))
        found = [child.scores(segment, within) for child in self.children if not isinstance(child, _Word)]
        words = sorted((child for child in self.children if isinstance(child, _Word)),
                       key=lambda word: reader.doc_frequency(word.fieldname, word.text))
        common = set(min(found, key=len)).intersection(*found) if found else within
        for word in words:
            if common is not None and not common:
                return
            child: dict[int, float] = {}
            word.add_scores(segment, child, within=common)
            found.append(child)
            common = set(child)
        if common and self.excluded:
            common = common - self._excluded_docs(segment)  # read only if anything is left to exclude from
        for doc in common or ():
            scores[doc] = scores.get(doc, 0.0) + sum(child[doc] for child in found) + constant

    def best(self, segment: _Segment, limit: int) -> tuple[list[tuple[int, float]], int]:
        """An And of words whose rarest has a long list is scored with numpy (:func:`_top_of_words`):
        the other words' blocks nearly all hold some of its documents, and are read anyway; so is
        one where that holds of a shorter rarest list (:func:`_whole_lists_pay`); the rest as any
        plan."""
        if all(isinstance(child, _Word) for child in self.children):
            reader = segment.reader
            if any((word.fieldname, word.text) not in reader for word in self.children):
                return [], 0
            # Rarest first, as add_scores sums them: the same scores to the last bit. Each word's
            # frequency looked up once (a stable sort: ties keep their order, as before).
            frequencies = [reader.doc_frequency(word.fieldname, word.text) for word in self.children]
            order = sorted(range(len(frequencies)), key=frequencies.__getitem__)
            words = [self.children[at] for at in order]
            postings = [frequencies[at] for at in order]
            if _long_enough(postings[0]) or _whole_lists_pay(postings):
                return _top_of_words(words, segment, limit, every=True, excluded=self._excluded_docs(segment),
                                     constant=float(len(self.excluded)))
        return super().best(segment, limit)


class _Any(Plan):
    """An Or (without a minimum match): where any child matches, their scores summed."""

    def __init__(self, children: list[Plan], scaled: bool) -> None:
        self.children = children
        # Whoosh's scaled Or (coordination) is left to Whoosh.
        self.scored = bool(children) and not scaled and all(child.scored for child in children)

    def docs(self, segment: _Segment) -> set[int]:
        return set().union(*(child.docs(segment) for child in self.children))

    def docs_among(self, segment: _Segment, within: set[int]) -> set[int]:
        # A document one child matches is not asked of the others: a question's dozen words
        # would each read the blocks that hold it.
        found: set[int] = set()
        for child in self.children:
            left = within - found
            if not left:
                break
            found |= child.docs_among(segment, left)
        return found

    def add_scores(self, segment: _Segment, scores: dict[int, float], within: set[int] | None = None) -> None:
        for child in self.children:
            child.add_scores(segment, scores, within)

    def best(self, segment: _Segment, limit: int) -> tuple[list[tuple[int, float]], int]:
        """An Or of words (a ``--match any`` question) whose lists are long is scored with numpy
        (:func:`_top_of_words`); the rest as any plan."""
        if all(isinstance(child, _Word) for child in self.children):
            words = [word for word in self.children if (word.fieldname, word.text) in segment.reader]
            if _long_lists(segment.reader, [(word.fieldname, word.text) for word in words]):
                return _top_of_words(words, segment, limit)
        return super().best(segment, limit)


class _Without(Plan):
    """An AndNot: what ``kept`` matches less what ``excluded`` matches, scored by ``kept`` alone."""

    def __init__(self, kept: Plan, excluded: Plan) -> None:
        self.kept, self.excluded = kept, excluded
        self.scored = kept.scored  # what it excludes is only counted out, never scored

    def docs(self, segment: _Segment) -> set[int]:
        return self.kept.docs(segment) - self.excluded.docs(segment)

    def docs_among(self, segment: _Segment, within: set[int]) -> set[int]:
        kept = self.kept.docs_among(segment, within)
        return kept - self.excluded.docs_among(segment, kept) if kept else kept

    def add_scores(self, segment: _Segment, scores: dict[int, float], within: set[int] | None = None) -> None:
        kept = self.kept.scores(segment, within)
        for doc in self.excluded.docs(segment).intersection(kept):
            del kept[doc]
        for doc, score in kept.items():
            scores[doc] = scores.get(doc, 0.0) + score


class _Maybe(Plan):
    """An AndMaybe: the documents ``required`` matches, each with ``optional``'s score added where
    it matches too."""

    def __init__(self, required: Plan, optional: Plan) -> None:
        self.required, self.optional = required, optional
        self.scored = required.scored and optional.scored

    def docs(self, segment: _Segment) -> set[int]:
        return self.required.docs(segment)

    def docs_among(self, segment: _Segment, within: set[int]) -> set[int]:
        return self.required.docs_among(segment, within)

    def add_scores(self, segment: _Segment, scores: dict[int, float], within: set[int] | None = None) -> None:
        kept = self.required.scores(segment, within)
        optional = self.optional.scores(segment, set(kept)) if kept else {}
        for doc, score in kept.items():
            scores[doc] = scores.get(doc, 0.0) + score + optional.get(doc, 0.0)


# --- scoring long lists ---------------------------------------------------------------------------

def _top_of_blocks(blocks: "_PostingBlocks", scorer: TermScorer, limit: int, deleted: frozenset[int],
                   known: Mapping[int, float] | None = None,
                   runs: "_Runs | None" = None) -> tuple[list[tuple[int, float]], int]:
    """The ``limit`` best documents of one word's posting list and how many it has (``deleted``
    left out), decoding only the blocks that can hold one (block-max scoring, as Lucene's and
    tantivy's): a block's header tells its largest weight and shortest paragraph, so no document
    of it scores above :meth:`TermScorer.bound` of those. Blocks are read from the highest such
    bound down, until the ``limit``-th best score found is above every bound left. The count is
    the headers' block sizes; a block that holds deleted documents is decoded to count them out
    (an update deletes an article's paragraphs: a run of numbers, a block or two).

    ``known``: documents whose scores are given (a pattern's with its other words): they are
    ranked by those, and counted if the word holds them. ``runs``: only the documents of these
    (:class:`_Runs`, a date range's, which leave deleted documents out) are ranked and counted; a
    block that holds some of them and others is decoded, one inside a run is bounded."""
    known = known or {}
    deleted_ids = sorted(deleted)
    bounded = []  # (bound, block)
    scores: dict[int, float] = dict(known)
    count = 0
    headers = blocks.headers
    for number in range(len(headers)) if runs is None else runs.blocks_holding(blocks.lasts()):
        block = headers[number]
        previous_max = headers[number - 1][_LAST_ID] if number else -1
        if _any_between(deleted_ids, previous_max, block[_LAST_ID]) \
                or (runs is not None and not runs.covers(previous_max + 1, block[_LAST_ID])):
            ids, weights = blocks.postings(block)[:2]
            kept = [(doc, score) for doc, score in zip(ids, scorer.scores(ids, weights))
                    if doc not in deleted and (runs is None or doc in runs)]
            count += len(kept)
            scores.update((doc, score) for doc, score in kept if doc not in known)
        else:
            count += block[_COUNT]
            bounded.append((scorer.bound(block[_MAX_WEIGHT], block[_MIN_LENGTH]), block))
    bounded.sort(key=lambda item: -item[0])
    # The best limit scores so far, kept apart: a document is in one block only, so the best of
    # these and a new block's are the best of all (no pass over every score after each block).
    best = heapq.nlargest(limit, scores.values())
    for bound, block in bounded:
        # A block's weights are stored as 32-bit floats: allow a rounding above its header's.
        if len(best) >= limit and bound * (1 + 1e-6) < best[-1]:
            break
        ids, weights = blocks.postings(block)[:2]
        block_scores = scorer.scores(ids, weights)
        if known:
            kept = [(doc, score) for doc, score in zip(ids, block_scores) if doc not in known]
            ids, block_scores = [doc for doc, _ in kept], [score for _, score in kept]
        scores.update(zip(ids, block_scores))
        best = heapq.nlargest(limit, chain(best, block_scores))
    return best_of(scores, limit), count


#: An Or of words whose lists in a segment hold this many postings or more is scored with numpy
#: (:func:`_top_of_words`): importing it is paid where a search takes long anyway; once numpy is
#: loaded (a process that searches on), from LOADED_ARRAY_MIN_POSTINGS on, where it is faster
#: than a dictionary.
ARRAY_MIN_POSTINGS = 20_000
LOADED_ARRAY_MIN_POSTINGS = 5_000


def _top_of_words(words: Sequence[_Word], segment: _Segment, limit: int, every: bool = False,
                  excluded: AbstractSet[int] = frozenset(),
                  constant: float = 0.0) -> tuple[list[tuple[int, float]], int]:
    """The ``limit`` best documents of one segment for an Or of words with long lists (with
    ``every``, an And: the documents that hold every word, less ``excluded``, each score plus
    ``constant``), and how many match.

    Counting the matches exactly reads every posting of every word anyway, so long lists are
    decoded whole into numpy arrays and scored in one step, the scores summed in an array indexed
    by document number: the same operations per posting, in the same order, as the dictionaries of
    :meth:`_Any.add_scores` and :meth:`_All.add_scores`, which take shorter lists
    (:data:`ARRAY_MIN_POSTINGS`). A ``--match any`` question on a large index is a dozen words,
    exact forms and compound parts, and hundreds of thousands of postings: a dictionary update per
    posting (with MaxScore pruning, as in Lucene) took twice as long.
    """
    import numpy as np  # here only: importing it is paid by long lists only

    reader = segment.reader
    size = reader.doc_count_all()
    scores = np.zeros(size)
    held = np.zeros(size, dtype=np.int32)  # how many of the words each document holds
    live = _live_documents(reader)
    for word in words:
        ids, weights, *_values = _word_arrays(reader, word.fieldname, word.text, live)
        scores[ids] += segment.term(word.fieldname, word.text, word.boost).array_scores(ids, weights)
        held[ids] += 1
    matched = held == len(words) if every else held > 0
    if excluded:
        matched[np.fromiter(excluded, dtype=np.int64, count=len(excluded))] = False
    docs = np.flatnonzero(matched)
    return _best_of_arrays(docs, scores[docs] + constant if constant else scores[docs], limit), len(docs)


def _scores_among_array(reader, fieldname: str, text: str, scorer: TermScorer,
                        ascending: Sequence[int]) -> dict[int, float]:
    """The scores of the documents of ``ascending`` (live ones, in ascending order) that hold the
    word, its list read whole with numpy."""
    import numpy as np

    ids, weights, *_values = _word_arrays(reader, fieldname, text, None)  # the deleted are not asked for
    wanted = np.asarray(ascending, dtype=np.int64)
    at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    held = ids[at] == wanted
    docs = wanted[held]
    return dict(zip(docs.tolist(), scorer.array_scores(docs, weights[at[held]]).tolist()))


def _best_of_arrays(docs: "np.ndarray", found: "np.ndarray", limit: int) -> list[tuple[int, float]]:
    """:func:`best_of` of documents and their scores as numpy arrays."""
    import numpy as np

    if len(docs) > limit:
        # The limit-th best score; ties with it are all kept, for best_of to order.
        threshold = np.partition(found, len(docs) - limit)[len(docs) - limit]
        docs, found = docs[found >= threshold], found[found >= threshold]
    return best_of(dict(zip(docs.tolist(), found.tolist())), limit)


def _long_lists(reader, terms: Sequence[tuple[str, str]]) -> bool:
    """Whether the terms' posting lists in this segment are long enough to be read whole with
    numpy (:data:`ARRAY_MIN_POSTINGS`)."""
    return _long_enough(sum(reader.doc_frequency(fieldname, text) for fieldname, text in terms))


def _long_enough(postings: int) -> bool:
    """Whether this many postings are read whole with numpy (:func:`_long_lists`)."""
    return postings >= (LOADED_ARRAY_MIN_POSTINGS if "numpy" in sys.modules else ARRAY_MIN_POSTINGS)


#: What a posting block costs read with a whole list by numpy, against one decoded alone.
WHOLE_LIST_BLOCK_COST = 0.5


def _whole_lists_pay(postings: Sequence[int]) -> bool:
    """Whether an And of words with ``postings`` in a segment (rarest first) costs less read whole
    by numpy, once it is loaded, than a block at a time: its rarest word's blocks, and each other
    word's blocks that hold one of its documents (as many as its documents, at most all). Each
    block read alone is decoded and its postings scored in Python; read whole, at
    :data:`WHOLE_LIST_BLOCK_COST` of that."""
    if "numpy" not in sys.modules or sum(postings) < LOADED_ARRAY_MIN_POSTINGS:
        return False
    blocks = [-(-count // _BLOCK_POSTINGS) for count in postings]
    one_at_a_time = blocks[0] + sum(min(count, postings[0]) for count in blocks[1:])
    return WHOLE_LIST_BLOCK_COST * sum(blocks) < one_at_a_time


def _live_documents(reader):
    """A numpy mask of the segment's documents that are not deleted; None if none is."""
    import numpy as np

    deleted = deleted_documents(reader)
    if not deleted:
        return None
    live = np.ones(reader.doc_count_all(), dtype=bool)
    live[list(deleted)] = False
    return live


def _word_arrays(reader, fieldname: str, text: str, live, values: bool = False) -> tuple:
    """A term's whole posting list in one segment as numpy arrays (:meth:`_PostingBlocks.arrays`),
    the documents not in ``live`` (a mask, if given) left out: ids, weights, and with ``values``
    the values joined, where each value starts in them, and its length (else None each)."""
    import numpy as np

    ids, weights, joined, lengths = _PostingBlocks.read(reader, fieldname, text).arrays(values)
    starts = None if lengths is None else np.cumsum(lengths) - lengths
    if live is not None:
        kept = live[ids]
        ids, weights = ids[kept], weights[kept]
        if lengths is not None:
            starts, lengths = starts[kept], lengths[kept]
    return ids, weights, joined, starts, lengths


# --- phrases ---------------------------------------------------------------------------------------

def _phrase_postings(phrase, reader, within: set[int] | None = None) -> tuple[set[int], dict[str, dict[int, float]]]:
    """Documents with Whoosh's phrase (of ``within``, if given): the words in order, each at most
    ``slop`` positions after the one before (``slop=1``: adjacent); and each word's weights, read
    once for matching and scoring. Words are read rarest first, each only where the ones before
    occur; two adjacent words with long lists are read whole (:func:`_adjacent_words`)."""
    fieldname = phrase.fieldname
    words = phrase.words
    weights_of: dict[str, dict[int, float]] = {}
    if not words or any((fieldname, word) not in reader for word in words):
        return set(), weights_of
    field_format = reader.schema[fieldname].format
    # GapPositions writes a word that occurs once, before position 128, as that position, one byte
    # (most postings of news and law paragraphs): no decoding for those.
    one_byte_is_position = isinstance(field_format, GapPositions)
    if within is None and _adjacent_whole(phrase, reader):
        docs, weights = _adjacent_words(fieldname, words, reader)
        listed = docs.tolist()
        return set(listed), {word: dict(zip(listed, word_weights.tolist()))
                             for word, word_weights in zip(words, weights)}
    values_of: dict[str, dict[int, bytes]] = {}
    common = within
    for word in sorted(set(words), key=lambda word: reader.doc_frequency(fieldname, word)):
        weights: dict[int, float] = {}
        values: dict[int, bytes] = {}
        # Whole blocks: a test per posting costs more than the documents it would leave out.
        for ids, block_weights, block_values in _posting_blocks(reader, fieldname, word, values=True, within=common,
                                                                whole_blocks=True):
            weights.update(zip(ids, block_weights))
            values.update(zip(ids, block_values))
        weights_of[word], values_of[word] = weights, values
        common = set(weights) if common is None else common.intersection(weights)
        if not common:
            return common, weights_of
    decode = field_format.decode_positions
    slop = phrase.slop
    matched = set()
    if one_byte_is_position and len(words) == 2 and slop == 1:
        # Two adjacent words, most phrases: one check per document without a list.
        first, second = values_of[words[0]], values_of[words[1]]
        return {doc for doc in common if _directly_after(first[doc], second[doc], decode)}, weights_of
    in_phrase = [values_of[word] for word in words]
    for doc in common:
        encoded = [values[doc] for values in in_phrase]
        if one_byte_is_position and all(len(value) == 1 for value in encoded):
            # _in_order on one position each.
            if all(0 < following[0] - before[0] <= slop for before, following in zip(encoded, encoded[1:])):
                matched.add(doc)
        elif _in_order(slop, [decode(value) for value in encoded]):
            matched.add(doc)
    return matched, weights_of


_NEXT_PLACE = (1).__add__


def _directly_after(before: bytes, following: bytes, decode) -> bool:
    """Whether the word of ``following`` (its encoded positions) stands right after the word of
    ``before`` somewhere; a value of one byte is the position itself (:class:`GapPositions`).

    >>> decode = GapPositions.decode_positions
    >>> _directly_after(b"\\x03", b"\\x04", decode), _directly_after(b"\\x03\\x05", b"\\x09", decode)
    (True, True)
    """
    if len(before) == 1 == len(following):
        return following[0] - before[0] == 1
    return not set(map(_NEXT_PLACE, decode(before))).isdisjoint(decode(following))


def _adjacent_whole(phrase, reader) -> bool:
    """Whether a phrase is two different adjacent words to be read whole (:func:`_adjacent_words`):
    positions written by GapPositions, and the rarer word's list long (the frequent word's blocks
    would nearly all hold some of its documents)."""
    fieldname, words = phrase.fieldname, phrase.words
    if not (isinstance(reader.schema[fieldname].format, GapPositions) and len(words) == 2 and words[0] != words[1]
            and phrase.slop == 1):
        return False
    return _long_lists(reader, [(fieldname, min(words, key=lambda word: reader.doc_frequency(fieldname, word)))])


def _adjacent_words(fieldname: str, words: Sequence[str], reader) -> tuple["np.ndarray", list["np.ndarray"]]:
    """:func:`_phrase_postings` for two different adjacent words, both lists read whole with
    numpy: the documents with both, and of those the ones where the second follows the first
    (ascending, a numpy array), with each word's weights in them (numpy arrays, in ``words``' order).
    Where each stands once before position 128 (one byte of positions, the position itself) all
    are compared in one step; the others' positions are decoded all at once and compared so."""
    import numpy as np

    live = _live_documents(reader)
    (first_ids, first_weights, first_values, first_starts, first_lengths), \
        (second_ids, second_weights, second_values, second_starts, second_lengths) = (
            _word_arrays(reader, fieldname, word, live, values=True) for word in words)
    common, in_first, in_second = np.intersect1d(first_ids, second_ids, assume_unique=True, return_indices=True)
    first_starts, first_lengths = first_starts[in_first], first_lengths[in_first]
    second_starts, second_lengths = second_starts[in_second], second_lengths[in_second]
    single = (first_lengths == 1) & (second_lengths == 1)
    matched = single.copy()
    first_places = np.frombuffer(first_values, dtype=np.uint8)[first_starts[single]].astype(np.int64)
    matched[single] = np.frombuffer(second_values, dtype=np.uint8)[second_starts[single]] - first_places == 1
    others = np.flatnonzero(~single)
    if len(others):
        # The others' positions of both words decoded at once (GapPositions), each with its
        # paragraph: where a place of the second word is one after a place of the first in the
        # same paragraph (compared as paragraph and place in one number).
        first_owners, first_positions = decode_gaps_arrays(first_values, first_starts[others], first_lengths[others])
        second_owners, second_positions = decode_gaps_arrays(second_values, second_starts[others],
                                                             second_lengths[others])
        # Each (paragraph, place) is there once: assume_unique spares numpy's unique(), which
        # hashes (numpy 2) and took as long as the rest; a paragraph set twice is set all the same.
        following = np.isin((second_owners << 32) + second_positions, (first_owners << 32) + first_positions + 1,
                            assume_unique=True)
        matched[others[second_owners[following]]] = True
    return common[matched], [first_weights[in_first][matched], second_weights[in_second][matched]]


def _in_order(slop: int, positions: list[list[int]]) -> bool:
    """Whether one position of each word follows the previous word's (or, from the second word
    on, the span's end) by 1 to ``slop`` places, as Whoosh's ``SpanNear2(ordered=True, mindist=1)``.

    >>> _in_order(1, [[3, 9], [4]]), _in_order(1, [[3], [5]]), _in_order(2, [[3], [5]])
    (True, False, True)
    """
    ends = set(positions[0])
    for following in positions[1:]:
        ends = {position for position in following for end in ends if end < position <= end + slop}
        if not ends:
            return False
    return True


# --- reading Whoosh 2.7.4's segments (the version is pinned) ---------------------------------------

def _term_docs(reader, fieldname: str, text: str, within: set[int] | None = None) -> set[int]:
    """Segment-local numbers of the live documents that hold the term (of ``within``, if given:
    posting blocks without any of those are skipped undecoded)."""
    ids: set[int] = set()
    if (fieldname, text) in reader:
        for block_ids, _weights, _values in _posting_blocks(reader, fieldname, text, weights=False, within=within):
            ids.update(block_ids)
    return ids


def _posting_blocks(reader, fieldname: str, text, weights: bool = True, values: bool = False,
                    within: set[int] | None = None,
                    whole_blocks: bool = False) -> Iterator[tuple[list[int], Sequence[float], Sequence[bytes]]]:
    """A term's postings in one segment, a block (up to 128 documents) at a time: ids, weights
    and values (the encoded positions), deleted documents left out; only documents of ``within``
    if given, and blocks without any of them are skipped undecoded. ``whole_blocks``: the blocks
    that hold some of ``within`` are given whole (for a caller that intersects anyway)."""
    deleted = deleted_documents(reader)
    blocks = _PostingBlocks.read(reader, fieldname, text)
    if blocks.whole is not None and within is not None and not values and not isinstance(within, _Runs):
        yield _postings_among(blocks.whole, within, deleted)
        return
    headers = blocks.headers
    runs = within if isinstance(within, _Runs) else None
    # An update deletes the old paragraphs of the changed articles: a few runs of document numbers,
    # so most blocks hold none of them and need no test per posting.
    deleted_ids = sorted(deleted)
    for number in range(len(headers)) if within is None else _blocks_holding(blocks, within):
        block = headers[number]
        previous_max, block_max = headers[number - 1][_LAST_ID] if number else -1, block[_LAST_ID]
        ids, block_weights, block_values = blocks.postings(block)
        if not weights:
            block_weights = ()
        if not values:
            block_values = ()
        gone = deleted if _any_between(deleted_ids, previous_max, block_max) else ()
        kept_only = None if whole_blocks or (runs is not None and runs.covers(previous_max + 1, block_max)) \
            else within
        if (gone or kept_only is not None) and not (weights or values):
            # Ids only: set operations instead of a test per posting.
            kept = set(ids) if kept_only is None else kept_only.intersection(ids)
            ids = sorted(kept.difference(gone))
        elif gone or kept_only is not None:
            keep = [doc not in gone and (kept_only is None or doc in kept_only) for doc in ids]
            if not all(keep):
                ids = list(compress(ids, keep))
                block_weights = list(compress(block_weights, keep))
                block_values = list(compress(block_values, keep))
        yield ids, block_weights, block_values


def _postings_among(whole: tuple, docs: set[int], deleted: AbstractSet[int]) -> tuple[list[int], list[float], tuple]:
    """The postings of ``docs`` (less ``deleted``) in a list read whole (:attr:`_PostingBlocks.whole`),
    as one block in document order: looked up, not decoded again."""
    import numpy as np  # loaded: the list was read whole with it

    ids, weights = whole[0], whole[1]
    wanted = np.fromiter(docs.ascending if isinstance(docs, _AscendingDocs) else sorted(docs), dtype=np.int64,
                         count=len(docs))
    at = np.minimum(np.searchsorted(ids, wanted), max(len(ids) - 1, 0))
    held = ids[at] == wanted if len(ids) else np.zeros(len(wanted), dtype=bool)
    found, found_weights = wanted[held].tolist(), weights[at[held]].tolist()
    if deleted:
        kept = [doc not in deleted for doc in found]
        found, found_weights = list(compress(found, kept)), list(compress(found_weights, kept))
    return found, found_weights, ()


def _blocks_holding(blocks: "_PostingBlocks", docs: set[int]) -> list[int]:
    """The numbers, ascending, of the posting blocks that would hold ``docs`` (each block holds the
    documents after the previous block's last, up to its own last): a few documents are looked up
    among thousands of blocks, not every block's header tested."""
    lasts = blocks.lasts()
    if isinstance(docs, _Runs):
        return docs.blocks_holding(lasts)
    if len(docs) < len(lasts):
        found = {bisect_left(lasts, doc) for doc in docs}
        found.discard(len(lasts))  # after the last block
        return sorted(found)
    wanted = docs.ascending if isinstance(docs, _AscendingDocs) else sorted(docs)
    return [number for number, last in enumerate(lasts)
            if _any_between(wanted, lasts[number - 1] if number else -1, last)]


class _AscendingDocs(frozenset):
    """Documents that every word of a query is read among (a date range's, for each of a
    pattern's thousands of words) with their ascending order, made once: it finds the posting
    blocks of a word that hold some of them."""

    __slots__ = ("ascending",)

    @classmethod
    def of(cls, ascending: list[int]) -> "_AscendingDocs":
        """The documents of ``ascending``, a list in ascending order."""
        docs = cls(ascending)
        docs.ascending = ascending
        return docs


class _Runs(AbstractSet[int]):
    """Documents as runs of consecutive numbers: a date range's. An archive is indexed file by
    file in the order of its paths, so a year of one kept in folders by date is a few runs of
    hundreds of thousands of paragraphs each, which a search reads among without making a set of
    them; a posting block inside one run is taken whole (:meth:`covers`), without a test per
    posting.

    >>> runs = _Runs([2, 10], [5, 12]); sorted(runs), 4 in runs, 5 in runs, runs.covers(10, 11)
    ([2, 3, 4, 10, 11], True, False, True)
    """

    __slots__ = ("starts", "ends", "_count")

    def __init__(self, starts: Sequence[int], ends: Sequence[int]) -> None:
        # Run i: starts[i] up to ends[i], not included; ascending, apart.
        self.starts, self.ends = list(starts), list(ends)
        self._count = sum(end - start for start, end in zip(self.starts, self.ends))

    def __contains__(self, doc: object) -> bool:
        at = bisect_right(self.starts, doc) - 1
        return at >= 0 and doc < self.ends[at]

    def __iter__(self) -> Iterator[int]:
        for start, end in zip(self.starts, self.ends):
            yield from range(start, end)

    def __len__(self) -> int:
        return self._count

    @classmethod
    def _from_iterable(cls, docs: Iterable[int]) -> set[int]:
        return set(docs)  # what the set operations (&, -) give: a plain set

    def intersection(self, docs: Iterable[int]) -> set[int]:
        return {doc for doc in docs if doc in self}

    def covers(self, first: int, last: int) -> bool:
        """Whether every document from ``first`` to ``last`` is in one run."""
        at = bisect_right(self.starts, first) - 1
        return at >= 0 and last < self.ends[at]

    def blocks_holding(self, lasts: Sequence[int]) -> list[int]:
        """The numbers of the posting blocks (by each one's last document, ascending) that would
        hold some of these documents."""
        numbers: list[int] = []
        for start, end in zip(self.starts, self.ends):
            first = bisect_left(lasts, start, lo=numbers[-1] + 1 if numbers else 0)
            last = min(bisect_left(lasts, end - 1), len(lasts) - 1)
            numbers.extend(range(first, last + 1))
        return numbers


def _any_between(sorted_ids: Sequence[int], after: int, last: int) -> bool:
    """Whether any of ``sorted_ids`` is in the block after document ``after``, up to ``last``: a
    posting block holds the documents after the previous block's last, up to its own last.

    >>> _any_between([3, 9], 3, 8), _any_between([3, 9], 3, 9)
    (False, True)
    """
    first = bisect_right(sorted_ids, after)
    return first < len(sorted_ids) and sorted_ids[first] <= last


# A block header (indexer.engine.postingblocks.PostingList): its first fields.
_COUNT, _LAST_ID, _MAX_WEIGHT, _MIN_LENGTH = range(4)


class _SharedBlocks:
    """The posting lists read during one search (:func:`shared_posting_blocks`), by segment
    reader and term, and how many more decoded blocks may be kept."""

    __slots__ = ("lists", "blocks_left")

    def __init__(self) -> None:
        self.lists: dict[tuple, _PostingBlocks] = {}
        # Decoded blocks a search keeps (a bound on its memory): a question decodes far fewer;
        # a pattern of thousands of words may decode more, which are decoded again if read again.
        self.blocks_left = 4_000


_SHARED_BLOCKS: ContextVar[_SharedBlocks | None] = ContextVar("fundstelle_shared_posting_blocks", default=None)


@contextmanager
def shared_posting_blocks() -> Iterator[None]:
    """Within the block, each term's posting list is read from a segment once, and each of its
    blocks decoded once (up to a budget): a search ranks, ranks again in context and highlights
    with the same words (a frequent word's headers alone are a few hundred pickles). Nothing
    outlives the block: the next search reads afresh."""
    token = _SHARED_BLOCKS.set(_SharedBlocks())
    try:
        yield
    finally:
        _SHARED_BLOCKS.reset(token)


class _PostingBlocks(PostingList):
    """A term's posting list in one segment (:class:`~indexer.engine.postingblocks.PostingList`),
    read once and its blocks decoded once within :func:`shared_posting_blocks`."""

    __slots__ = ("_decoded", "_lasts", "shared", "whole")

    def __init__(self, data: bytes, headers: list[tuple], inlined: tuple | None = None, name: str = "?") -> None:
        super().__init__(data, headers, inlined, name)
        self._decoded: dict[int, tuple] = {}  # by data start, inside shared_posting_blocks
        self._lasts: list[int] | None = None
        self.shared: _SharedBlocks | None = None  # the search's, inside shared_posting_blocks
        #: The whole list's ids and weights as numpy arrays, once read so inside
        #: shared_posting_blocks (a question's words, read whole to rank it, are asked again of
        #: its hits' neighbours and copies).
        self.whole: tuple | None = None

    def arrays(self, values: bool = False) -> tuple:
        """:meth:`PostingList.arrays`, ids and weights kept for the search."""
        if values or self.shared is None:
            return super().arrays(values)
        if self.whole is None:
            self.whole = super().arrays()
        return self.whole

    def lasts(self) -> list[int]:
        """Each block's last document id, ascending (made once)."""
        if self._lasts is None:
            self._lasts = [header[_LAST_ID] for header in self.headers]
        return self._lasts

    @classmethod
    def read(cls, reader, fieldname: str, text) -> "_PostingBlocks":
        """The blocks of a term the segment has (the same object again inside
        :func:`shared_posting_blocks`)."""
        shared = _SHARED_BLOCKS.get()
        if shared is None:
            return cls.from_reader(reader, fieldname, text)
        key = (id(reader), fieldname, text.decode("utf-8") if isinstance(text, bytes) else text)
        blocks = shared.lists.get(key)
        if blocks is None:
            blocks = shared.lists[key] = cls.from_reader(reader, fieldname, text)
            blocks.shared = shared
        return blocks

    def postings(self, header: tuple) -> tuple[list[int], Sequence[float], Sequence[bytes]]:
        """The ids, weights and values of the block of ``header`` (kept within a search, up to a budget)."""
        start = header[4]
        if start in self._decoded:
            return self._decoded[start]
        decoded = self.decode(header)
        if self.inlined is None and self.shared is not None and self.shared.blocks_left > 0:
            self.shared.blocks_left -= 1
            self._decoded[start] = decoded
        return decoded
