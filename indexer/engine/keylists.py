"""A Whoosh column of a few 16-bit keys a document that also lists each key's documents.

A paragraph's near-copy keys (:mod:`indexer.copies`) are read two ways: a hit's own keys, and
the paragraphs that share a key with it; bytes written after the keys (the paragraph's pair
bitmap) are read back with them. :class:`KeyListColumn` stores both in one column of the
segment, written when the segment is (while indexing, and again by a merge, which Whoosh
writes as a new segment): the keys by document, then each key's documents. A search reads the
lists of a hit's keys, a few hundred documents each, instead of every document's keys. It is a
Whoosh ``Column`` like its own: Whoosh pickles it into the schema (keep this module and class
name).
"""
from __future__ import annotations

import mmap
import struct
import sys
from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING, Iterable

from whoosh.columns import Column, ColumnReader, ColumnWriter

from .damage import decoding, file_name

if TYPE_CHECKING:
    import numpy as np

__all__ = ["KeyListColumn", "UINT32", "little_endian"]

_COUNTS = struct.Struct("<II")
#: The array typecode of 4-byte unsigned numbers (C's unsigned int, on some platforms its long).
UINT32 = next(code for code in "IL" if array(code).itemsize == 4)


class KeyListColumn(Column):
    """A value of ``width`` bytes a document, read by document as a ``FixedBytesColumn`` would
    be: first ``keys`` 16-bit keys (big-endian, 0 after its last), then ``width - 2 × keys`` bytes
    carried along; and each key's documents listed after the values: the documents that share a
    key with one are found without reading every document's keys (a search looks for a hit's
    near copies so, :mod:`queries.collapsing`).

    Layout: every document's value; the keys that occur (uint16), where each one's documents end
    (uint32, counted in documents), the documents key by key, ascending (uint32); the two counts
    (uint32). All little-endian after the documents' values. Pickled by its key count and width.

    >>> import pickle; pickle.loads(pickle.dumps(KeyListColumn(8, 50))).width
    50
    """

    reversible = False

    def __init__(self, keys: int, width: int | None = None) -> None:
        self._keys = keys
        self.width = 2 * keys if width is None else width
        if self.width < 2 * keys:
            raise ValueError(f"{keys} keys take {2 * keys} bytes, more than a value of {self.width}")
        self._default = bytes(self.width)

    def __reduce__(self) -> tuple:
        return KeyListColumn, (self._keys, self.width)

    def writer(self, dbfile) -> "KeyListWriter":
        return KeyListWriter(dbfile, self._keys, self.width)

    def reader(self, dbfile, basepos: int, length: int, doccount: int) -> "KeyListReader":
        return KeyListReader(dbfile, basepos, length, doccount, self._keys, self.width)


class KeyListWriter(ColumnWriter):
    """Collects the segment's values; lists each key's documents once all are known."""

    def __init__(self, dbfile, keys: int, width: int) -> None:
        super().__init__(dbfile)
        self._keys, self._width = keys, width
        self._values = bytearray()

    def add(self, docnum: int, value: bytes) -> None:
        start = docnum * self._width
        if len(self._values) < start:  # documents before it without a value have no keys
            self._values.extend(bytes(start - len(self._values)))
        self._values += value

    def finish(self, doccount: int) -> None:
        import numpy as np

        self._values.extend(bytes(doccount * self._width - len(self._values)))
        rows = np.frombuffer(self._values, dtype=np.uint8).reshape(doccount, self._width)
        keys = np.ascontiguousarray(rows[:, :2 * self._keys]).view(">u2").ravel().astype(np.uint16)
        # A stable sort: each key's documents stay in document order (radix sort for 16 bits).
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        first = int(np.searchsorted(ordered, 1))  # key 0 is no key
        present, counts = np.unique(ordered[first:], return_counts=True)
        documents = (order[first:] // self._keys).astype("<u4")
        self._dbfile.write(bytes(self._values))
        self._dbfile.write(present.astype("<u2").tobytes())
        self._dbfile.write(np.cumsum(counts, dtype=np.uint64).astype("<u4").tobytes())
        self._dbfile.write(documents.tobytes())
        self._dbfile.write(_COUNTS.pack(len(present), len(documents)))


class KeyListReader(ColumnReader):
    """A document's value (``column[docnum]``: its keys, then what is carried with them), a key's
    documents (:meth:`documents_with`) and their number (:meth:`count_with`)."""

    def __init__(self, dbfile, basepos: int, length: int, doccount: int, keys: int, width: int) -> None:
        super().__init__(dbfile, basepos, length, doccount)
        self._width = width
        with decoding(file_name(dbfile), "the near-copy key lists"):
            self._present_count, listed = _COUNTS.unpack(dbfile.get(basepos + length - _COUNTS.size, _COUNTS.size))
            if length != doccount * width + 6 * self._present_count + 4 * listed + _COUNTS.size:
                raise ValueError("the column's parts do not add up to its length")
        self._present_at = basepos + doccount * self._width
        self._documents_at = self._present_at + 6 * self._present_count
        self._lists = None  # the keys that occur and where their documents end, read on first use
        self._buffer = None  # the file's bytes, memory-mapped on first use (_bytes)
        self._map = None  # the column's bytes as a numpy array, on first use (_mapped)

    def __getitem__(self, docnum: int) -> bytes:
        # A slice of the mapped file, not a read: a search asks for the values of hundreds of
        # candidates one at a time, and a read is two system calls.
        start = self._basepos + self._width * docnum
        return self._bytes()[start:start + self._width]

    def values_of(self, docnums: "np.ndarray") -> "np.ndarray":
        """The values of documents ``docnums`` (a numpy array of document numbers) as the rows of
        a numpy array of bytes: thousands at once, without a read each."""
        values = self._mapped()[:self._doccount * self._width]
        return values.reshape(self._doccount, self._width)[docnums]

    def documents_with_any(self, keys: Iterable[int]) -> "np.ndarray":
        """The documents that have each of ``keys``, one key's after another's, as a numpy array
        (a document as often as it has of them)."""
        import numpy as np

        documents = self._mapped()[self._documents_at - self._basepos:-_COUNTS.size].view("<u4")
        return np.concatenate([documents[start:end] for start, end in map(self._extent, keys)]
                              or [documents[:0]]).astype(np.int64)

    def _mapped(self) -> "np.ndarray":
        """The column's bytes as a numpy array, memory-mapped on first use (numpy reads many
        values and lists from it without a read each)."""
        if self._map is None:
            import numpy as np

            with decoding(file_name(self._dbfile), "the near-copy key lists"):
                self._map = np.frombuffer(self._bytes(), dtype=np.uint8, count=self._length, offset=self._basepos)
        return self._map

    def _bytes(self) -> "mmap.mmap | bytes":
        """The file's bytes up to the column's end, memory-mapped on first use."""
        if self._buffer is None:
            with decoding(file_name(self._dbfile), "the near-copy key lists"):
                if self._dbfile.is_real:
                    self._buffer = mmap.mmap(self._dbfile.fileno(), 0, access=mmap.ACCESS_READ)
                else:  # a file in memory (Whoosh's RamStorage)
                    self._buffer = self._dbfile.get(0, self._basepos + self._length)
                if len(self._buffer) < self._basepos + self._length:
                    raise ValueError("the file ends before the column does")
        return self._buffer

    def documents_with(self, key: int) -> array:
        """The documents (ascending) that have ``key``."""
        start, end = self._extent(key)
        if start == end:
            return array(UINT32)
        with decoding(file_name(self._dbfile), "the near-copy key lists"):
            return little_endian(UINT32, self._bytes()[self._documents_at + 4 * start:self._documents_at + 4 * end])

    def count_with(self, key: int) -> int:
        """How many documents have ``key`` (their list is not read)."""
        start, end = self._extent(key)
        return end - start

    def _extent(self, key: int) -> tuple[int, int]:
        """Where ``key``'s documents start and end in the lists (counted in documents)."""
        if self._lists is None:
            with decoding(file_name(self._dbfile), "the near-copy key lists"):
                count = self._present_count
                directory = self._dbfile.get(self._present_at, 6 * count)
                self._lists = (little_endian("H", directory[:2 * count]),
                               little_endian(UINT32, directory[2 * count:]))
        # Asked a few hundred times a search: the lists' directory is decoded above, once.
        present, ends = self._lists
        index = bisect_left(present, key)
        if index == len(present) or present[index] != key:
            return 0, 0
        return (ends[index - 1] if index else 0), ends[index]


def little_endian(typecode: str, data: bytes) -> array:
    """Little-endian numbers of the array ``typecode`` as an array: searched and indexed in place
    (a column's directory or key lists), where unpacking them into a list would take
    milliseconds on a large segment."""
    values = array(typecode, data)
    if sys.byteorder == "big":
        values.byteswap()
    return values
