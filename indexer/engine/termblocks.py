"""A segment's term dictionary as sorted, compressed blocks: Whoosh's terms file at a quarter of
its size.

Whoosh 2.7.4 keeps a segment's terms (each field's words, with their statistics and, for short
posting lists, the postings themselves) in an on-disk hash table after D. J. Bernstein's CDB:
beside each key and value it writes their two lengths (8 bytes), two hash slots (24 bytes) and
the key's place in an index of positions (4 bytes), and compresses nothing. Most terms of news
text stand in one paragraph or a few, so those 36 bytes and the uncompressed value are most of
what a term costs; and the writer holds every term's slot in memory until the segment is done.

Here, as Lucene's block tree writes a term dictionary: the terms in key order, :data:`BLOCK_TERMS`
to a block, each key written as the bytes it does not share with the key before (``Bundestag``,
``Bundestags``: 9 bytes shared), each block zlib-compressed (the statistics and inlined postings
of neighbouring terms repeat their patterns); at the end, each block's first key and where it
ends, read once when the segment is opened. A lookup binary-searches the first keys and decodes
one block (:class:`TermTable`); the writer (:class:`TermTableWriter`) holds one block. Keys and
values are Whoosh's (the field's number and the term's bytes; the term info), so Whoosh's terms
reader works on either table. The sizes measured: docs/performance.md.

>>> from whoosh.filedb.filestore import RamStorage
>>> storage = RamStorage()
>>> writer = TermTableWriter(storage.create_file("t.trm"))
>>> for key in (b"Bund", b"Bundestag", b"Bundestags"):
...     writer.add(key, key.upper())
>>> writer.extras["fieldmap"] = {"text": 0}
>>> writer.close()
>>> table = TermTable(storage.open_file("t.trm"), storage.file_length("t.trm"))
>>> table[b"Bundestag"], list(table.keys_from(b"Bundes")), table.extras
(b'BUNDESTAG', [b'Bundestag', b'Bundestags'], {'fieldmap': {'text': 0}})
"""
from __future__ import annotations

import json
import struct
import zlib
from array import array
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Iterator

from ..errors import IndexDamagedError
from .damage import decoding, file_name
from .formats import encode_varints
from .postingblocks import pack_ints, unpack_ints

__all__ = ["BLOCK_TERMS", "TermTable", "TermTableWriter"]

#: Terms a block holds: a lookup decodes up to this many; more compress better (measured in
#: docs/performance.md).
BLOCK_TERMS = 32
_MAGIC = b"FSTERMS2"
# At the end of the file: where the index of blocks starts, how many terms there are, the
# lengths of the index's parts (the first keys joined, where each ends and where each block
# ends, both packed by pack_ints, the extras as JSON), then the magic again.
_FOOTER = struct.Struct("<QQQQQQ8s")
_DECODED_BLOCKS = 256  # blocks kept decoded: a search asks for a word's term info more than once
# Keys whose lookup is kept (a search asks for a word's term info, its frequency and whether it
# is there, each a lookup, and a copy candidate's query words again): forgotten all at once.
_REMEMBERED_KEYS = 4096


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """The LEB128 number (:func:`~indexer.engine.formats.encode_varints`) at ``pos`` in ``data``,
    and where the next begins: a block's lengths stand between its keys and values."""
    number = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        number |= (byte & 0x7F) << shift
        if byte < 0x80:
            return number, pos
        shift += 7


class TermTableWriter:
    """Writes sorted keys and their values to ``dbfile`` (a Whoosh ``StructFile``) as
    :class:`TermTable` reads them: what Whoosh's ``OrderedHashWriter`` does for its field writer
    (``add`` in increasing key order, ``extras``, ``close``)."""

    def __init__(self, dbfile) -> None:
        self.dbfile = dbfile
        #: Whoosh's field writer keeps its field numbers here (``fieldmap``); written as JSON.
        self.extras: dict = {}
        self._block: list[tuple[bytes, bytes]] = []
        self._first_keys: list[bytes] = []
        self._block_ends: list[int] = []
        self._last_key = b""
        self._terms = 0
        dbfile.write(_MAGIC)

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self._last_key:
            raise ValueError(f"keys must increase: {self._last_key!r}..{key!r}")
        self._block.append((key, value))
        self._last_key = key
        self._terms += 1
        if len(self._block) == BLOCK_TERMS:
            self._write_block()

    def _write_block(self) -> None:
        out = bytearray()
        previous = b""
        for key, value in self._block:
            shared = 0
            most = min(len(key), len(previous))
            while shared < most and key[shared] == previous[shared]:
                shared += 1
            out += encode_varints((shared, len(key) - shared)) + key[shared:] + encode_varints((len(value),)) + value
            previous = key
        self.dbfile.write(zlib.compress(out))
        self._first_keys.append(self._block[0][0])
        self._block_ends.append(self.dbfile.tell())
        self._block = []

    def close(self) -> None:
        if self._block:
            self._write_block()
        dbfile = self.dbfile
        index_at = dbfile.tell()
        parts = (b"".join(self._first_keys), pack_ints(list(accumulate(map(len, self._first_keys)))),
                 pack_ints(self._block_ends), json.dumps(self.extras, sort_keys=True).encode("utf-8"))
        for part in parts:
            dbfile.write(part)
        dbfile.write(_FOOTER.pack(index_at, self._terms, *map(len, parts), _MAGIC))
        dbfile.close()


class _FirstKeys:
    """The blocks' first keys as a sequence for :mod:`bisect`, sliced from the joined keys when asked."""

    def __init__(self, keys: bytes, ends: array) -> None:
        self._keys = keys
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, number: int) -> bytes:
        return self._keys[self._ends[number - 1] if number else 0:self._ends[number]]


class TermTable:
    """The keys and values a :class:`TermTableWriter` wrote to ``dbfile`` (``length`` bytes):
    what Whoosh's terms reader asks of its ``OrderedHashReader`` (``[key]``, ``in``, ``keys``,
    ``items``, ``keys_from``, ``items_from``, ``extras``, ``close``)."""

    def __init__(self, dbfile, length: int) -> None:
        self.dbfile = dbfile
        self._name = file_name(dbfile)
        with decoding(self._name, "the term dictionary's index"):
            if length < len(_MAGIC) + _FOOTER.size:
                raise ValueError("too short")
            index_at, self.terms, *lengths, magic = _FOOTER.unpack(dbfile.get(length - _FOOTER.size, _FOOTER.size))
            if magic != _MAGIC or dbfile.get(0, len(_MAGIC)) != _MAGIC:
                raise IndexDamagedError(f"the index file {self._name} is no term dictionary of Fundstelle's")
            index = dbfile.get(index_at, length - _FOOTER.size - index_at)
            ends = list(accumulate(lengths))
            if ends[-1] != len(index):
                raise ValueError("the index's parts do not add up to its length")
            keys, key_ends, block_ends, extras = (index[start:end] for start, end in zip([0, *ends], ends))
            self._first_keys = _FirstKeys(keys, unpack_ints(key_ends))
            self._block_ends = unpack_ints(block_ends)
            self.extras = json.loads(extras)
            blocks = len(self._block_ends)
            if blocks != len(self._first_keys) or (blocks and self._block_ends[-1] != index_at):
                raise ValueError("the blocks' ends do not fit the file")
        self._decoded = lru_cache(maxsize=_DECODED_BLOCKS)(self._decode)
        self._found: dict[bytes, bytes | None] = {}  # the keys looked up last, found or not

    def _decode(self, block: int) -> tuple[list[bytes], list[bytes]]:
        """Block number ``block``'s keys and their values."""
        start = self._block_ends[block - 1] if block else len(_MAGIC)
        keys: list[bytes] = []
        values: list[bytes] = []
        with decoding(self._name, "a block of the term dictionary"):
            data = zlib.decompress(self.dbfile.get(start, self._block_ends[block] - start))
            pos, end, key = 0, len(data), b""
            # Nearly every length is below 128, one byte: read as such, the rest by _read_varint
            # (a call for each costs three times as much).
            while pos < end:
                shared = data[pos]
                pos += 1
                if shared >= 0x80:
                    shared, pos = _read_varint(data, pos - 1)
                size = data[pos]
                pos += 1
                if size >= 0x80:
                    size, pos = _read_varint(data, pos - 1)
                key = key[:shared] + data[pos:pos + size]
                pos += size
                size = data[pos]
                pos += 1
                if size >= 0x80:
                    size, pos = _read_varint(data, pos - 1)
                keys.append(key)
                values.append(data[pos:pos + size])
                pos += size
        return keys, values

    def _block_of(self, key: bytes) -> int:
        """The block ``key`` is in if it is in the table (-1: before the first key)."""
        return bisect_right(self._first_keys, key) - 1

    def get(self, key: bytes, default: bytes | None = None) -> bytes | None:
        try:
            value = self._found[key]
        except KeyError:
            value = self._find(key)
            if len(self._found) >= _REMEMBERED_KEYS:
                self._found.clear()
            self._found[key] = value
        return default if value is None else value

    def _find(self, key: bytes) -> bytes | None:
        block = self._block_of(key)
        if block < 0:
            return None
        keys, values = self._decoded(block)
        at = bisect_left(keys, key)
        return values[at] if at < len(keys) and keys[at] == key else None

    def __getitem__(self, key: bytes) -> bytes:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: bytes) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return self.terms

    def items_from(self, key: bytes) -> Iterator[tuple[bytes, bytes]]:
        """The keys from ``key`` on (``key`` too, if it is one) with their values, in key order."""
        if not self._block_ends:
            return
        first = max(self._block_of(key), 0)
        keys, values = self._decoded(first)
        at = bisect_left(keys, key)
        yield from zip(keys[at:], values[at:])
        for block in range(first + 1, len(self._block_ends)):
            yield from zip(*self._decode(block))

    def keys_from(self, key: bytes) -> Iterator[bytes]:
        return (found for found, _ in self.items_from(key))

    def items(self) -> Iterator[tuple[bytes, bytes]]:
        return self.items_from(b"")

    def keys(self) -> Iterator[bytes]:
        return self.keys_from(b"")

    def close(self) -> None:
        self.dbfile.close()
