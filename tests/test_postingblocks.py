"""Posting blocks pickled with protocol 3, and short posting lists inlined, hold exactly Whoosh's
postings, and stock Whoosh reads them."""
from __future__ import annotations

import contextlib
import pickle
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.codec import whoosh3

from indexer import index_paths
from indexer.engine import safepickle
from indexer.engine.codec import FundstelleCodec
from indexer.engine.postingblocks import INLINE_LIMIT, PACK_MIN_POSTINGS, blocks_arrays, dumps_postings
from indexer.store import open_live_index
from seeds import SEEDS_DIR


def _all_postings(index_dir: Path) -> dict[tuple[str, bytes], list[tuple[int, float, bytes]]]:
    """Every term's postings (document, weight, value), read by Whoosh's own matchers."""
    index, _ = open_live_index(index_dir)
    with contextlib.closing(index), index.reader() as reader:
        postings = {}
        for fieldname, text in reader.all_terms():
            postings[fieldname, text] = _read(reader.postings(fieldname, text))
        return postings


def _read(matcher) -> list[tuple[int, float, bytes]]:
    rows = []
    while matcher.is_active():
        rows.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return rows


def _block_protocols(index_dir: Path) -> tuple[set[int], int, int]:
    """The pickle protocol of every posting block's data, how many blocks are packed, and how
    many posting lists are inlined in the term dictionary (no block)."""
    index, _ = open_live_index(index_dir)
    protocols = set()
    packed = inlined = 0
    with contextlib.closing(index), index.reader() as reader:
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            if isinstance(matcher, whoosh3.W3LeafMatcher):
                data = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
                data = zlib.decompress(data) if matcher._compression else data
                protocols.add(data[1])  # a pickle starts with PROTO, then the protocol number
                packed += b"unpack_postings" in data
            else:
                assert len(_read(matcher)) < INLINE_LIMIT
                inlined += 1
    return protocols, packed, inlined


def test_dumps_postings_ignores_the_protocol_asked_for() -> None:
    assert dumps_postings(b"\x01", 2)[:2] == b"\x80\x03"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article 40 times: words with posting lists of several blocks; and a rare word each."""
    folder = tmp_path_factory.mktemp("articles")
    seed = next(SEEDS_DIR.glob("*.txt")).read_text(encoding="utf-8")
    for number in range(40):
        rare = f"\n\nDie Bundesregierung prüft den Sonderfall{number} noch einmal genau.\n"
        (folder / f"a{number}.txt").write_text(seed.rstrip() + rare, encoding="utf-8")
    return folder


def test_compact_blocks_hold_whooshs_postings(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_paths(tmp_path / "compact", [corpus])

    def stock_postings_writer(codec, dbfile, byteids=False):  # Whoosh's: protocol 2, nothing inlined
        return whoosh3.W3PostingsWriter(dbfile, blocklimit=codec._blocklimit, byteids=byteids,
                                        compression=codec._compression)

    monkeypatch.setattr(FundstelleCodec, "postings_writer", stock_postings_writer)
    # Protocol 2 writes a bytes value as a call of _codecs.encode, which Fundstelle never writes.
    monkeypatch.setattr(safepickle, "ALLOWED_NAMES", safepickle.ALLOWED_NAMES | {("_codecs", "encode")})
    index_paths(tmp_path / "whoosh", [corpus])

    compact_protocols, packed, compact_inlined = _block_protocols(tmp_path / "compact")
    stock_protocols, stock_packed, stock_inlined = _block_protocols(tmp_path / "whoosh")
    assert (compact_protocols, stock_protocols) == ({3}, {2})
    compact, stock = _all_postings(tmp_path / "compact"), _all_postings(tmp_path / "whoosh")
    assert len(compact) > 400
    assert (compact_inlined >= 80, stock_inlined) == (True, 0)  # Sonderfall0 … Sonderfall39 in text and exact
    assert (packed > 50, stock_packed) == (True, 0)
    assert compact == stock


_WEIGHTS = st.one_of(st.none(), st.floats(0, 100), st.lists(st.integers(0, 400).map(lambda n: n / 2)),
                     st.lists(st.floats(0, 100)))


@given(st.lists(st.integers(0, 2**32), min_size=PACK_MIN_POSTINGS, max_size=200), _WEIGHTS,
       st.one_of(st.none(), st.lists(st.binary(max_size=6))))
def test_packed_postings_load_as_written(ids: list[int], weights, values) -> None:
    ids = tuple(ids)
    weights = tuple(weights) if isinstance(weights, list) else weights
    values = tuple(values) if isinstance(values, list) else values
    dumped = dumps_postings((ids, weights, values))
    assert b"unpack_postings" in dumped
    loaded_ids, loaded_weights, loaded_values = pickle.loads(dumped)
    assert (loaded_ids, loaded_weights) == (ids, weights)
    assert (tuple(loaded_values) if loaded_values is not None else None) == values
    assert all(type(w) is float for w in loaded_weights or ()) if isinstance(weights, tuple) else True


def _block(ids: list[int], data: st.DataObject) -> tuple:
    """A posting block as Whoosh gives it to the codec, with weights and values of every kind."""
    weights = data.draw(st.one_of(
        st.none(), st.floats(0, 100),
        st.lists(st.integers(0, 400).map(lambda n: n / 2), min_size=len(ids), max_size=len(ids)).map(tuple),
        st.lists(st.floats(0, 100), min_size=len(ids), max_size=len(ids)).map(tuple)))
    values = data.draw(st.one_of(st.just((b"\x01",) * len(ids)),
                                 st.lists(st.binary(min_size=1, max_size=4), min_size=len(ids), max_size=len(ids))
                                 .map(tuple)))
    return tuple(ids), weights, values


@settings(max_examples=200)
@given(st.lists(st.lists(st.integers(0, 70000), min_size=1, max_size=40), min_size=1, max_size=6), st.data())
def test_blocks_arrays_hold_the_blocks_postings(id_lists: list[list[int]], data: st.DataObject) -> None:
    """Packed blocks of every integer width and Whoosh's own short ones, one after another: each
    block's first id, the gaps after it, the weights and the values, as loading the blocks gives
    them (what reading a whole list with numpy takes)."""
    blocks = [_block(ids, data) for ids in id_lists]
    dumped = b"".join(map(dumps_postings, blocks))
    counts = [len(ids) for ids in id_lists]
    firsts, gaps, weight_array, joined, lengths = blocks_arrays(dumped, counts, values=True)
    assert blocks_arrays(dumped, counts)[3:] == (None, None)  # scoring reads no values
    loaded = [pickle.loads(dumps_postings(block)) for block in blocks]
    assert firsts == [ids[0] for ids in id_lists]
    assert gaps.tolist() == [gap for ids in id_lists for gap in ids[1:]]
    assert gaps.dtype.name == "int64"
    expected = [weight for (_ids, weights, _values), (ids, loaded_weights, _) in zip(blocks, loaded)
                for weight in ([weights or 1.0] * len(ids) if weights is None or isinstance(weights, float)
                               else loaded_weights)]
    assert weight_array.tolist() == expected
    assert weight_array.dtype.name == "float64"
    values = [value for _ids, _weights, block_values in blocks for value in block_values]
    assert joined == b"".join(values)
    assert lengths.tolist() == [len(value) for value in values]
