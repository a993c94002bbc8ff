"""Whoosh's posting blocks written smaller: protocol 3, packed postings, short lists inlined.

Whoosh 2.7.4 pickles each block of a posting list (up to 128 document ids, their weights, and
each posting's positions as a ``bytes`` value) with protocol 2, then zlib-compresses it. Three
changes, each read back by Whoosh's own code (it reads a block with a plain ``pickle.loads``):

- Protocol 3. Protocol 2 predates the bytes type: Python 3 writes every bytes value as a call to
  ``_codecs.encode(text, "latin1")``, a dozen bytes and a function call per posting.
- Packed postings (:func:`dumps_postings`): a block's id gaps as one array of the narrowest
  integers that hold them, its weights (halves: compound parts weigh 0.5) as another, its values
  joined, rebuilt by
  :func:`unpack_postings` when the block is loaded, with the values split only when first read
  (:class:`PackedValues`: ranking reads none). The pickle names that function (~40 bytes), so
  only lists of :data:`PACK_MIN_POSTINGS` or more are packed.
- Inlining. A block costs some 60 bytes besides its postings (length, a pickled header, zlib's
  frame), and most words occur in a handful of paragraphs. Whoosh can keep a short posting list
  in the term dictionary instead, but 2.7.4 calls ``set_inline`` on its term info, which has only
  ``set_inlined``: with any ``inlinelimit`` above 1 a writer fails; Fundstelle's codec calls
  the right one.

What each change saves: docs/performance.md ("Measurements behind the code").

Fundstelle's codec (:mod:`indexer.engine.codec`) writes blocks with :func:`dumps_postings` and inlines
short lists; :class:`PostingList` reads a term's list back in one piece for ranking on the
postings. An index needs :func:`unpack_postings` to be read, by the name :data:`PICKLED_NAME`
(listed in :data:`indexer.engine.safepickle.ALLOWED_NAMES`).
"""
from __future__ import annotations

import io
import pickle
import struct
import sys
import zlib
from array import array
from collections.abc import Sequence
from itertools import accumulate
from operator import itemgetter
from typing import Any, Iterator, NamedTuple

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.util.numeric import length_to_byte

from .damage import decoding
from .readers import postings_bytes
from .safepickle import IndexUnpickler, safe_loads

__all__ = ["INLINE_LIMIT", "PACK_MIN_POSTINGS", "PICKLED_NAME", "PackedValues", "PostingList", "blocks_arrays",
           "dumps_postings", "pack_ints",
           "unpack_ints", "unpack_postings", "values_joined"]

#: Whoosh inlines a posting list shorter than this into the term dictionary.
INLINE_LIMIT = 5

#: Posting lists (blocks) this long or longer are packed: below it, the name of
#: :func:`unpack_postings` in the pickle costs more than packing saves.
PACK_MIN_POSTINGS = 16

_BIG_ENDIAN = sys.byteorder == "big"
_HALF = 0.5  # weights are packed as whole halves
_TWO = 2.0
_HALVES = tuple(half * _HALF for half in range(256))


def pack_ints(numbers: Sequence[int]) -> bytes:
    """Non-negative integers as one array of the narrowest of 1, 2, 4 or 8 bytes (little-endian),
    after its type code: read back by :func:`unpack_ints` in one C call.

    >>> pack_ints([3, 200]), list(unpack_ints(pack_ints([3, 70000])))
    (b'B\\x03\\xc8', [3, 70000])
    """
    top = max(numbers, default=0)
    code = "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I" if top < 1 << 32 else "Q"
    packed = array(code, numbers)
    if _BIG_ENDIAN:
        packed.byteswap()
    return code.encode("ascii") + packed.tobytes()


def unpack_ints(packed: bytes) -> array:
    """The integers :func:`pack_ints` packed."""
    numbers = array(chr(packed[0]))
    numbers.frombytes(memoryview(packed)[1:])
    if _BIG_ENDIAN:
        numbers.byteswap()
    return numbers


class PackedValues(Sequence):
    """A block's posting values, split from their joined bytes only when one is first read:
    ranking reads ids and weights only."""

    __slots__ = ("_joined", "_lengths", "_values")

    def __init__(self, joined: bytes, lengths: bytes) -> None:
        self._joined = joined
        self._lengths = lengths  # b"": every value is one byte
        self._values: tuple[bytes, ...] | None = None

    def _split(self) -> tuple[bytes, ...]:
        if self._values is None:
            joined = self._joined
            if self._lengths:
                ends = list(accumulate(unpack_ints(self._lengths)))
                self._values = tuple(joined[start:end] for start, end in zip([0, *ends], ends))
            else:
                self._values = tuple(joined[i:i + 1] for i in range(len(joined)))
        return self._values

    def __getitem__(self, index):
        return self._split()[index]

    def __len__(self) -> int:
        return len(self._split())

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._split())


def unpack_postings(first_id: int, ids: bytes, weights: Any, values: Any, lengths: bytes) -> tuple:
    """Whoosh's posting tuple ``(ids, weights, values)`` from what :func:`dumps_postings` packed."""
    if isinstance(weights, bytes):
        halves = unpack_ints(weights)
        if halves.typecode == "B" and len(halves) > 1:
            weights = itemgetter(*halves)(_HALVES)  # one C call: 3× faster than a map
        else:
            weights = tuple(map(_HALF.__mul__, halves))
    if isinstance(values, bytes):
        values = PackedValues(values, lengths)
    return (first_id, *unpack_ints(ids)), weights, values


#: The name a packed block's pickle calls :func:`unpack_postings` by: every packed block carries
#: it, so it is short, and it stays the same wherever the function lives (``indexer`` exports it).
PICKLED_NAME = ("indexer", "unpack_postings")
unpack_postings.__module__ = PICKLED_NAME[0]


def blocks_arrays(data: bytes, counts: Sequence[int], values: bool = False) -> tuple[list[int], Any, Any,
                                                                                   bytes | None, Any]:
    """Consecutive posting blocks as numpy arrays, for reading a whole list at once: from their
    pickles (uncompressed, one after another in ``data``) and their postings (``counts``), each
    block's first document id, the id gaps after the first of every block (joined), the weights
    (float64), and with ``values`` the values joined and each value's length (else None, None:
    scoring reads none). Packed parts of one integer width are read in one C call for all blocks,
    not one a block (a frequent word's list is thousands of blocks).

    >>> block = ((5, 2, 1) + (1,) * 17, (1.5,) * 20, (b"\\x03",) * 19 + (b"\\x81\\x01",))  # as Whoosh writes it
    >>> short = ((40, 3), (1.0, 2.0), (b"\\x01", b"\\x02"))  # too short to pack: as it is
    >>> firsts, gaps, weights, joined, lengths = blocks_arrays(dumps_postings(block) + dumps_postings(short),
    ...                                                        [20, 2], values=True)
    >>> firsts, gaps[:3].tolist(), gaps[-2:].tolist(), weights[-3:].tolist(), joined[-4:], lengths[-3:].tolist()
    ([5, 40], [2, 1, 1], [1, 3], [1.5, 1.0, 2.0], b'\\x81\\x01\\x01\\x02', [2, 1, 1])
    """
    import numpy as np  # here only: a search that reads no whole list does not load numpy

    unpickler = _ArrayUnpickler(io.BytesIO(data))  # one for all: a block each
    firsts: list[int] = []
    # Per block, packed bytes (pack_ints) or a numpy array; a length may also be a number (that
    # many values of one byte each).
    gaps: list[Any] = []
    weights: list[Any] = []
    joined: list[bytes] = []
    lengths: list[Any] = []
    for count in counts:
        loaded = unpickler.load()
        if type(loaded) is _PackedParts:
            first_id, block_gaps, block_weights, block_values, block_lengths = loaded
        else:  # a short block, as Whoosh wrote it: the first id, then gaps
            ids, block_weights, block_values = loaded
            first_id, block_gaps, block_lengths = ids[0], np.array(ids[1:], dtype=np.int64), b""
        firsts.append(first_id)
        gaps.append(block_gaps)
        weights.append(block_weights if type(block_weights) is bytes else _weight_array(block_weights, count))
        if values:
            if type(block_values) is not bytes or not block_values:  # Whoosh's tuple of values, or none
                block_values, block_lengths = values_joined(block_values, count)
            joined.append(block_values)
            # Packed lengths b"": every value one byte long.
            lengths.append(count if type(block_lengths) is bytes and not block_lengths else block_lengths)
    gap_array, weight_array = _joined_arrays(gaps), _joined_arrays(weights, _HALF)
    if not values:
        return firsts, gap_array, weight_array, None, None
    return firsts, gap_array, weight_array, b"".join(joined), _joined_arrays(lengths)


def _weight_array(weights: Any, count: int) -> Any:
    """Whoosh's weights of a block as a numpy array: None or one float for all (all 1.0, or all
    equal), else one a posting."""
    import numpy as np

    if weights is None or type(weights) is float:
        return np.full(count, weights or 1.0)
    return np.array(weights, dtype=np.float64)


def _joined_arrays(parts: Sequence[Any], scale: float | None = None) -> Any:
    """Blocks' parts as one numpy array (int64; float64 with ``scale``, which multiplies the packed
    ones): each part :func:`pack_ints` bytes, a numpy array, or a count of ones. Consecutive
    packed parts of one type code are joined and read in one step."""
    import numpy as np

    arrays = []
    run: list[memoryview] = []
    run_code = None
    for part in [*parts, None]:  # None: the end, which ends the last run
        if type(part) is bytes and part[0] == run_code:
            run.append(memoryview(part)[1:])
            continue
        if run:
            packed = np.frombuffer(b"".join(run), _NUMPY_INTS[run_code])
            arrays.append(packed.astype(np.int64) if scale is None else packed * scale)
        run, run_code = [], None
        if type(part) is bytes:
            run, run_code = [memoryview(part)[1:]], part[0]
        elif type(part) is int:
            arrays.append(np.ones(part, dtype=np.int64))
        elif part is not None:
            arrays.append(part)
    if not arrays:
        return np.zeros(0, dtype=np.int64 if scale is None else np.float64)
    return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)


def values_joined(values: Sequence[bytes] | None, count: int) -> tuple[bytes, Any]:
    """Whoosh's values of ``count`` postings as one byte string and each value's length (numpy);
    a field without positions has none: ``b""`` and lengths 0.

    >>> joined, lengths = values_joined((b"\\x03", b"\\x81\\x01"), 2)
    >>> joined, lengths.tolist(), values_joined(None, 2)[1].tolist()
    (b'\\x03\\x81\\x01', [1, 2], [0, 0])
    """
    import numpy as np

    if not values:
        return b"", np.zeros(count, dtype=np.int64)
    return b"".join(values), np.array(list(map(len, values)), dtype=np.int64)


# numpy's little-endian type for each of :func:`pack_ints`' type codes (as a byte).
_NUMPY_INTS = {ord("B"): "<u1", ord("H"): "<u2", ord("I"): "<u4", ord("Q"): "<u8"}


class _PackedParts(NamedTuple):
    """What :func:`unpack_postings` is given, left packed (for :func:`block_arrays`)."""

    first_id: int
    gaps: bytes
    weights: Any
    values: bytes
    lengths: bytes


class _ArrayUnpickler(IndexUnpickler):
    """Loads a posting block with :class:`_PackedParts` in place of :func:`unpack_postings`
    (and nothing an index may not hold)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == PICKLED_NAME:
            return _PackedParts
        return super().find_class(module, name)


class _Packed:
    """Pickles as a call of :func:`unpack_postings` with a posting tuple's packed parts. The
    first id is apart: in a block it is a document number, the others are gaps, mostly small."""

    def __init__(self, ids: tuple[int, ...], weights: Any, values: Any) -> None:
        packed_weights = weights
        if type(weights) is tuple and weights and min(weights) >= 0:
            # Whole halves (written for every block of a build: map and all run in C).
            doubled = list(map(_TWO.__mul__, weights))
            if all(map(float.is_integer, doubled)):
                packed_weights = pack_ints(list(map(int, doubled)))
        packed_values, lengths = values, b""
        if type(values) is tuple and values:
            packed_values = b"".join(values)
            value_lengths = list(map(len, values))
            if value_lengths.count(1) != len(values):
                lengths = pack_ints(value_lengths)
        self.args = (ids[0], pack_ints(ids[1:]), packed_weights, packed_values, lengths)

    def __reduce__(self):
        return unpack_postings, self.args


def _is_postings(obj: Any) -> bool:
    """A posting tuple worth packing (:data:`PACK_MIN_POSTINGS`)."""
    return (type(obj) is tuple and len(obj) == 3 and type(obj[0]) is tuple and len(obj[0]) >= PACK_MIN_POSTINGS
            and set(map(type, obj[0])) == {int} and min(obj[0]) >= 0
            and (obj[2] is None or type(obj[2]) is tuple))


def dumps_postings(obj: Any, protocol: int | None = None) -> bytes:
    """A posting block's pickle: protocol 3 whatever protocol is asked for, and a posting tuple
    ``(ids, weights, values)`` of :data:`PACK_MIN_POSTINGS` or more packed.

    >>> block = (tuple(range(40)), None, (b"\\x03",) * 40)
    >>> len(dumps_postings(block)) < len(pickle.dumps(block, 3)) and pickle.loads(dumps_postings(block))[0] == block[0]
    True
    >>> pickle.loads(dumps_postings((1, 2.0, b"\\x01"), 2))
    (1, 2.0, b'\\x01')
    """
    if _is_postings(obj):
        return pickle.dumps(_Packed(*obj), 3)
    return pickle.dumps(obj, 3)


# A block's length before it: negative for the last block of a list.
_BLOCK_LENGTH = struct.Struct("!i")


class PostingList:
    """A term's posting list in one segment, read from the postings file in one piece instead of
    through Whoosh's matcher (a file seek, reads and a pickled header per block: half of decoding
    a frequent word's list). Whoosh 2.7.4's layout (``W3PostingsWriter._write_block``), after a
    4-byte magic number: per block a signed 4-byte length (negative for the last block), a pickled
    header ``(postings, last id, largest weight, compression, shortest and longest length byte)``
    and the pickled, possibly zlib-compressed ``(id gaps, weights, values)``. A short list kept in
    the term dictionary (``inlined``) is one block."""

    __slots__ = ("data", "headers", "inlined", "name")

    def __init__(self, data: bytes, headers: list[tuple], inlined: tuple | None = None, name: str = "?") -> None:
        self.data = data
        # Per block: (postings, last id, largest weight, shortest length byte, data start, data
        # end, compression).
        self.headers = headers
        self.inlined = inlined
        self.name = name  # the postings file's, for messages

    @classmethod
    def from_reader(cls, reader, fieldname: str, text) -> "PostingList":
        """The posting list of ``fieldname:text`` in a segment reader that has the term."""
        info = reader.term_info(fieldname, text)
        if info.is_inlined():
            ids, weights, values = info.inlined_postings()
            header = (len(ids), ids[-1], max(weights), length_to_byte(info.min_length()), 0, 0, 0)
            return cls(b"", [header], (list(ids), weights, values))
        offset, length = info.extent()
        if isinstance(length, tuple):  # Whoosh 2.7.4 reads it back with struct's unpack: a 1-tuple
            length = length[0]
        data, name = postings_bytes(reader, offset, length)
        stream = io.BytesIO(data)
        unpickler = IndexUnpickler(stream)  # one for the list: a block header each
        headers = []
        position = len(WHOOSH3_HEADER_MAGIC)
        with decoding(name, "the block headers of a posting list"):
            while True:
                block_length, = _BLOCK_LENGTH.unpack_from(data, position)
                stream.seek(position + _BLOCK_LENGTH.size)
                count, last_id, max_weight, compression, min_length, _max_length = unpickler.load()
                end = position + _BLOCK_LENGTH.size + abs(block_length)
                headers.append((count, last_id, max_weight, min_length, stream.tell(), end, compression))
                if block_length < 0:
                    return cls(data, headers, name=name)
                position = end

    def arrays(self, values: bool = False) -> tuple:
        """The whole list as numpy arrays, deleted documents included: document ids (int64),
        weights (float64), and with ``values`` the values (encoded positions) joined with each
        one's length (else None, None)."""
        import numpy as np  # here only: a search that reads no whole list does not load numpy

        if self.inlined is not None:
            ids, weights, inlined_values = self.inlined
            ids, weights = np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
            if not values:
                return ids, weights, None, None
            return ids, weights, *values_joined(inlined_values, len(ids))
        headers = self.headers
        data = self.data
        counts = np.array([header[0] for header in headers])
        with decoding(self.name, "a posting block"):
            bodies = b"".join([zlib.decompress(data[start:end]) if compression else data[start:end]
                               for _count, _last, _weight, _length, start, end, compression in headers])
            firsts, gaps, weights, joined, lengths = blocks_arrays(bodies, counts.tolist(), values)
            if len(gaps) != counts.sum() - len(counts) or len(weights) != counts.sum():
                raise ValueError("the blocks hold other numbers of postings than their headers say")
        # The ids: gaps across blocks too (each block's first id less the previous block's last),
        # each block's in front of its other gaps; one sum gives every id.
        lasts = [0] + [header[1] for header in headers[:-1]]
        ids = np.cumsum(np.insert(gaps, np.cumsum(counts - 1) - (counts - 1), np.subtract(firsts, lasts)))
        return ids, weights, joined, lengths

    def decode(self, header: tuple) -> tuple[list[int], Sequence[float], Sequence[bytes]]:
        """The ids, weights and values of the block of ``header``."""
        if self.inlined is not None:
            return self.inlined
        _count, _last, _weight, _length, start, end, compression = header
        body = self.data[start:end]
        with decoding(self.name, "a posting block"):
            block_ids, block_weights, block_values = safe_loads(zlib.decompress(body) if compression else body)
        ids = list(accumulate(block_ids))  # Whoosh writes the first id, then the gaps
        if block_weights is None or isinstance(block_weights, float):  # all 1.0, or all equal
            block_weights = (block_weights or 1.0,) * len(ids)
        return ids, block_weights, block_values
