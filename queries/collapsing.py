"""Agency copies collapsed: a hit's near copies in other articles (:mod:`indexer.copies`) are shown
with it, once, at the best-ranked of them.

A hit's copies are the paragraphs that share two of its copy keys (one, if it has one), read
from the lists of its keys (:class:`KeyLists`), that match the query too (a copy of a matching
paragraph matches) and that are copies of it by their word pairs (read from their text where
their pair bitmaps beside the keys do not rule it out); the copies of its copies
belong to its group too, not theirs. A paragraph is shown once: with the best-ranked hit whose
group it is in. Copies in the hit's own article are not collapsed: a repeated paragraph there
is the article's own. A search reads a few lists of a few hundred paragraphs
a hit, however many paragraphs match.
"""
from __future__ import annotations

import struct
import sys
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, AbstractSet, Callable, Iterable, Sequence

from indexer.copies import (
    BITMAP_BYTES,
    COMMON_KEY_MIN,
    COMMON_KEY_TIMES,
    KEY_BYTES,
    KEYS,
    are_copies,
    may_be_copies_among,
    may_be_copies_of,
    shingles,
)

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Collapsed", "CopyFinder", "KeyLists", "SegmentKeys"]

# A hit's listed paragraphs are counted, and its candidates' bitmaps compared, one at a time in
# Python (some 2 µs a listed paragraph, 8 µs a candidate) or all at once by numpy (some 30 µs a
# step, and a few hundred ns each): by numpy from this many where it is loaded already (a search
# of long posting lists loads it), and from _NUMPY_FROM where its import (66 ms) is still to pay.
_NUMPY_LOADED_FROM = 16
_NUMPY_FROM = 20_000
# Candidates compared one at a time before numpy is imported for them (a searcher's, counted over
# its searches): its import costs as much as comparing this many in Python, so a search that
# compares many more (a prefix's boilerplate hits) pays at most twice what numpy from the start
# would have cost, and one that compares few never imports it.
_NUMPY_AFTER_COMPARED = 8_000
_KEYS = struct.Struct(f">{KEYS}H")


def _numpy_pays(items: int) -> bool:
    """Whether numpy takes ``items`` at once (the same answers either way, only sooner)."""
    return items >= _NUMPY_FROM or (items >= _NUMPY_LOADED_FROM and "numpy" in sys.modules)


@dataclass(frozen=True)
class Collapsed:
    """A hit to show (``docnum``, its ``score``) and its copies' document numbers, in document order."""

    docnum: int
    score: float | None
    copies: tuple[int, ...]


@dataclass(frozen=True)
class SegmentKeys:
    """One segment's copy keys: its ``copies`` column reader
    (:class:`~indexer.engine.keylists.KeyListColumn`), its first document number in the index,
    and its deleted documents."""

    column: object
    offset: int
    deleted: frozenset[int]


class KeyLists:
    """The index's copy keys, segment by segment: a paragraph's keys and pair bitmap, and the
    paragraphs that share distinctive keys with given ones."""

    def __init__(self, segments: Sequence[SegmentKeys], paragraphs: int) -> None:
        self._segments = segments
        self._offsets = [segment.offset for segment in segments]
        self._listed: dict[int, int] = {}  # a key's paragraphs in all segments, counted once
        self._compared_one_by_one = 0  # candidates whose bitmaps were compared in Python
        self._live_mask = None  # made on first use (_live)
        # A 16-bit key's paragraphs by chance alone: KEYS of each paragraph's keys in 65,535.
        self._common_from = max(COMMON_KEY_MIN, COMMON_KEY_TIMES * KEYS * paragraphs / 0xFFFF)

    def keys_of(self, docnum: int) -> set[int]:
        return set(_KEYS.unpack_from(self._value(docnum))) - {0}

    def bitmap_of(self, docnum: int) -> bytes:
        """The paragraph's pair bitmap (:func:`indexer.copies.pair_bitmap`)."""
        return self._value(docnum)[KEY_BYTES:]

    def may_be_copies(self, docnum: int, others: Sequence[int]) -> list[int]:
        """Those of ``others`` that paragraph ``docnum`` may be a copy of by their pair bitmaps
        (:func:`~indexer.copies.may_be_copies`), in their order."""
        bitmap = self.bitmap_of(docnum)
        if not _numpy_pays(len(others)) and self._compared_one_by_one < _NUMPY_AFTER_COMPARED:
            self._compared_one_by_one += len(others)
            may_be_copy = may_be_copies_of(bitmap)
            return [other for other in others if may_be_copy(self.bitmap_of(other))]
        import numpy as np

        docs = np.asarray(others, dtype=np.int64)
        segment_of = np.searchsorted(self._offsets, docs, side="right") - 1
        bitmaps = np.zeros((len(docs), BITMAP_BYTES), dtype=np.uint8)  # no keys: never a copy
        for number, segment in enumerate(self._segments):
            local = docs - segment.offset
            here = (segment_of == number) & (local < len(segment.column))
            bitmaps[here] = segment.column.values_of(local[here])[:, KEY_BYTES:]
        return docs[may_be_copies_among(bitmap, bitmaps)].tolist()

    def _value(self, docnum: int) -> bytes:
        at = bisect_right(self._offsets, docnum) - 1
        if at < 0 or docnum - self._offsets[at] >= len(self._segments[at].column):
            return bytes(KEY_BYTES + BITMAP_BYTES)
        segment = self._segments[at]
        return segment.column[docnum - segment.offset]

    def distinctive(self, keys: Iterable[int]) -> frozenset[int]:
        """Those of ``keys`` that not many more paragraphs have than chance gives a key
        (:data:`~indexer.copies.COMMON_KEY_TIMES`)."""
        return frozenset(key for key in keys if self._listed_with(key) <= self._common_from)

    def _listed_with(self, key: int) -> int:
        if key not in self._listed:
            self._listed[key] = sum(segment.column.count_with(key) for segment in self._segments)
        return self._listed[key]

    def sharing(self, keys: Iterable[int], needed: int) -> list[int]:
        """The live paragraphs that have at least ``needed`` of ``keys``, in document order."""
        keys = list(keys)
        if not _numpy_pays(sum(map(self._listed_with, keys))):
            found: list[int] = []
            for segment in self._segments:
                counts = Counter(chain.from_iterable(map(segment.column.documents_with, keys)))
                shared = sorted(doc for doc, count in counts.items() if count >= needed)
                found.extend(doc + segment.offset for doc in shared if doc not in segment.deleted)
            return found
        import numpy as np

        # Every segment's lists at once, as index-wide numbers: a few numpy steps a search's hit,
        # not a few a segment. Each key's list is in document order, so the whole is a run a key
        # and segment: a stable sort (timsort) merges runs, where quicksort sorts from scratch
        # (docs/performance.md).
        docs = np.sort(np.concatenate([segment.column.documents_with_any(keys) + segment.offset
                                       for segment in self._segments]), kind="stable")
        firsts = np.flatnonzero(np.concatenate(([True], docs[1:] != docs[:-1])))
        if needed > 1:
            firsts = firsts[np.diff(np.append(firsts, len(docs))) >= needed]
        docs = docs[firsts]
        live = self._live()
        return (docs if live is None else docs[live[docs]]).tolist()

    def _live(self) -> "np.ndarray | None":
        """A numpy mask of the index's paragraphs by number, False where deleted (made once);
        None where none is."""
        if self._live_mask is None and any(segment.deleted for segment in self._segments):
            import numpy as np

            ends = [segment.offset + len(segment.column) for segment in self._segments]
            self._live_mask = np.ones(max(ends), dtype=bool)
            for segment in self._segments:
                self._live_mask[[doc + segment.offset for doc in segment.deleted]] = False
        return self._live_mask


class CopyFinder:
    """Finds the copies of paragraphs by the index's copy ``keys`` among the paragraphs that
    ``matching`` keeps of those it is given (all, if None), by each document's record
    (``record_of``: its ``path`` and ``text``), each read once."""

    def __init__(self, keys: KeyLists, record_of: Callable[[int], dict],
                 matching: Callable[[Iterable[int]], set[int]] | None = None) -> None:
        self._keys = keys
        self._matching = matching
        self._matches: dict[int, bool] = {}  # whether a paragraph matches, asked once
        #: A document's record, read once (its path and text are compared, a citation made of it).
        self.record = lru_cache(maxsize=None)(record_of)
        self._shingles = lru_cache(maxsize=None)(lambda docnum: shingles(self.record(docnum)["text"]))
        # Copies printed word for word have the same keys: the paragraphs sharing them read once.
        self._sharing = lru_cache(maxsize=None)(lambda own: self._keys.sharing(own, min(2, len(own))))

    def _copies_of(self, docnum: int, known: AbstractSet[int], taken: AbstractSet[int]) -> list[int]:
        """The (matching) paragraphs of other articles, in neither ``known`` nor ``taken``, that are
        copies of paragraph ``docnum``: those sharing two of its keys compared by their word pairs."""
        own = self._keys.distinctive(self._keys.keys_of(docnum))
        if not own:
            return []
        # Most paragraphs sharing two keys share a common phrase, no more: their bitmaps rule them
        # out before anything else is read of them.
        candidates = self._keys.may_be_copies(
            docnum, [other for other in self._sharing(own) if other not in known and other not in taken])
        if self._matching is not None and candidates:
            unknown = [other for other in candidates if other not in self._matches]
            if unknown:
                found = self._matching(unknown)
                self._matches.update((other, other in found) for other in unknown)
            candidates = [other for other in candidates if self._matches[other]]
        if not candidates:
            return []
        path = self.record(docnum)["path"]
        first = self._shingles(docnum)
        return [other for other in candidates
                if self.record(other)["path"] != path and are_copies(first, self._shingles(other))]

    def group_of(self, docnum: int, taken: AbstractSet[int] = frozenset()) -> tuple[int, ...]:
        """The matching paragraphs of other articles that are copies of ``docnum``, or copies of
        those (two copies that each edited the original otherwise are one text through it), in
        document order; none of ``taken`` (the groups of hits shown before).

        Not the copies of those again: a chain of copies of copies links variants of boilerplate
        that have nothing in common at its ends (in the laws, thousands of paragraphs 24 copies
        apart), and each link costs a lookup."""
        # ``taken`` is read, not copied: a search for every hit has thousands of them.
        group = {docnum}
        copies = self._copies_of(docnum, group, taken)
        group.update(copies)
        for copy in copies:
            group.update(self._copies_of(copy, group, taken))
        path = self.record(docnum)["path"]
        return tuple(sorted(other for other in group if self.record(other)["path"] != path))

    def collapse(self, ranked: Sequence[tuple[int, float | None]], limit: int | None) -> list[Collapsed]:
        """``ranked`` (best first) with each hit's group taken out of the ranking and into the
        hit, until ``limit`` hits are shown."""
        shown: list[Collapsed] = []
        hidden: set[int] = set()
        for docnum, score in ranked:
            if limit is not None and len(shown) == limit:
                break
            if docnum in hidden:
                continue
            copies = self.group_of(docnum, hidden)
            hidden.update(copies)
            shown.append(Collapsed(docnum, score, copies))
        return shown
