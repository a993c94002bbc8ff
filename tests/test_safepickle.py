"""The allow-list of names an index's pickles may name (indexer.engine.safepickle): everything a
built and updated index pickles is on it, and what is not is refused."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from indexer import index_paths
from indexer.engine import safepickle
from queries import Searcher

from .conftest import SEED_FILE


def test_every_name_a_built_and_updated_index_pickles_is_allowed(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = SEED_FILE.read_text(encoding="utf-8")
    for number in range(200):  # long posting lists: packed blocks
        (corpus / f"a{number}.txt").write_text(f"{seed}\n\nDer Sonderfall Nummer {number}.\n", encoding="utf-8")
    index_paths(tmp_path / "index", [corpus])
    (corpus / "a7.txt").write_text(f"{seed}\n\nGeändert.\n", encoding="utf-8")
    index_paths(tmp_path / "index", [corpus])  # an update: a segment with deletions
    recorded: set[tuple[str, str]] = set()
    find_class = safepickle.IndexUnpickler.find_class

    def recording(self, module: str, name: str):
        recorded.add((module, name))
        return find_class(self, module, name)

    monkeypatch.setattr(safepickle.IndexUnpickler, "find_class", recording)
    with Searcher.open(tmp_path / "index") as searcher:
        for query in ("Sonderfall", '"Sonderfall Nummer"', "Putin Nordkorea", "Sonder*"):
            searcher.search(query, limit=None)
            list(searcher._searcher.search(searcher.parse(query), limit=None))  # Whoosh's own matchers too
    assert recorded and recorded <= safepickle.ALLOWED_NAMES
    assert ("indexer", "unpack_postings") in recorded  # packed blocks were read


def test_a_name_off_the_list_is_refused() -> None:
    with pytest.raises(safepickle.UnsafePickleError, match="which Fundstelle never writes into an index"):
        safepickle.safe_loads(pickle.dumps(os.getcwd))
