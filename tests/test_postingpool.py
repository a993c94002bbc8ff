"""The term posting pool gives each term's postings in one piece, in order, from memory or through run files."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from indexer.engine.postingpool import TermPostingPool


def _documents(n: int) -> list[tuple[str, int, list[tuple[bytes, int, float, bytes]]]]:
    """(field, document, postings) as the bulk writer adds them: documents in ascending order."""
    rng = random.Random(7)
    words = ["waffenliefer", "ukrain", "prasident", "lieferung", "nordkorea", "pjongjang", "straße", "2024"]
    documents = []
    for doc in range(n):
        for field in rng.sample(["exact", "text", "title"], rng.randrange(1, 4)):
            terms = rng.sample(words, rng.randrange(1, 5))
            documents.append((field, doc, [(term.encode("utf-8"), 1, rng.choice([0.5, 1.0, 2.5]),
                                            bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4))))
                                           for term in terms]))
    return documents


def _expected(documents) -> list[tuple]:
    """Whoosh's order: every posting sorted by field, term and document."""
    return sorted((field, term, doc, weight, value) for field, doc, items in documents
                  for term, _, weight, value in items)


@pytest.mark.parametrize("limitmb", [64, 0.05])
def test_pool_gives_whooshs_postings_in_order(tmp_path: Path, limitmb: float) -> None:
    documents = _documents(3_000)
    pool = TermPostingPool(FileStorage(str(tmp_path)), limitmb=limitmb)
    for field, doc, items in documents:
        pool.add_postings(field, doc, items)
    assert (len(pool.runs) > 3) == (limitmb < 1)  # 50 KB overflowed again and again: runs on disk
    assert list(pool.iter_postings()) == _expected(documents)
    assert list(tmp_path.iterdir()) == []  # run files are removed once read
    assert pool.fieldnames == {"exact", "text", "title"}


def test_each_term_comes_once_with_all_its_postings(tmp_path: Path) -> None:
    documents = _documents(2_000)
    pool = TermPostingPool(FileStorage(str(tmp_path)), limitmb=0.05)
    for field, doc, items in documents:
        pool.add_postings(field, doc, items)
    terms = list(pool.iter_terms())
    keys = [(field, term) for field, term, *_ in terms]
    assert keys == sorted(set(keys))
    for _field, _term, ids, weights, values in terms:
        assert list(ids) == sorted(ids) and len(ids) == len(weights) == len(values)


def test_single_postings_from_merged_segments_join_their_terms(tmp_path: Path) -> None:
    # Whoosh's writer adds the postings of segments it merges one at a time, after the new documents.
    pool = TermPostingPool(FileStorage(str(tmp_path)))
    pool.add_postings("text", 0, [(b"waff", 1, 1.0, b"\x00")])
    pool.add(("text", b"waff", 5, 0.5, b"\x03"))
    pool.add(("path", b"a.txt", 5, 1.0, b""))
    assert list(pool.iter_postings()) == [("path", b"a.txt", 5, 1.0, b""), ("text", b"waff", 0, 1.0, b"\x00"),
                                          ("text", b"waff", 5, 0.5, b"\x03")]


def test_cleanup_removes_runs_of_a_cancelled_write(tmp_path: Path) -> None:
    pool = TermPostingPool(FileStorage(str(tmp_path)), limitmb=0.01)
    for field, doc, items in _documents(500):
        pool.add_postings(field, doc, items)
    assert pool.runs and list(tmp_path.iterdir())
    pool.cleanup()
    assert list(tmp_path.iterdir()) == []


def test_index_written_through_runs_answers_like_one_written_in_memory(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks.corpora import write_law_articles
    from indexer import index_paths
    from indexer.building import BuildOptions
    from queries import search

    from .conftest import shared_path

    shared_path("data", "gesetze")
    corpus = tmp_path / "laws"
    write_law_articles(corpus, 2_000)
    index_paths(tmp_path / "in-memory", [corpus])
    runs_written = []
    save = TermPostingPool._save
    monkeypatch.setattr(TermPostingPool, "_save", lambda pool: runs_written.append(1) or save(pool))
    index_paths(tmp_path / "through-runs", [corpus], options=BuildOptions(memory_mb=1))
    assert len(runs_written) > 10
    for query in ["Verordnung", '"mit Zustimmung des Bundesrates"', "Antrag Frist", "Bundesmin*", "exact:Absatz"]:
        expected = search(tmp_path / "in-memory", query, limit=None)
        got = search(tmp_path / "through-runs", query, limit=None)
        assert expected.total > 0
        assert [(h.citation, h.score) for h in got.hits] == [(h.citation, h.score) for h in expected.hits]
