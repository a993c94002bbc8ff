"""The term dictionary as sorted blocks: every key found, every range read in order, damage said."""
from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import RamStorage
from whoosh.filedb.structfile import StructFile

from indexer.engine.codec import FundstelleCodec
from indexer.engine.termblocks import BLOCK_TERMS, TermTable, TermTableWriter
from indexer.errors import IndexDamagedError
from indexer.store import current_generation
from queries import Searcher


def _table(items: dict[bytes, bytes], extras: dict | None = None) -> TermTable:
    storage = RamStorage()
    writer = TermTableWriter(storage.create_file("x.trm"))
    for key in sorted(items):
        writer.add(key, items[key])
    writer.extras.update(extras or {})
    writer.close()
    return TermTable(StructFile(io.BytesIO(storage.files["x.trm"]), name="x.trm"), storage.file_length("x.trm"))


# Keys that share prefixes, as a field's words do: few letters, many lengths; and some that share
# more than 127 bytes, with values as long (lengths of more than one byte).
_SHORT_KEYS = st.binary(min_size=1, max_size=12).map(lambda key: bytes(byte % 4 + 97 for byte in key))
_KEYS = st.one_of(_SHORT_KEYS, _SHORT_KEYS.map(lambda key: b"a" * 130 + key))
_VALUES = st.one_of(st.binary(max_size=40), st.binary(min_size=128, max_size=300))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=4 * BLOCK_TERMS + 3), st.lists(_KEYS, max_size=8))
def test_every_key_is_found_and_every_range_read_in_order(items: dict[bytes, bytes], probes: list[bytes]) -> None:
    table = _table(items)
    ordered = sorted(items.items())
    assert len(table) == len(items)
    assert list(table.items()) == ordered
    for key, value in ordered:
        assert table[key] == value and key in table
    for probe in probes + [b"", b"\xff"]:
        assert list(table.items_from(probe)) == [item for item in ordered if item[0] >= probe]
        assert list(table.keys_from(probe)) == [key for key, _ in ordered if key >= probe]
        if probe not in items:  # asked again: a lookup remembered says the same
            assert probe not in table and table.get(probe) is None and table.get(probe, b"-") == b"-"
            with pytest.raises(KeyError):
                table[probe]
    for key, value in ordered:
        assert table.get(key, b"-") == value


def test_keys_must_increase() -> None:
    writer = TermTableWriter(StructFile(io.BytesIO()))
    writer.add(b"\x00\x07bund", b"1")
    with pytest.raises(ValueError, match="keys must increase"):
        writer.add(b"\x00\x07bund", b"2")


def test_extras_are_kept() -> None:
    assert _table({b"a": b"1"}, {"fieldmap": {"exact": 0, "text": 7}}).extras == {"fieldmap": {"exact": 0, "text": 7}}


def test_a_block_damaged_in_place_names_the_file() -> None:
    items = {f"wort{number:04d}".encode(): b"statistik" for number in range(3 * BLOCK_TERMS)}
    table = _table(items)
    data = bytearray(table.dbfile.file.getvalue())
    data[40:48] = bytes(8)  # inside the first block
    damaged = TermTable(StructFile(io.BytesIO(bytes(data)), name="x.trm"), len(data))
    assert damaged[b"wort0070"] == b"statistik"  # the third block is whole
    message = r"^the index file x\.trm: a block of the term dictionary cannot be decoded$"
    with pytest.raises(IndexDamagedError, match=message):
        damaged[b"wort0001"]


@pytest.mark.parametrize("data", [b"", b"HSH3" + bytes(80), zlib.compress(b"no term dictionary" * 10)])
def test_a_file_of_another_kind_is_refused(data: bytes) -> None:
    with pytest.raises(IndexDamagedError, match=r"^the index file x\.trm"):
        TermTable(StructFile(io.BytesIO(data), name="x.trm"), len(data))


def test_whoosh_reads_the_segments_terms_through_the_table(seed_index: Path) -> None:
    """Cursor, lexicon, prefixes and frequencies as Whoosh's readers ask for them."""
    assert any(path.suffix == ".trm" and path.read_bytes().startswith(b"FSTERMS2")
               for path in current_generation(seed_index).iterdir())
    with Searcher.open(seed_index) as searcher:
        reader = searcher._reader
        assert isinstance(reader.segment().codec(), FundstelleCodec)
        words = list(reader.lexicon("exact"))
        assert words == sorted(words) and len(words) > 100
        assert [word for word in words if word.startswith(b"waffen")] == list(reader.expand_prefix("exact", "waffen"))
        cursor = reader.cursor("exact")
        assert cursor.text() == words[0].decode()
        cursor.find("waffen")
        assert cursor.text() == next(word for word in words if word >= b"waffen").decode()
        assert cursor.term_info().doc_frequency() == reader.doc_frequency("exact", cursor.text())
        cursor.find("\uffff")
        assert not cursor.is_valid() and cursor.term_info() is None
        assert reader.doc_frequency("exact", "gibtesnichtimtext") == 0
        assert reader.frequency("exact", "gibtesnichtimtext") == 0
        assert reader.frequency("exact", words[0]) >= reader.doc_frequency("exact", words[0]) >= 1
