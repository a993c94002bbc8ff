"""Agency copies collapsed: a hit's near copies in other articles (:mod:`indexer.copies`) are shown
with it, once, at the best-ranked of them.

A hit's copies are looked for among the query's matching paragraphs (a copy of a matching
paragraph matches too): those that share two of its copy keys (one, if it has one) are
compared with it by their word pairs; the copies of its copies belong to its group too. Copies
in the hit's own article are not collapsed: a repeated paragraph there is the article's own.
"""
from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from indexer.copies import KEYS, are_copies, shingles

__all__ = ["Collapsed", "CopyFinder"]

# Up to this many matches, their keys are looked up in a dict; beyond, numpy compares them all at
# once, which is quicker there even counting its import (66 ms).
_NUMPY_FROM = 5_000


@dataclass(frozen=True)
class Collapsed:
    """A hit to show (``docnum``, its ``score``) and its copies' document numbers, in document order."""

    docnum: int
    score: float | None
    copies: tuple[int, ...]


class CopyFinder:
    """Finds the copies of hits among a query's ``matches`` (document numbers in order) by the
    index's copy ``keys`` (:data:`~indexer.copies.KEYS` 16-bit keys a document, one after
    another, 0 for none) and each document's record (``record_of``: its ``path`` and ``text``),
    each read once. ``every_match`` says that the copies of (nearly) every match will be asked
    for: their keys are then looked up in a dict."""

    def __init__(self, matches: Sequence[int], keys: array, record_of: Callable[[int], dict],
                 every_match: bool = False) -> None:
        self._matches = matches
        self._every_match = every_match
        self._keys = keys
        #: A document's record, read once (its path and text are compared, a citation made of it).
        self.record = lru_cache(maxsize=None)(record_of)
        self._shingles = lru_cache(maxsize=None)(lambda docnum: shingles(self.record(docnum)["text"]))
        self._by_key: dict[int, list[int]] | None = None
        self._rows = None
        self._direct = lru_cache(maxsize=None)(self.copies_of)

    def _keys_of(self, docnum: int) -> set[int]:
        return set(self._keys[KEYS * docnum:KEYS * docnum + KEYS]) - {0}

    def _sharing(self, own: set[int], needed: int) -> Iterable[int]:
        """The matches that share at least ``needed`` of the keys ``own``."""
        if self._every_match or len(self._matches) < _NUMPY_FROM:
            if self._by_key is None:
                self._by_key = {}
                for docnum in self._matches:
                    for key in self._keys_of(docnum):
                        self._by_key.setdefault(key, []).append(docnum)
            counts = Counter(docnum for key in own for docnum in self._by_key.get(key, ()))
            return sorted(docnum for docnum, count in counts.items() if count >= needed)
        import numpy

        if self._rows is None:
            matches = numpy.asarray(self._matches)
            self._rows = matches, numpy.frombuffer(self._keys, dtype=numpy.uint16).reshape(-1, KEYS)[matches]
        matches, rows = self._rows
        return matches[numpy.isin(rows, list(own)).sum(axis=1) >= needed].tolist()

    def copies_of(self, docnum: int) -> tuple[int, ...]:
        """The matching paragraphs of other articles that are copies of paragraph ``docnum``."""
        own = self._keys_of(docnum)
        if not own:
            return ()
        path = self.record(docnum)["path"]
        first = self._shingles(docnum)
        return tuple(other for other in self._sharing(own, min(2, len(own)))
                     if other != docnum and self.record(other)["path"] != path
                     and are_copies(first, self._shingles(other)))

    def group_of(self, docnum: int) -> tuple[int, ...]:
        """The matching paragraphs of other articles that are copies of ``docnum``, or copies of
        those (two copies that each edited the original otherwise are one text too), in document
        order."""
        path = self.record(docnum)["path"]
        group, waiting = {docnum}, [docnum]
        while waiting:
            for other in self._direct(waiting.pop()):
                if other not in group:
                    group.add(other)
                    waiting.append(other)
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
            copies = self.group_of(docnum)
            hidden.update(copies)
            shown.append(Collapsed(docnum, score, copies))
        return shown
