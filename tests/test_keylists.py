"""A key-list column reads back each document's keys and lists each key's documents exactly."""
from __future__ import annotations

import struct

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import FileStorage, RamStorage

from indexer.engine.keylists import KeyListColumn
from indexer.errors import IndexDamagedError

KEYS = 4


def _written(values: dict[int, tuple[int, ...]], doccount: int, cut: int = 0, carried: int = 0):
    """A reader over a column of ``values`` (document → distinct keys), its last ``cut`` bytes lost;
    ``carried`` bytes after each document's keys (its number modulo 251, repeated)."""
    storage = RamStorage()
    column = KeyListColumn(KEYS, 2 * KEYS + carried)
    with storage.create_file("column") as dbfile:
        writer = column.writer(dbfile)
        for docnum in sorted(values):
            keys = sorted(values[docnum])
            packed = struct.pack(f">{KEYS}H", *keys, *[0] * (KEYS - len(keys)))
            writer.add(docnum, packed + bytes([docnum % 251]) * carried)
        writer.finish(doccount)
    length = storage.file_length("column") - cut
    return column.reader(storage.open_file("column"), 0, length, doccount)


_KEY_SETS = st.sets(st.integers(1, 40), max_size=KEYS).map(tuple)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.integers(0, 60), _KEY_SETS), st.sampled_from([0, 3, 34]))
def test_keys_and_lists_read_back(values: dict[int, tuple[int, ...]], carried: int) -> None:
    reader = _written(values, 61, carried=carried)
    for docnum in range(61):  # a document without a value has no keys, and nothing carried
        keys = struct.unpack_from(f">{KEYS}H", reader[docnum])
        assert {key for key in keys if key} == set(values.get(docnum, ()))
        assert reader[docnum][2 * KEYS:] == (bytes([docnum % 251]) * carried if docnum in values else bytes(carried))
    for key in range(0, 42):
        assert list(reader.documents_with(key)) == [doc for doc in sorted(values) if key in values[doc]]
    # Many at once, as numpy reads them.
    assert reader.values_of(np.arange(61)).tobytes() == b"".join(reader[docnum] for docnum in range(61))
    for keys in ([], [3], [41, 3, 7], list(range(42))):
        assert reader.documents_with_any(keys).tolist() == [doc for key in keys for doc in reader.documents_with(key)]


def test_a_key_of_many_documents() -> None:
    values = {docnum: (7, docnum % 3 + 1) for docnum in range(5000)}
    reader = _written(values, 5000)
    assert list(reader.documents_with(7)) == list(range(5000))
    assert list(reader.documents_with(2)) == list(range(1, 5000, 3))


def test_a_truncated_column_is_damage() -> None:
    with pytest.raises(IndexDamagedError, match="the near-copy key lists cannot be decoded"):
        _written({0: (1, 2), 1: (2,)}, 2, cut=4)


def test_a_file_cut_short_under_an_open_reader_is_damage(tmp_path) -> None:
    """Values and lists are sliced from the mapped file: one shorter than the column says is damage,
    not short values."""
    storage = FileStorage(str(tmp_path))
    column = KeyListColumn(KEYS)
    with storage.create_file("column") as dbfile:
        writer = column.writer(dbfile)
        writer.add(0, struct.pack(f">{KEYS}H", 1, 2, 0, 0))
        writer.finish(1)
    length = storage.file_length("column")
    dbfile = storage.open_file("column")
    reader = column.reader(dbfile, 0, length, 1)
    (tmp_path / "column").write_bytes((tmp_path / "column").read_bytes()[:length // 2])
    with pytest.raises(IndexDamagedError, match="the near-copy key lists cannot be decoded"):
        reader[0]
    dbfile.close()
