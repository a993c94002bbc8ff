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
from typing import Sequence

from whoosh.formats import Positions

__all__ = ["GapPositions", "decode_gaps", "decode_varints", "encode_gaps", "encode_varints"]


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
