"""Near copies: paragraphs that are one text with small edits, found by their word pairs.

A paragraph's *shingles* are the hashes of its neighbouring word pairs, read as copies keep
them (:func:`indexer.german.copies.copy_words`). Two paragraphs are copies when the shorter's
shingles are nearly all in the longer (:data:`MIN_CONTAINMENT`: a word changed loses two
pairs, a sentence added at the end adds some) and neither is much longer
(:data:`MIN_SIZE_RATIO`: a paragraph quoted in a longer text is no copy of it).

To find a paragraph's copies without comparing it with every other, each paragraph keeps its
:data:`KEYS` smallest shingles (a bottom-k MinHash sketch), each cut to a 16-bit key, in a
column of the index: copies share the smallest pairs of their common text, so they share keys.
A search compares a hit with the matching paragraphs that share two of its keys (copies of a
hit match the query too), then by their shingles. Most paragraphs sharing two keys are no copies
(they share a common phrase), and reading a paragraph's text to make its shingles is the cost of
a search that collapses: beside its keys each paragraph keeps a :func:`pair_bitmap` (how many
shingles it has, and which of 256 bins they fall in), from which :func:`may_be_copies` rules out
most of those without the text, never a copy. Keys and bitmaps are computed from the text
alone, so an index's groups follow its articles through updates, removals and rebuilds without
being stored.

>>> original = "Berlin (dpa) - Die Bundesregierung plant bis 2030 Ausgaben von 1,5 Mrd. Euro für Brücken."
>>> copy = "Die Bundesregierung plant bis 2030 Ausgaben von 1,5 Milliarden Euro für neue Brücken."
>>> are_copies(shingles(original), shingles(copy))
True
>>> are_copies(shingles(original), shingles("Die Bundesregierung plant 2030 keine neuen Ausgaben."))
False
"""
from __future__ import annotations

import heapq
import struct
import zlib
from typing import AbstractSet, Sequence

from .german.copies import copy_words

__all__ = ["BITMAP_BYTES", "COMMON_KEY_MIN", "COMMON_KEY_TIMES", "KEYS", "KEY_BYTES", "MIN_CONTAINMENT",
           "MIN_SIZE_RATIO", "are_copies", "copy_keys", "may_be_copies", "pack_keys", "pair_bitmap", "shingles"]

#: Keys a paragraph keeps: enough that copies share two even when their edits change some of
#: the smallest pairs (measured in docs/duplicates.md).
KEYS = 8
#: A paragraph's keys packed: 16 bits each, 0 where it has fewer (a key is never 0).
KEY_BYTES = 2 * KEYS
#: The share of the shorter paragraph's word pairs the longer must hold: a word changed in a
#: sentence of ten loses two of its nine pairs.
MIN_CONTAINMENT = 0.6
#: The shorter paragraph's word pairs at least this share of the longer's: a sentence of three
#: added or dropped, not a paragraph quoted in a long text.
MIN_SIZE_RATIO = 1 / 3
#: A key that more paragraphs have than this many times what chance gives a 16-bit key (or than
#: :data:`COMMON_KEY_MIN`) is a common word pair's (``tritt kraft``: boilerplate) and makes no two
#: paragraphs copies: a search finds copies by the keys their own text makes distinctive
#: (measured in docs/duplicates.md).
COMMON_KEY_TIMES = 16
COMMON_KEY_MIN = 64
#: Bins of a paragraph's :func:`pair_bitmap`: 32 bytes a paragraph, which rule out nearly every
#: candidate of a search that is no copy without its text (fewer bins fewer: docs/duplicates.md).
BITMAP_BINS = 256
#: A :func:`pair_bitmap`: the number of shingles (2 bytes), then one bit a bin.
BITMAP_BYTES = 2 + BITMAP_BINS // 8
_UNCOUNTED = 0xFFFF  # more shingles than 2 bytes count: such a paragraph is never ruled out

_MASK_64 = (1 << 64) - 1
_MULTIPLIER = 0x9E3779B97F4A7C15  # odd, bits well mixed (the golden ratio's): pairs spread


def shingles(text: str) -> frozenset[int]:
    """The hashes of ``text``'s neighbouring word pairs as copies keep them (its one word alone
    if it has one; none if none): 64 bits each."""
    # Stable across processes and machines (Python's hash() is salted): a checksum a word, each
    # pair's two combined (the first's multiplied, so that a pair and its reverse differ).
    hashes = [zlib.crc32(word.encode("utf-8")) for word in copy_words(text)]
    if len(hashes) < 2:
        return frozenset(hashes)
    return frozenset((first * _MULTIPLIER + second) & _MASK_64 for first, second in zip(hashes, hashes[1:]))


def copy_keys(pairs: AbstractSet[int]) -> tuple[int, ...]:
    """The 16-bit keys of the :data:`KEYS` smallest of a paragraph's shingles, distinct, sorted.

    >>> copy_keys(shingles("Die Bundesregierung plant neue Brücken."))
    (15201, 33778, 41181)
    """
    # The low 16 bits (0 taken as 1): which pairs are smallest is decided by the high ones.
    return tuple(sorted({value & 0xFFFF or 1 for value in heapq.nsmallest(KEYS, pairs)}))


def pack_keys(keys: Sequence[int]) -> bytes:
    """``keys`` as a column value of :data:`KEY_BYTES` bytes (big-endian, 0 after the last).

    >>> pack_keys((15201, 33778)).hex()
    '3b6183f2000000000000000000000000'
    """
    return struct.pack(f">{KEYS}H", *keys, *[0] * (KEYS - len(keys)))


def pair_bitmap(pairs: AbstractSet[int]) -> bytes:
    """How many of a paragraph's :func:`shingles` there are and which of :data:`BITMAP_BINS` bins
    (their low bits) they fall in, as :data:`BITMAP_BYTES` bytes for :func:`may_be_copies`.

    >>> bitmap = pair_bitmap(shingles("Die Bundesregierung plant neue Brücken."))
    >>> len(bitmap), int.from_bytes(bitmap[:2], "big"), int.from_bytes(bitmap[2:], "big").bit_count()
    (34, 3, 3)
    """
    bins = 0
    for pair in pairs:
        bins |= 1 << (pair % BITMAP_BINS)
    return min(len(pairs), _UNCOUNTED).to_bytes(2, "big") + bins.to_bytes(BITMAP_BINS // 8, "big")


def may_be_copies(first: bytes, second: bytes) -> bool:
    """False where two paragraphs, by their :func:`pair_bitmap`, cannot be copies
    (:func:`are_copies` of their shingles would be false); True where they may be.

    The pairs the two have in common fall in bins set in both bitmaps. Of a paragraph's pairs, at
    most one a bin plus those that share a bin with another of its own (its pairs less its set
    bins) can fall in those bins: so the shorter one's pairs common to both are at most the bins
    set in both plus that surplus, of either paragraph.
    """
    first_count, second_count = int.from_bytes(first[:2], "big"), int.from_bytes(second[:2], "big")
    if _UNCOUNTED in (first_count, second_count):
        return True
    needed = _pairs_needed(first_count, second_count)
    if needed is None:
        return False
    first_bins, second_bins = int.from_bytes(first[2:], "big"), int.from_bytes(second[2:], "big")
    both = (first_bins & second_bins).bit_count()
    common_at_most = both + min(first_count - first_bins.bit_count(), second_count - second_bins.bit_count())
    return common_at_most >= needed


def are_copies(first: AbstractSet[int], second: AbstractSet[int]) -> bool:
    """Whether two paragraphs, by their :func:`shingles`, are one text with small edits."""
    needed = _pairs_needed(len(first), len(second))
    return needed is not None and len(first & second) >= needed


def _pairs_needed(first: int, second: int) -> float | None:
    """How many shingles two paragraphs of ``first`` and ``second`` shingles must share to be
    copies (:data:`MIN_CONTAINMENT` of the shorter's); None where their sizes alone rule it out
    (:data:`MIN_SIZE_RATIO`). The rule of :func:`are_copies`, and of :func:`may_be_copies` on a bound."""
    shorter, longer = sorted((first, second))
    if not shorter or shorter < MIN_SIZE_RATIO * longer:
        return None
    return MIN_CONTAINMENT * shorter
