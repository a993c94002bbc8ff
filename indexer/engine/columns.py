"""A Whoosh column whose values are compressed together, a block of paragraphs at a time.

Whoosh stores a document's stored fields on their own, each record zlib-compressed alone. A
paragraph's record is a few hundred bytes, and a third of it (path, title, date) repeats in every
paragraph of its article; alone, zlib finds little to take out. :class:`BlockCompressedColumn`
compresses the values of consecutive documents together (about :data:`BLOCK_SIZE` bytes before
compression), each block against the column's dictionary (its first :data:`DICTIONARY_SIZE`
bytes of values): repeated article fields cost next to nothing and German text shrinks to about a
third, as in blocks four times the size, while reading one value decompresses a block of a
dozen or two paragraphs. The reader keeps the last blocks it read, so the hits of one article and a
merge's walk in document order decompress each block once.

It is a Whoosh ``Column`` like its own: Whoosh pickles it into the schema (keep this module and
class name), writes one per segment while indexing, and copies values with a merge. Layout of a
column: the compressed blocks, the compressed dictionary, then a directory of every block's
first document and end offset, then the directory's length (8 bytes). A block holds its
documents' numbers, the end of each value, then the values.
"""
from __future__ import annotations

import struct
import zlib
from array import array
from bisect import bisect_right
from collections import OrderedDict
from itertools import accumulate

from whoosh.columns import Column, ColumnReader, ColumnWriter

from .damage import decoding, file_name
from .keylists import UINT32, little_endian

__all__ = ["BLOCK_SIZE", "BlockCompressedColumn", "DICTIONARY_SIZE"]

#: Bytes of values compressed together: a search reads a paragraph's record for each hit and
#: each of a hit's copy candidates, and decompresses its block for it (docs/performance.md).
BLOCK_SIZE = 8 * 1024
#: Bytes of the dictionary each block is compressed against: with a block, zlib's 32 KB window.
DICTIONARY_SIZE = 24 * 1024
#: zlib's level: its default; 9 saves little more.
LEVEL = 6
#: Decompressed blocks a reader keeps.
CACHED_BLOCKS = 16

_LENGTH = struct.Struct("<Q")


class BlockCompressedColumn(Column):
    """Variable-length bytes per document (``b""`` where a document has none), compressed in
    blocks of consecutive documents."""

    reversible = False
    _default = b""

    def __init__(self, blocksize: int = BLOCK_SIZE, level: int = LEVEL,
                 dictionary_size: int = DICTIONARY_SIZE) -> None:
        self._blocksize = blocksize
        self._level = level
        self._dictionary_size = dictionary_size

    def writer(self, dbfile) -> "BlockWriter":
        return BlockWriter(dbfile, self._blocksize, self._level, self._dictionary_size)

    def reader(self, dbfile, basepos: int, length: int, doccount: int) -> "BlockReader":
        return BlockReader(dbfile, basepos, length, doccount)


class BlockWriter(ColumnWriter):
    """Collects values until the dictionary is full, then writes them a block at a time, each
    compressed against it."""

    def __init__(self, dbfile, blocksize: int, level: int, dictionary_size: int) -> None:
        super().__init__(dbfile)
        self._blocksize = blocksize
        self._level = level
        self._dictionary_size = dictionary_size
        self._dictionary: bytes | None = None  # taken from the first values
        self._deflate = None  # a compressor primed with the dictionary, copied for each block
        self._docnums: list[int] = []
        self._values: list[bytes] = []
        self._size = 0
        self._firsts: list[int] = []  # first document of each block written
        self._ends: list[int] = []  # where each block ends, from the column's start

    def add(self, docnum: int, value: bytes) -> None:
        self._docnums.append(docnum)
        self._values.append(value)
        self._size += len(value)
        if self._dictionary is None:
            if self._size >= self._dictionary_size + self._blocksize:
                self._take_dictionary()
                self._write_blocks()
        elif self._size >= self._blocksize:
            self._write_blocks()

    def _take_dictionary(self) -> None:
        self._dictionary = b"".join(self._values)[:self._dictionary_size]
        # Primed once: setting a dictionary hashes it, copying the primed state does not.
        self._deflate = zlib.compressobj(self._level, zdict=self._dictionary) if self._dictionary else None

    def _write_blocks(self, last: bool = False) -> None:
        """The collected values as blocks of at least the block size (with ``last``, the rest too)."""
        start = size = 0
        for end, value in enumerate(self._values, 1):
            size += len(value)
            if size >= self._blocksize or (last and end == len(self._values)):
                self._write_block(self._docnums[start:end], self._values[start:end])
                start, size = end, 0
        del self._docnums[:start], self._values[:start]
        self._size = size

    def _write_block(self, docnums: list[int], values: list[bytes]) -> None:
        count = len(docnums)
        ends = accumulate(map(len, values))
        raw = struct.pack(f"<I{count}I{count}I", count, *docnums, *ends) + b"".join(values)
        if self._deflate is None:
            block = zlib.compress(raw, self._level)
        else:
            deflate = self._deflate.copy()
            block = deflate.compress(raw) + deflate.flush()
        self._dbfile.write(block)
        self._firsts.append(docnums[0])
        self._ends.append((self._ends[-1] if self._ends else 0) + len(block))

    def finish(self, doccount: int) -> None:
        if self._dictionary is None:
            self._take_dictionary()
        if self._values:
            self._write_blocks(last=True)
        if self._dictionary:
            self._dbfile.write(zlib.compress(self._dictionary, self._level))
        count = len(self._firsts)
        directory = struct.pack(f"<I{count}I{count}Q", count, *self._firsts, *self._ends)
        self._dbfile.write(directory)
        self._dbfile.write(_LENGTH.pack(len(directory)))


class BlockReader(ColumnReader):
    """Reads values by document number; the directory and the dictionary are read on the first
    lookup."""

    def __init__(self, dbfile, basepos: int, length: int, doccount: int) -> None:
        super().__init__(dbfile, basepos, length, doccount)
        self._firsts: array | None = None
        self._ends: array = array("Q")
        self._dictionary = b""
        self._cache: OrderedDict[int, tuple[list[int], list[int], bytes]] = OrderedDict()

    def _read_directory(self) -> array:
        if self._length < _LENGTH.size:  # a column with no values at all
            self._firsts = array(UINT32)
            return self._firsts
        end = self._basepos + self._length - _LENGTH.size
        with decoding(file_name(self._dbfile), "the directory of a column"):
            (size,) = _LENGTH.unpack(self._dbfile.get(end, _LENGTH.size))
            directory = self._dbfile.get(end - size, size)
            (count,) = struct.unpack_from("<I", directory)
            firsts = little_endian(UINT32, directory[4:4 + 4 * count])
            self._ends = little_endian("Q", directory[4 + 4 * count:4 + 12 * count])
            if len(firsts) != count or len(self._ends) != count:
                raise ValueError("a directory cut short")
            # The dictionary lies between the last block and the directory.
            blocks_end = self._basepos + (self._ends[-1] if count else 0)
            if blocks_end < end - size:
                self._dictionary = zlib.decompress(self._dbfile.get(blocks_end, end - size - blocks_end))
        self._firsts = firsts
        return self._firsts

    def _block(self, number: int) -> tuple[list[int], list[int], bytes]:
        block = self._cache.get(number)
        if block is not None:
            self._cache.move_to_end(number)
            return block
        start = self._ends[number - 1] if number else 0
        with decoding(file_name(self._dbfile), f"block {number + 1} of a column"):
            inflate = zlib.decompressobj(zdict=self._dictionary) if self._dictionary else zlib.decompressobj()
            raw = inflate.decompress(self._dbfile.get(self._basepos + start, self._ends[number] - start))
            if not inflate.eof:  # zlib.decompress() would say so; a decompressor only stops
                raise ValueError("a block cut short")
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
