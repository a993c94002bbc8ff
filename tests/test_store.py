"""The index on disk under faults and concurrency: killed writers, searches during rebuilds, two writers.

Writers run as real processes (``python -m queries.cli``) and are killed with SIGKILL.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer import ANALYSIS_VERSION, SCHEMA_VERSION, IndexLockedError, index_paths
from indexer.errors import IndexDamagedError, IndexVersionError
from indexer.store import (
    CURRENT_FILE,
    GENERATION_PREFIX,
    Manifest,
    current_generation,
    live_manifest_path,
    open_whoosh,
    read_manifest,
    read_manifest_header,
)
from queries import Searcher

from .conftest import REPO, SEED_FILE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fcntl locks are POSIX")

QUERIES = ["Waffenlieferung", "Lieferung", "Kartoffelsalat", "Fassung"]
SENTENCES = [s.strip() + "." for s in SEED_FILE.read_text(encoding="utf-8").split(". ") if len(s) > 40]


def write_corpus(folder: Path, version: str, files: int = 40) -> None:
    """A corpus of seed sentences; ``version`` "A" or "B" differ in every third file."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(6)]
        if version == "B" and n % 3 == 0:
            paragraphs = [f"Fassung B von Artikel {n}: Kartoffelsalat."] + paragraphs[1:]
        (folder / f"artikel-{n:03d}.txt").write_text(f"Artikel {n}\n\n" + "\n\n".join(paragraphs), encoding="utf-8")


def answers(index_dir: Path) -> dict[str, list[str]]:
    with Searcher.open(index_dir) as searcher:
        return {q: sorted(h.citation for h in searcher.search(q, limit=None, highlight=False,
                                                                       collapse=False).hits) for q in QUERIES}


def fundstelle(index_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "queries.cli", "--index", str(index_dir), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture()
def versions(tmp_path: Path) -> dict[str, dict]:
    """The answers of corpus versions A and B, each from an index built for it alone."""
    result = {}
    for version in "AB":
        write_corpus(tmp_path / version / "news", version)
        index_paths(tmp_path / version / "index", [tmp_path / version / "news"])
        result[version] = answers(tmp_path / version / "index")
    assert result["A"] != result["B"]
    return result


def timed_run(index_dir: Path, *args: str) -> float:
    started = time.monotonic()
    assert fundstelle(index_dir, *args).wait() == 0
    return time.monotonic() - started


@pytest.mark.parametrize("command", ["rebuild", "index"])
def test_killed_writer_leaves_the_previous_index_intact(tmp_path: Path, versions: dict, command: str) -> None:
    corpus, index_dir = tmp_path / "news", tmp_path / "index"
    write_corpus(corpus, "A")
    index_paths(index_dir, [corpus])
    args = ["rebuild"] if command == "rebuild" else ["index", str(corpus)]
    indexed = "A"
    write_corpus(corpus, "B")
    duration = timed_run(index_dir, *args)
    indexed = "B"
    rng = random.Random(20240621)
    intact = 0
    for _ in range(24):
        target = "A" if indexed == "B" else "B"
        write_corpus(corpus, target)
        if command == "index":  # make every file look changed, as a rebuild would re-read it
            for path in corpus.iterdir():
                os.utime(path, ns=(rng.randrange(10**18), rng.randrange(10**18)))
        process = fundstelle(index_dir, *args)
        time.sleep(rng.uniform(0.0, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = answers(index_dir)
        assert now in (versions[indexed], versions[target])
        if now == versions[indexed]:
            intact += 1
        else:
            indexed = target
    assert intact >= 12, "most kills should land before the new index is complete"
    # The next run completes and cleans up what the killed ones left behind.
    write_corpus(corpus, "A")
    if command == "index":
        for path in corpus.iterdir():
            os.utime(path, ns=(1, 1))
    assert fundstelle(index_dir, *args).wait() == 0
    assert answers(index_dir) == versions["A"]
    generations = sorted(p.name for p in index_dir.iterdir() if p.name.startswith(GENERATION_PREFIX))
    assert len(generations) <= 2 and current_generation(index_dir).name == generations[-1]
    assert not (index_dir / (CURRENT_FILE + ".tmp")).exists()


def test_searches_during_rebuilds_never_fail(tmp_path: Path, versions: dict) -> None:
    corpus, index_dir = tmp_path / "news", tmp_path / "index"
    write_corpus(corpus, "A")
    index_paths(index_dir, [corpus])
    searches = failures = 0
    seen = set()
    for version in "BABA":
        write_corpus(corpus, version)
        for path in corpus.iterdir():
            os.utime(path, ns=(searches + 1, searches + 1))
        command = ["rebuild"] if version == "B" else ["index", str(corpus)]
        process = fundstelle(index_dir, *command)
        while process.poll() is None:
            try:
                now = answers(index_dir)
            except Exception as exc:  # the test counts every failure, of whatever kind
                failures += 1
                print(f"search failed: {exc!r}")
                continue
            searches += 1
            assert now in (versions["A"], versions["B"])
            seen.add("A" if now == versions["A"] else "B")
        assert process.returncode == 0
    assert failures == 0
    assert searches >= 20 and seen == {"A", "B"}


def test_two_writers(tmp_path: Path, versions: dict) -> None:
    corpus, index_dir = tmp_path / "news", tmp_path / "index"
    write_corpus(corpus, "A")
    index_paths(index_dir, [corpus])
    write_corpus(corpus, "B")
    extra = tmp_path / "extra.txt"
    extra.write_text("Nachtrag\n\nEin Nachtrag über Pjöngjang und Seoul.", encoding="utf-8")

    process = fundstelle(index_dir, "rebuild")
    live = current_generation(index_dir).name
    deadline = time.monotonic() + 30
    while len([p for p in index_dir.glob(GENERATION_PREFIX + "*") if p.name > live]) == 0:
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.01)
    # The rebuild holds the lock: a second writer that does not wait stops with a clear message ...
    with pytest.raises(IndexLockedError) as excinfo:
        index_paths(index_dir, [extra])
    assert str(excinfo.value) == (
        f"another fundstelle process is writing the index at {index_dir}: try again later or wait with --wait SECONDS"
    )
    # ... and one that waits runs after it, losing neither update.
    report = index_paths(index_dir, [extra], wait=60)
    assert process.wait() == 0
    assert report.added == ["extra.txt"]
    now = answers(index_dir)
    assert now == versions["B"]
    with Searcher.open(index_dir) as searcher:
        assert [h.citation for h in searcher.search("Nachtrag").hits] == ["extra.txt ¶1"]


def test_manifest_header_is_read_without_the_sources(updated_index: Path) -> None:
    generation = current_generation(updated_index)
    manifest = read_manifest(generation)
    header = read_manifest_header(generation)
    assert len(manifest.sources) == 3
    assert (header.schema_version, header.analysis_version, header.created, header.updated) == (
        manifest.schema_version, manifest.analysis_version, manifest.created, manifest.updated)


def test_manifest_header_of_another_layout_falls_back_to_the_whole_manifest(tmp_path: Path) -> None:
    import json

    index_dir = tmp_path / "index"
    index_paths(index_dir, [SEED_FILE])
    path = live_manifest_path(current_generation(index_dir))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_version"] = 1  # an older version, written with the sources first
    path.write_text(json.dumps({"sources": data.pop("sources"), **data}), encoding="utf-8")
    header = read_manifest_header(current_generation(index_dir))
    assert header.schema_version == 1
    assert header.created == Manifest.from_json(path.read_text(encoding="utf-8")).created
    with pytest.raises(IndexVersionError, match="run 'fundstelle rebuild'"):
        Searcher.open(index_dir)


OLD_INDEX = REPO / "tests" / "data" / "index-schema7"


def test_an_index_of_the_last_version_asks_for_a_rebuild_and_rebuilds(tmp_path: Path) -> None:
    """A committed index written by Fundstelle before the engine moved (schema 7: Whoosh's own
    codec, modules under their old names): refused with the rebuild message, never unpickled, and
    rebuilt from its manifest (whose source is pointed at this checkout's seed article)."""
    import json

    from click.testing import CliRunner

    from queries.cli import cli

    index_dir = tmp_path / "index"
    shutil.copytree(OLD_INDEX, index_dir)
    manifest = index_dir / "gen-000001" / "manifest-1.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["sources"] = {str(SEED_FILE): data["sources"]["SEED_FILE"]}
    manifest.write_text(json.dumps(data), encoding="utf-8")
    message = (f"Error: the index at {index_dir} was written by another version of Fundstelle (schema 7, analysis "
               f"4; this version uses {SCHEMA_VERSION}, {ANALYSIS_VERSION}): run 'fundstelle rebuild'\n")
    for command in (["search", "Putin"], ["stats"], ["index", str(SEED_FILE)]):
        result = CliRunner().invoke(cli, ["--index", str(index_dir), *command])
        assert (result.exit_code, result.output) == (2, message)
    # Its pickles name what this version no longer has: opened anyway, it is refused, not run.
    old_names = "whoosh.codec.whoosh3.W3Codec|indexer.formats.GapPositions|indexer.analysis.GermanTokenizer"
    with pytest.raises(IndexDamagedError, match=old_names):
        open_whoosh(index_dir / "gen-000001")
    result = CliRunner().invoke(cli, ["--index", str(index_dir), "rebuild"])
    assert result.exit_code == 0 and result.output.startswith("1 added")
    with Searcher.open(index_dir) as searcher:
        assert [hit.citation for hit in searcher.search("Waffenlieferung").hits] == [
            f"{SEED_FILE.name} ¶{number}" for number in (3, 4, 2)]
