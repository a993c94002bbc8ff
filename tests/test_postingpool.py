"""The chunked posting pool sorts like Whoosh's, through run files on disk, and is only swapped in for a block."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from indexer.postingpool import RUN_CHUNK, ChunkedPostingPool


def _postings(n: int) -> list[tuple]:
    rng = random.Random(7)
    words = ["waffenliefer", "ukrain", "prasident", "lieferung", "nordkorea", "pjongjang", "ß", "2024"]
    return [(rng.choice(["exact", "text", "title"]), rng.choice(words).encode("utf-8"), doc, 1.0 + rng.random(),
             bytes(rng.randrange(256) for _ in range(rng.randrange(1, 6)))) for doc in range(n)]


def test_pool_spills_sorted_runs_and_merges_them(tmp_path: Path) -> None:
    postings = _postings(3 * RUN_CHUNK + 123)
    pool = ChunkedPostingPool(FileStorage(str(tmp_path)), segment=None, limitmb=1)
    for posting in postings:
        pool.add(posting)
    assert len(pool.runs) >= 2  # the 1 MB buffer overflowed: runs were written to disk
    assert list(pool.iter_postings()) == sorted(postings)
    assert list(tmp_path.iterdir()) == []  # run files are removed once read


def test_pool_in_memory_only(tmp_path: Path) -> None:
    postings = _postings(500)
    pool = ChunkedPostingPool(FileStorage(str(tmp_path)), segment=None, limitmb=64)
    for posting in postings:
        pool.add(posting)
    assert pool.runs == []
    assert list(pool.iter_postings()) == sorted(postings)


def test_index_written_through_runs_answers_like_one_written_in_memory(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks.corpora import write_law_articles
    from indexer import building, index_paths
    from queries import search

    from .conftest import shared_path

    shared_path("data", "gesetze")
    corpus = tmp_path / "laws"
    write_law_articles(corpus, 2_000)
    index_paths(tmp_path / "in-memory", [corpus])
    monkeypatch.setattr(building, "WRITER_LIMIT_MB", 1)  # ~6,000 postings per run: dozens of runs
    runs_written = []
    write_run = ChunkedPostingPool._write_run
    monkeypatch.setattr(ChunkedPostingPool, "_write_run",
                        lambda pool, f, items: runs_written.append(1) or write_run(pool, f, items))
    index_paths(tmp_path / "through-runs", [corpus])
    assert len(runs_written) > 10
    for query in ["Verordnung", '"mit Zustimmung des Bundesrates"', "Antrag Frist", "Bundesmin*", "exact:Absatz"]:
        expected = search(tmp_path / "in-memory", query, limit=None)
        got = search(tmp_path / "through-runs", query, limit=None)
        assert expected.total > 0
        assert [(h.citation, h.score) for h in got.hits] == [(h.citation, h.score) for h in expected.hits]
