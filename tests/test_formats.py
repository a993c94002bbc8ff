"""Positions written as LEB128 gaps read back exactly, through Whoosh's own matchers too."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer import index_paths
from indexer.engine.formats import GapPositions, decode_gaps, decode_gaps_arrays, encode_gaps
from indexer.schema import decode_record
from indexer.store import open_live_index
from seeds import SEEDS_DIR


@given(st.lists(st.integers(min_value=0, max_value=2**31), min_size=1).map(sorted))
def test_gaps_round_trip(positions: list[int]) -> None:
    value = encode_gaps(positions)
    assert decode_gaps(value) == positions
    assert GapPositions().decode_frequency(value) == len(positions)


@given(st.lists(st.lists(st.integers(min_value=0, max_value=2**20), min_size=1, max_size=6).map(sorted), max_size=12),
       st.randoms(use_true_random=False))
def test_many_values_decode_at_once_as_one_by_one(values: list[list[int]], random) -> None:
    """Values joined as a posting list's block holds them, read in any order and some twice."""
    import numpy as np

    encoded = [encode_gaps(positions) for positions in values]
    joined = b"".join(encoded)
    starts = np.cumsum([0] + [len(value) for value in encoded[:-1]]) if encoded else np.zeros(0, dtype=np.int64)
    order = [random.randrange(len(values)) for _ in range(len(values) + 2)] if values else []
    owners, positions = decode_gaps_arrays(joined, starts[order], np.array([len(encoded[n]) for n in order],
                                                                           dtype=np.int64))
    assert list(zip(owners.tolist(), positions.tolist())) == [
        (owner, position) for owner, number in enumerate(order) for position in decode_gaps(encoded[number])]


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
