"""How a posting's word positions are written: gaps as variable-length bytes instead of a pickle.

Whoosh's ``Positions`` format writes each posting (one word in one paragraph) as a 4-byte count
and a pickled list of the gaps between positions: 9 bytes for a word that occurs once, and a
``pickle.dumps`` per posting at build time, a ``pickle.loads`` per posting to read. News and law
paragraphs are short, so nearly every gap is below 128 and fits one byte. :class:`GapPositions`
writes the gaps as unsigned LEB128 (7 bits a byte, high bit set on every byte but a number's
last, as in Lucene's VInt): one byte for such a word. The count is not stored: it is the number
of bytes without the high bit.

It is a Whoosh ``Format`` like any other: Whoosh pickles it into the index's schema, so this
module and class name must not change, and Whoosh's own matchers read positions through
:meth:`GapPositions.decode_positions`.
"""
from __future__ import annotations

from itertools import accumulate
from typing import TYPE_CHECKING, Sequence

from whoosh.formats import Positions

if TYPE_CHECKING:
    import numpy as np

__all__ = ["GapPositions", "decode_gaps", "decode_gaps_arrays", "decode_varints", "encode_gaps", "encode_varints"]


def encode_varints(numbers: Sequence[int]) -> bytes:
    """Non-negative integers as unsigned LEB128 bytes.

    >>> encode_varints([3, 4, 5]), encode_varints([200])
    (b'\\x03\\x04\\x05', b'\\xc8\\x01')
    """
    if not numbers or max(numbers) < 0x80:  # every number one byte: the common case, all in C
        return bytes(numbers)
    encoded = bytearray()
    for number in numbers:
        while number >= 0x80:
            encoded.append(number & 0x7F | 0x80)
            number >>= 7
        encoded.append(number)
    return bytes(encoded)


def decode_varints(value: bytes) -> Sequence[int]:
    """The integers :func:`encode_varints` wrote.

    >>> list(decode_varints(b'\\x03\\x04\\x05')), decode_varints(b'\\xc8\\x01')
    ([3, 4, 5], [200])
    """
    if not value or max(value) < 0x80:
        return value  # bytes are a sequence of their values
    numbers = []
    number = shift = 0
    for byte in value:
        number |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            numbers.append(number)
            number = shift = 0
    return numbers


def encode_gaps(positions: list[int]) -> bytes:
    """Ascending positions as the LEB128 bytes of their gaps (the first from 0).

    >>> encode_gaps([3, 7, 12]), encode_gaps([200])
    (b'\\x03\\x04\\x05', b'\\xc8\\x01')
    """
    if len(positions) == 1 and positions[0] < 0x80:
        return _ONE_BYTE[positions[0]]  # most postings: a word once, early in its paragraph
    return encode_varints([position - previous for previous, position in zip([0, *positions], positions)])


# One shared object per value: a build holds millions of these postings in memory at once.
_ONE_BYTE = tuple(bytes([byte]) for byte in range(0x80))


def decode_gaps(value: bytes) -> list[int]:
    """The positions :func:`encode_gaps` wrote.

    >>> decode_gaps(b'\\x03\\x04\\x05'), decode_gaps(b'\\xc8\\x01')
    ([3, 7, 12], [200])
    """
    return list(accumulate(decode_varints(value)))


def decode_gaps_arrays(joined: bytes, starts: "np.ndarray", lengths: "np.ndarray") -> tuple["np.ndarray", "np.ndarray"]:
    """:func:`decode_gaps` of many values at once: the values (each at least one byte) standing at
    ``starts`` with ``lengths`` in ``joined`` (numpy arrays), as two arrays, each value's number
    (its index in ``starts``) and each of its positions, value by value.

    >>> import numpy as np
    >>> joined = encode_gaps([3, 7]) + encode_gaps([200, 201]) + encode_gaps([5])
    >>> owners, positions = decode_gaps_arrays(joined, np.array([0, 2, 5]), np.array([2, 3, 1]))
    >>> owners.tolist(), positions.tolist()
    ([0, 0, 1, 1, 2], [3, 7, 200, 201, 5])
    """
    import numpy as np

    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    value_starts = np.cumsum(lengths) - lengths  # where each value starts among the bytes gathered
    owner_of_byte = np.repeat(np.arange(len(starts)), lengths)
    data = np.frombuffer(joined, dtype=np.uint8)[starts[owner_of_byte] + np.arange(total) - value_starts[owner_of_byte]]
    # A number starts at a value's start or after a byte without the high bit; its k-th byte
    # holds bits 7k on.
    number_start = np.zeros(total, dtype=bool)
    number_start[value_starts[lengths > 0]] = True
    number_start[1:] |= data[:-1] < 0x80
    first_bytes = np.flatnonzero(number_start)
    place = np.arange(total) - np.repeat(first_bytes, np.diff(np.append(first_bytes, total)))
    gaps = np.add.reduceat((data & 0x7F).astype(np.int64) << (7 * place), first_bytes)
    owners = owner_of_byte[first_bytes]
    # Positions are the gaps summed from each value's first: the running sum less what came before.
    sums = np.cumsum(gaps)
    value_first = np.flatnonzero(np.diff(owners, prepend=-1))
    before = np.repeat(sums[value_first] - gaps[value_first], np.diff(np.append(value_first, len(gaps))))
    return owners, sums - before


class GapPositions(Positions):
    """Whoosh's ``Positions`` (frequency, weight, positions: phrases and highlights) with each
    posting's positions written by :func:`encode_gaps`. Whoosh's ``word_values`` encodes through
    ``encode``; the codings are plain functions, so a decoder taken from the format
    (``format.decode_positions``) costs no extra call per posting."""

    encode = staticmethod(encode_gaps)
    decode_positions = staticmethod(decode_gaps)

    def decode_frequency(self, valuestring: bytes) -> int:
        # One byte without the high bit ends each gap.
        return sum(byte < 0x80 for byte in valuestring)

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost
