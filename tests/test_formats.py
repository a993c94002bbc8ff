"""Positions written as LEB128 gaps read back exactly, through Whoosh's own matchers too."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer import index_paths
from indexer.engine.formats import GapPositions, decode_gaps, encode_gaps
from indexer.schema import decode_record
from indexer.store import open_live_index
from seeds import SEEDS_DIR


@given(st.lists(st.integers(min_value=0, max_value=2**31), min_size=1).map(sorted))
def test_gaps_round_trip(positions: list[int]) -> None:
    value = encode_gaps(positions)
    assert decode_gaps(value) == positions
    assert GapPositions().decode_frequency(value) == len(positions)


@pytest.mark.parametrize(("positions", "value"), [
    ([0], b"\x00"),
    ([5, 5], b"\x05\x00"),  # a word and its compound part at one position
    ([3, 7, 12], b"\x03\x04\x05"),
    ([127], b"\x7f"),
    ([128], b"\x80\x01"),
    ([1, 300], b"\x01\xab\x02"),  # gap 299 = 0b10_0101011: low 7 bits first, high bit = more
])
def test_gap_bytes(positions: list[int], value: bytes) -> None:
    assert encode_gaps(positions) == value


def test_whoosh_reads_positions_and_frequencies_of_the_seed_index(tmp_path: Path) -> None:
    index_paths(tmp_path, [SEEDS_DIR])
    index, _ = open_live_index(tmp_path)
    with contextlib.closing(index), index.reader() as reader:
        assert isinstance(reader.schema["text"].format, GapPositions)
        analyzer = reader.schema["text"].analyzer
        records = reader.column_reader("record", translate=False)
        checked = 0
        for term in ("nordkorea", "waff", "russland"):
            matcher = reader.postings("text", term)
            while matcher.is_active():
                text = decode_record(records[matcher.id()])["text"]
                expected = [t.pos for t in analyzer(text, positions=True, mode="index") if t.text == term]
                assert matcher.value_as("positions") == expected
                assert matcher.value_as("frequency") == len(expected)
                checked += 1
                matcher.next()
    assert checked >= 6
