"""Posting blocks pickled with protocol 3, and short posting lists inlined, hold exactly Whoosh's
postings, and stock Whoosh reads them."""
from __future__ import annotations

import contextlib
import zlib
from pathlib import Path

import pytest
from whoosh.codec import whoosh3

from indexer import building, index_paths
from indexer.postingblocks import INLINE_LIMIT, dumps_protocol3
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


def _block_protocols(index_dir: Path) -> tuple[set[int], int]:
    """The pickle protocol of every posting block's data, and how many posting lists are
    inlined in the term dictionary (no block)."""
    index, _ = open_live_index(index_dir)
    protocols = set()
    inlined = 0
    with contextlib.closing(index), index.reader() as reader:
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            if isinstance(matcher, whoosh3.W3LeafMatcher):
                data = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
                data = zlib.decompress(data) if matcher._compression else data
                protocols.add(data[1])  # a pickle starts with PROTO, then the protocol number
            else:
                assert len(_read(matcher)) < INLINE_LIMIT
                inlined += 1
    return protocols, inlined


def test_dumps_protocol3_ignores_the_protocol_asked_for() -> None:
    assert dumps_protocol3(b"\x01", 2)[:2] == b"\x80\x03"


def test_compact_blocks_hold_whooshs_postings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_paths(tmp_path / "compact", [SEEDS_DIR])
    monkeypatch.setattr(building, "compact_posting_blocks", contextlib.nullcontext)
    monkeypatch.setattr(building, "posting_codec", whoosh3.W3Codec)
    index_paths(tmp_path / "whoosh", [SEEDS_DIR])

    compact_protocols, compact_inlined = _block_protocols(tmp_path / "compact")
    stock_protocols, stock_inlined = _block_protocols(tmp_path / "whoosh")
    assert (compact_protocols, stock_protocols) == ({3}, {2})
    compact, stock = _all_postings(tmp_path / "compact"), _all_postings(tmp_path / "whoosh")
    assert len(compact) > 400
    assert (compact_inlined > len(compact) / 2, stock_inlined) == (True, 0)
    assert compact == stock
