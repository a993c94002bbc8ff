"""Shared fixtures: the bundled seed index, and the data in ../shared (skipped where absent)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import index_paths
from seeds import SEEDS_DIR

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_FILE = next(SEEDS_DIR.glob("*.txt"))
SEED_PATH = f"seeds/{SEED_FILE.name}"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test with the reason (a user's clone has no ../shared; CI has it)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data beside the checkout; CI always has it)")
    return path


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the bundled seed article, built once per test session; tests must not write to it."""
    index_dir = tmp_path_factory.mktemp("seed-index")
    index_paths(index_dir, [SEEDS_DIR])
    return index_dir


@pytest.fixture(scope="session")
def updated_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three articles in separate commits (several segments), one of them changed: deleted documents."""
    corpus = tmp_path_factory.mktemp("corpus")
    index_dir = tmp_path_factory.mktemp("index")
    text = SEED_FILE.read_text(encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SEED_FILE, corpus / name)
        index_paths(index_dir, [corpus])
    (corpus / "b.txt").write_text(text.replace("Putin", "Lukaschenko"), encoding="utf-8")
    index_paths(index_dir, [corpus])
    return index_dir
