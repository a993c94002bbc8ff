"""A Whoosh column whose values are compressed together, a block of paragraphs at a time.

Whoosh stores a document's stored fields on their own, each record zlib-compressed alone. A
paragraph's record is a few hundred bytes, and a third of it (path, title, date) repeats in every
paragraph of its article; alone, zlib finds little to take out. :class:`BlockCompressedColumn`
compresses the values of consecutive documents together (about :data:`BLOCK_SIZE` bytes before
compression): repeated article fields cost next to nothing and German text shrinks to about a
third. Reading one value decompresses its block (tens of microseconds); the reader keeps the
last blocks it read, so the hits of one article and a merge's walk in document order decompress
each block once.

It is a Whoosh ``Column`` like its own: Whoosh pickles it into the schema (keep this module and
class name), writes one per segment while indexing, and copies values with a merge. Layout of a
column: the compressed blocks, then a directory of every block's first document and end offset,
then the directory's length (8 bytes). A block holds its documents' numbers, the end of each
value, then the values.
"""
from __future__ import annotations

import struct
import zlib
from bisect import bisect_right
from collections import OrderedDict
from itertools import accumulate

from whoosh.columns import Column, ColumnReader, ColumnWriter

from .damage import decoding, file_name

__all__ = ["BLOCK_SIZE", "BlockCompressedColumn"]

#: Bytes of values compressed together: zlib's window; larger blocks compress little better and
#: take longer to decompress for one hit (docs/performance.md).
BLOCK_SIZE = 32 * 1024
#: zlib's level: its default; 9 saves little more.
LEVEL = 6
#: Decompressed blocks a reader keeps.
CACHED_BLOCKS = 8

_LENGTH = struct.Struct("<Q")


class BlockCompressedColumn(Column):
    """Variable-length bytes per document (``b""`` where a document has none), compressed in
    blocks of consecutive documents."""

    reversible = False
    _default = b""

    def __init__(self, blocksize: int = BLOCK_SIZE, level: int = LEVEL) -> None:
        self._blocksize = blocksize
        self._level = level

    def writer(self, dbfile) -> "BlockWriter":
        return BlockWriter(dbfile, self._blocksize, self._level)

    def reader(self, dbfile, basepos: int, length: int, doccount: int) -> "BlockReader":
        return BlockReader(dbfile, basepos, length, doccount)


class BlockWriter(ColumnWriter):
    """Collects values until a block is full, then writes it compressed."""

    def __init__(self, dbfile, blocksize: int, level: int) -> None:
        super().__init__(dbfile)
        self._blocksize = blocksize
        self._level = level
        self._docnums: list[int] = []
        self._values: list[bytes] = []
        self._size = 0
        self._firsts: list[int] = []  # first document of each block written
        self._ends: list[int] = []  # where each block ends, from the column's start

    def add(self, docnum: int, value: bytes) -> None:
        self._docnums.append(docnum)
        self._values.append(value)
        self._size += len(value)
        if self._size >= self._blocksize:
            self._write_block()

    def _write_block(self) -> None:
        count = len(self._docnums)
        ends = accumulate(map(len, self._values))
        raw = struct.pack(f"<I{count}I{count}I", count, *self._docnums, *ends) + b"".join(self._values)
        block = zlib.compress(raw, self._level)
        self._dbfile.write(block)
        self._firsts.append(self._docnums[0])
        self._ends.append((self._ends[-1] if self._ends else 0) + len(block))
        self._docnums, self._values, self._size = [], [], 0

    def finish(self, doccount: int) -> None:
        if self._docnums:
            self._write_block()
        count = len(self._firsts)
        directory = struct.pack(f"<I{count}I{count}Q", count, *self._firsts, *self._ends)
        self._dbfile.write(directory)
        self._dbfile.write(_LENGTH.pack(len(directory)))


class BlockReader(ColumnReader):
    """Reads values by document number; the directory is read on the first lookup."""

    def __init__(self, dbfile, basepos: int, length: int, doccount: int) -> None:
        super().__init__(dbfile, basepos, length, doccount)
        self._firsts: list[int] | None = None
        self._ends: list[int] = []
        self._cache: OrderedDict[int, tuple[list[int], list[int], bytes]] = OrderedDict()

    def _read_directory(self) -> list[int]:
        if self._length < _LENGTH.size:  # a column with no values at all
            self._firsts = []
            return self._firsts
        end = self._basepos + self._length - _LENGTH.size
        with decoding(file_name(self._dbfile), "the directory of a column"):
            (size,) = _LENGTH.unpack(self._dbfile.get(end, _LENGTH.size))
            directory = self._dbfile.get(end - size, size)
            (count,) = struct.unpack_from("<I", directory)
            firsts = list(struct.unpack_from(f"<{count}I", directory, 4))
            self._ends = list(struct.unpack_from(f"<{count}Q", directory, 4 + 4 * count))
        self._firsts = firsts
        return self._firsts

    def _block(self, number: int) -> tuple[list[int], list[int], bytes]:
        block = self._cache.get(number)
        if block is not None:
            self._cache.move_to_end(number)
            return block
        start = self._ends[number - 1] if number else 0
        with decoding(file_name(self._dbfile), f"block {number + 1} of a column"):
            raw = zlib.decompress(self._dbfile.get(self._basepos + start, self._ends[number] - start))
            (count,) = struct.unpack_from("<I", raw)
            numbers = struct.unpack_from(f"<{2 * count}I", raw, 4)
        block = (list(numbers[:count]), [0, *numbers[count:]], raw[4 + 8 * count:])
        self._cache[number] = block
        if len(self._cache) > CACHED_BLOCKS:
            self._cache.popitem(last=False)
        return block

    def __getitem__(self, docnum: int) -> bytes:
        firsts = self._firsts if self._firsts is not None else self._read_directory()
        number = bisect_right(firsts, docnum) - 1
        if number < 0:
            return b""
        docnums, offsets, data = self._block(number)
        index = bisect_right(docnums, docnum) - 1
        if docnums[index] != docnum:
            return b""
        return data[offsets[index]:offsets[index + 1]]
