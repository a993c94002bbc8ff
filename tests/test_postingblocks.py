"""Posting blocks pickled with protocol 3 hold exactly Whoosh's postings, and stock Whoosh reads them."""
from __future__ import annotations

import contextlib
import zlib
from pathlib import Path

import pytest
from whoosh.codec import whoosh3

from indexer import building, index_paths
from indexer.postingblocks import dumps_protocol3
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


def _block_protocols(index_dir: Path) -> set[int]:
    """The pickle protocol of every multi-posting block's data (single postings are inlined)."""
    index, _ = open_live_index(index_dir)
    protocols = set()
    with contextlib.closing(index), index.reader() as reader:
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            if isinstance(matcher, whoosh3.W3LeafMatcher):
                data = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
                data = zlib.decompress(data) if matcher._compression else data
                protocols.add(data[1])  # a pickle starts with PROTO, then the protocol number
    return protocols


def test_dumps_protocol3_ignores_the_protocol_asked_for() -> None:
    assert dumps_protocol3(b"\x01", 2)[:2] == b"\x80\x03"


def test_compact_blocks_hold_whooshs_postings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_paths(tmp_path / "compact", [SEEDS_DIR])
    monkeypatch.setattr(building, "compact_posting_blocks", contextlib.nullcontext)
    index_paths(tmp_path / "whoosh", [SEEDS_DIR])

    assert _block_protocols(tmp_path / "compact") == {3}
    assert _block_protocols(tmp_path / "whoosh") == {2}
    compact, stock = _all_postings(tmp_path / "compact"), _all_postings(tmp_path / "whoosh")
    assert len(compact) > 400
    assert compact == stock
