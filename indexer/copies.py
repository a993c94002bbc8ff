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
from typing import TYPE_CHECKING, AbstractSet, Callable, Sequence

from .german.copies import copy_words

if TYPE_CHECKING:
    import numpy as np

__all__ = ["BITMAP_BYTES", "COMMON_KEY_MIN", "COMMON_KEY_TIMES", "KEYS", "KEY_BYTES", "MIN_CONTAINMENT",
           "MIN_SIZE_RATIO", "are_copies", "copy_keys", "may_be_copies", "may_be_copies_among",
           "may_be_copies_of", "pack_keys", "pair_bitmap", "shingles"]

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

_BITS_SET = bytes(bin(byte).count("1") for byte in range(256))  # a byte's set bits, for numpy
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
    return may_be_copies_of(first)(second)


def may_be_copies_of(first: bytes) -> Callable[[bytes], bool]:
    """:func:`may_be_copies` of ``first`` and another bitmap, as a test of the other alone:
    ``first`` is read once for the hundreds of candidates a search compares with one hit."""
    first_count, first_bins = int.from_bytes(first[:2], "big"), int.from_bytes(first[2:], "big")
    first_set = first_bins.bit_count()

    def may_be_copy(second: bytes) -> bool:
        second_bins = int.from_bytes(second[2:], "big")
        return bool(_may_be_copies(first_count, first_set, int.from_bytes(second[:2], "big"),
                                   second_bins.bit_count(), (first_bins & second_bins).bit_count()))

    return may_be_copy


def may_be_copies_among(first: bytes, others: "np.ndarray") -> "np.ndarray":
    """:func:`may_be_copies` of ``first`` and each row of ``others`` (a numpy array of
    :func:`pair_bitmap` bytes, one row a paragraph) at once, as a numpy array of booleans: for the
    thousands of candidates of a boilerplate hit."""
    import numpy as np

    others = np.asarray(others, dtype=np.uint8)
    counts = others[:, 0].astype(np.int64) << 8 | others[:, 1]
    bins = others[:, 2:]
    first_bins = np.frombuffer(first, dtype=np.uint8)[2:]
    bits_set = np.frombuffer(_BITS_SET, dtype=np.uint8)
    return _may_be_copies(int.from_bytes(first[:2], "big"), int(bits_set[first_bins].sum()), counts,
                          bits_set[bins].sum(axis=1, dtype=np.int64),
                          bits_set[bins & first_bins].sum(axis=1, dtype=np.int64))


def are_copies(first: AbstractSet[int], second: AbstractSet[int]) -> bool:
    """Whether two paragraphs, by their :func:`shingles`, are one text with small edits."""
    return bool(_copies_by_counts(len(first), len(second), len(first & second)))


# The copy rule is written once, in arithmetic that holds for numbers and, element by element,
# for numpy arrays of them (| and & for or and and; no min, no if).

def _smaller(first, second):
    return (first + second - abs(first - second)) // 2


def _copies_by_counts(first, second, common):
    """Whether paragraphs of ``first`` and ``second`` shingles sharing ``common`` of them are copies:
    the shorter's at least :data:`MIN_SIZE_RATIO` of the longer's, :data:`MIN_CONTAINMENT` of
    them in the longer. The rule of :func:`are_copies`, and of :func:`may_be_copies` on a bound."""
    shorter = _smaller(first, second)
    longer = first + second - shorter
    return (shorter > 0) & (shorter >= MIN_SIZE_RATIO * longer) & (common >= MIN_CONTAINMENT * shorter)


def _may_be_copies(first_count, first_set, second_count, second_set, both_set):
    """:func:`may_be_copies` on the counts of two bitmaps: each one's shingles and set bins, and
    the bins set in both. A paragraph with more shingles than its bitmap counts is never ruled out."""
    common_at_most = both_set + _smaller(first_count - first_set, second_count - second_set)
    return (first_count == _UNCOUNTED) | (second_count == _UNCOUNTED) \
        | _copies_by_counts(first_count, second_count, common_at_most)
