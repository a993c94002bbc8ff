"""Field lengths from memory answer exactly as Whoosh's per-document reader does."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.engine.fieldlengths import doc_field_length, length_bytes
from indexer.store import open_live_index


def test_lengths_agree_with_whoosh_in_every_segment(updated_index: Path) -> None:
    index, _ = open_live_index(updated_index)
    try:
        with index.reader() as reader:
            segments = [leaf for leaf, _ in reader.leaf_readers()]
            assert len(segments) > 1 and any(leaf.has_deletions() for leaf in segments)
            for leaf in segments:
                perdoc = leaf._perdoc
                for fieldname in ("text", "exact", "title", "heading", "source", "published"):
                    expected = [perdoc.doc_field_length(doc, fieldname) for doc in range(perdoc.doc_count_all() + 1)]
                    got = [doc_field_length(perdoc, doc, fieldname) for doc in range(perdoc.doc_count_all() + 1)]
                    assert got == expected
                    assert len(length_bytes(perdoc, fieldname)) == perdoc.doc_count_all() + 1
                assert any(doc_field_length(perdoc, doc, "text") for doc in range(perdoc.doc_count_all()))
                with pytest.raises(IndexError):
                    doc_field_length(perdoc, perdoc.doc_count_all() + 1, "text")
    finally:
        index.close()


def test_an_index_written_with_them_is_byte_for_byte_whooshs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lengths go into the posting blocks' and terms' statistics: the files must not differ."""
    from whoosh.codec.whoosh3 import W3Codec

    from indexer import index_paths
    from indexer.engine.codec import FundstelleCodec
    from seeds import SEEDS_DIR

    index_paths(tmp_path / "memory", [SEEDS_DIR])
    # Whoosh's own per-document reader: a seek and a read per length.
    monkeypatch.setattr(FundstelleCodec, "per_document_reader", W3Codec.per_document_reader)
    index_paths(tmp_path / "whoosh", [SEEDS_DIR])

    def postings_files(index_dir: Path) -> list[bytes]:
        return sorted(p.read_bytes() for p in index_dir.rglob("*") if p.suffix in (".pst", ".trm"))

    memory, whoosh = postings_files(tmp_path / "memory"), postings_files(tmp_path / "whoosh")
    assert len(memory) == 2 and memory == whoosh
