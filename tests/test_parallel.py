"""The parallel writer under every start method, and what a killed, lost or interrupted build leaves:
no process, no lock, the old index answering as before, and a next run that completes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.processes import (
    descendants,
    fundstelle_process,
    jobs_queued,
    running,
    wait_until_gone,
    writer_processes,
)
from indexer import index_paths
from queries import Searcher

from .conftest import REPO, SEED_FILE

pytestmark = pytest.mark.skipif(os.name == "nt", reason="kills processes by POSIX signals and reads /proc")

ARTICLES = 800  # 8,000 paragraphs: a build of seconds, killed within half a second of its workers' start
QUERIES = ("Waffenlieferung", "Putin", '"an die Ukraine"', "Nordkorea Sprecher")


def _write_corpus(folder: Path, articles: int) -> Path:
    folder.mkdir()
    seed = SEED_FILE.read_text(encoding="utf-8")
    for number in range(articles):
        extra = f"\n\nDie Behörde prüft den Sonderfall{number} und die Lieferung Nummer {number}.\n"
        (folder / f"artikel{number:04d}.txt").write_text(seed.rstrip() + extra, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough articles that the workers run for a second or more."""
    return _write_corpus(tmp_path_factory.mktemp("parallel") / "corpus", ARTICLES)


def _answers(index_dir: Path) -> dict:
    with Searcher.open(index_dir) as searcher:
        total = searcher._reader.doc_count()
        # Every hit: paragraphs that score alike are in document order, which differs between a
        # build in one segment and one in two.
        hits = {q: searcher.search(q, limit=None, highlight=False, collapse=False).hits for q in QUERIES}
        return {"paragraphs": total, **{q: sorted((h.citation, round(h.score or 0, 6)) for h in hits[q])
                                        for q in QUERIES}}


@pytest.fixture()
def old_index(tmp_path: Path) -> tuple[Path, dict]:
    """An index of the seed article and what it answers."""
    index_dir = tmp_path / "index"
    index_paths(index_dir, [SEED_FILE])
    return index_dir, _answers(index_dir)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_every_start_method_builds_the_same_index(tmp_path: Path, method: str) -> None:
    corpus = _write_corpus(tmp_path / "corpus", 40)
    index_paths(tmp_path / "single", [corpus])  # one process: below the threshold
    process = fundstelle_process("--index", str(tmp_path / method), "index", str(corpus), method=method, parallel=True)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert err.splitlines() == ["40 added (400 paragraphs, "
                                + err.split("paragraphs, ")[1].strip()]
    with Searcher.open(tmp_path / method) as searcher:
        assert len(searcher._searcher.subsearchers) == 2  # both workers wrote a segment
    parallel, single = _answers(tmp_path / method), _answers(tmp_path / "single")
    assert parallel == single and parallel["paragraphs"] == 400


@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_leaves_no_process_and_the_old_index(old_index, corpus: Path, kill: signal.Signals) -> None:
    index_dir, before = old_index
    process = fundstelle_process("--index", str(index_dir), "index", str(corpus), parallel=True)
    writer_processes(process)
    jobs_queued(process, index_dir)
    left = descendants(process.pid)  # the workers, and under spawn or forkserver their helpers
    assert process.poll() is None, "the build ended before the kill: make the corpus larger"
    process.send_signal(kill)
    process.communicate(timeout=30)
    assert wait_until_gone(left, 5) is not None, "a process of the run outlived it by 5 s"
    assert _answers(index_dir) == before
    # The next run needs no --wait, and completes.
    report = index_paths(index_dir, [corpus])
    assert (len(report.added), _answers(index_dir)["paragraphs"]) == (ARTICLES, 9 + ARTICLES * 10)


def test_a_lost_worker_fails_the_run_and_changes_nothing(old_index, corpus: Path) -> None:
    index_dir, before = old_index
    process = fundstelle_process("--index", str(index_dir), "index", str(corpus), parallel=True)
    os.kill(writer_processes(process)[0], signal.SIGKILL)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err == ("Error: a writer process ended before its work was done (killed by SIGKILL): "
                   "nothing of this run was saved; run it again\n")
    assert _answers(index_dir) == before
    report = index_paths(index_dir, [corpus])
    assert (len(report.added), _answers(index_dir)["paragraphs"]) == (ARTICLES, 9 + ARTICLES * 10)


@pytest.mark.parametrize(("moment", "method"), [("a worker starts", "fork"), ("a worker starts", "spawn"),
                                               ("a worker starts", "forkserver"), ("jobs are queued", "default")])
def test_ctrl_c_stops_the_build_in_one_line(old_index, corpus: Path, moment: str, method: str) -> None:
    index_dir, before = old_index
    process = fundstelle_process("--index", str(index_dir), "index", str(corpus), parallel=True, method=method,
                                 start_new_session=True)
    # The first moment is the one a worker used to die in with a traceback (exit 2): before it
    # could ignore Ctrl-C.
    workers = writer_processes(process, count=1)
    if moment == "jobs are queued":
        jobs_queued(process, index_dir)
        workers = writer_processes(process)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    out, err = process.communicate(timeout=30)
    assert (process.returncode, err.strip()) == (130, "Interrupted: nothing of this run was saved")
    assert not any(map(running, workers))
    assert _answers(index_dir) == before
    assert sorted(p.name for p in (index_dir / "gen-000001").iterdir() if not p.name.startswith("paragraphs_")) == [
        "_paragraphs_1.toc", "files-1.json", "manifest-1.json"]


def test_a_killed_rebuild_keeps_the_old_index(old_index, corpus: Path) -> None:
    index_dir, _ = old_index
    index_paths(index_dir, [corpus])
    before = _answers(index_dir)
    process = fundstelle_process("--index", str(index_dir), "rebuild", parallel=True)
    writer_processes(process)
    jobs_queued(process, index_dir)
    assert process.poll() is None, "the rebuild ended before the kill: make the corpus larger"
    process.kill()
    process.communicate(timeout=30)
    assert _answers(index_dir) == before
    assert json.loads(subprocess.run(
        [sys.executable, "-m", "queries.cli", "--index", str(index_dir), "rebuild", "--json"], cwd=REPO,
        capture_output=True, text=True, check=True).stdout)["paragraphs"] == 9 + ARTICLES * 10
    assert _answers(index_dir) == before
