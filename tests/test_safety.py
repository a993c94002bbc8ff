"""What a new user or a hostile tester throws at the index path (issue 19): folders that are not
indexes, empty indexes, file names that are not UTF-8, full disks and unwritable folders, output
that cannot be written, and queries made to take long. Each is one line and an exit status."""
from __future__ import annotations

import errno
import gc
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import QueryError, build_schema, index_paths
from indexer.engine.codec import FundstelleStorage
from indexer.store import MARKER_FILE
from queries import Searcher
from queries.cli import cli
from queries.parsing import MAX_QUERY_CHARS, parse_query

from .conftest import REPO, SEED_FILE

SCHEMA = build_schema()


def run(index_dir: Path, *args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, ["--index", str(index_dir), *args], input=input)


# --- the folder rule -------------------------------------------------------------------------

def test_a_folder_of_other_files_is_never_written_into(tmp_path: Path) -> None:
    documents = tmp_path / "Dokumente"
    (documents / "gen-2023").mkdir(parents=True)
    (documents / "gen-2023" / "bericht.txt").write_text("x", encoding="utf-8")
    message = (f"Error: {documents} is not empty and not a Fundstelle index: "
               "give a new or empty folder with --index\n")
    assert (run(documents, "index", str(SEED_FILE)).exit_code, run(documents, "index", str(SEED_FILE)).output) == (
        2, message)
    result = run(documents, "rebuild")
    assert (result.exit_code, result.output) == (2, f"Error: no index at {documents} to rebuild: "
                                                    "run 'fundstelle index' first\n")
    assert sorted(str(p.relative_to(documents)) for p in documents.rglob("*")) == ["gen-2023", "gen-2023/bericht.txt"]


@pytest.mark.parametrize("exists", [False, True])
def test_a_new_or_empty_folder_becomes_a_marked_index(tmp_path: Path, exists: bool) -> None:
    index_dir = tmp_path / "neu"
    if exists:
        index_dir.mkdir()
    assert run(index_dir, "index", str(SEED_FILE)).exit_code == 0
    assert sorted(p.name for p in index_dir.iterdir()) == ["CURRENT", MARKER_FILE, "gen-000001"]
    assert run(index_dir, "index", str(SEED_FILE)).exit_code == 0  # marked: written again


def test_an_index_written_before_the_marker_is_still_an_index(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [SEED_FILE])
    (index_dir / MARKER_FILE).unlink()
    (index_dir / "notes.txt").write_text("mine", encoding="utf-8")  # a user's file beside it stays
    assert run(index_dir, "rebuild").exit_code == 0
    assert (index_dir / MARKER_FILE).is_file() and (index_dir / "notes.txt").read_text(encoding="utf-8") == "mine"


# --- indexes without paragraphs --------------------------------------------------------------

@pytest.fixture()
def empty_index(tmp_path: Path) -> Path:
    (tmp_path / "leer").mkdir()
    index_paths(tmp_path / "index", [tmp_path / "leer"])
    return tmp_path / "index"


def test_an_index_run_that_finds_no_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "notizen").mkdir()
    (tmp_path / "notizen" / "a.odt").write_text("Notiz", encoding="utf-8")
    result = run(tmp_path / "index", "index", str(tmp_path / "notizen"))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "no article files found: none matches --include *.html *.htm *.md *.markdown *.jsonl *.ndjson *.json *.txt")


@pytest.mark.parametrize("args", [["Putin"], ["--count", "Putin"], ["-l", "Putin"], ["--group", "Putin"],
                                  ["--json", "Putin"], ["--match", "any", "Wer ist Putin?"],
                                  ["--sort", "date", "Putin"], ["Waff*"], ['"die Ukraine"']])
def test_an_index_without_paragraphs_answers_nothing_found(empty_index: Path, args: list[str]) -> None:
    result = run(empty_index, "search", *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output


def test_an_index_whose_files_are_all_gone_answers_nothing_found(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    index_paths(tmp_path / "index", [corpus])
    (corpus / "a.txt").unlink()
    assert run(tmp_path / "index", "rebuild").exit_code == 1  # a file is missing
    result = run(tmp_path / "index", "search", "Putin")
    assert (result.exit_code, result.output) == (1, "0 matching paragraphs\n")
    assert run(tmp_path / "index", "stats").exit_code == 0


# --- file names that are not UTF-8 -------------------------------------------------------------

@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the file system takes only valid names")
def test_a_file_name_that_is_not_utf8_is_indexed_and_cited_escaped(tmp_path: Path) -> None:
    corpus = tmp_path / "nu"
    corpus.mkdir()
    bad = os.fsdecode(b"b\xf6se.txt")
    (corpus / bad).write_text(SEED_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "gut.txt").write_text("Titel\n\nNur ein Absatz über Kartoffeln.", encoding="utf-8")
    result = run(tmp_path / "index", "index", str(corpus))
    assert result.exit_code == 0 and result.output.startswith("2 added")
    result = run(tmp_path / "index", "search", "-l", "Waffenlieferung")
    assert (result.exit_code, result.output) == (0, "nu/b\\xf6se.txt\n")
    assert run(tmp_path / "index", "rebuild").output.startswith("2 added")  # the file is found again
    (corpus / bad).unlink()
    assert "1 removed" in run(tmp_path / "index", "index", str(corpus)).output


# --- full disks, unwritable folders ---------------------------------------------------------------

def _failing_creates(monkeypatch: pytest.MonkeyPatch, code: int, after: int) -> None:
    """Files of the index fail with ``code`` after ``after`` of them were created."""
    original = FundstelleStorage.create_file
    created = []

    def create_file(self, name, *args, **kwargs):
        created.append(name)
        if len(created) > after:
            raise OSError(code, os.strerror(code), name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(FundstelleStorage, "create_file", create_file)


def _full_then_fine(index_dir: Path, corpus: Path, free_space: Callable[[], None], probe: str) -> None:
    """Indexing ``corpus`` fails on a full disk in one line and leaves the index as it was; once
    ``free_space`` made room, the same run works and ``probe`` is found."""
    before = sorted(p.name for p in index_dir.rglob("*"))
    result = run(index_dir, "index", str(corpus))
    assert (result.exit_code, result.output) == (2, f"Error: the disk holding {index_dir} is full: nothing of this "
                                                    "run was saved; free some space and run it again\n")
    assert sorted(p.name for p in index_dir.rglob("*")) == before
    free_space()
    assert run(index_dir, "index", str(corpus)).exit_code == 0
    assert run(index_dir, "search", probe).exit_code == 0


@pytest.mark.parametrize("after", [0, 3, 7])
def test_a_full_disk_is_one_line_and_the_next_run_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        after: int) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [SEED_FILE])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b.txt").write_text("Neu\n\nEin Bericht über Kartoffeln.", encoding="utf-8")
    _failing_creates(monkeypatch, errno.ENOSPC, after)
    _full_then_fine(index_dir, corpus, monkeypatch.undo, "Kartoffeln")


def test_a_full_disk_during_a_rebuild_keeps_the_old_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [SEED_FILE])
    _failing_creates(monkeypatch, errno.ENOSPC, 5)
    assert run(index_dir, "rebuild").exit_code == 2
    assert sorted(p.name for p in index_dir.iterdir()) == ["CURRENT", MARKER_FILE, "gen-000001"]
    assert run(index_dir, "search", "Putin").exit_code == 0


def test_a_folder_that_may_not_be_written_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [SEED_FILE])
    (tmp_path / "b.txt").write_text("Neu\n\nEin Bericht über Kartoffeln.", encoding="utf-8")
    _failing_creates(monkeypatch, errno.EROFS, 0)
    result = run(index_dir, "index", str(tmp_path / "b.txt"))
    assert (result.exit_code, result.output) == (2, f"Error: cannot write the index at {index_dir} (Read-only file "
                                                    "system): give a folder you may write in with --index\n")
    assert run(index_dir, "search", "Putin").exit_code == 0  # reading needs no writing


def test_a_real_full_disk(tmp_path: Path) -> None:
    """On a small tmpfs (root only): the run fails in one line, leaves nothing, and the next run
    with space works."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                                           capture_output=True).returncode:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        index_dir = mount / "index"
        index_paths(index_dir, [SEED_FILE])
        filler = mount / "filler"
        filler.write_bytes(b"\0" * (os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize - 4096))
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for number in range(20):
            (corpus / f"{number}.txt").write_text(SEED_FILE.read_text(encoding="utf-8") + f"\n\nNummer{number}.\n",
                                                  encoding="utf-8")
        _full_then_fine(index_dir, corpus, filler.unlink, "Nummer7")
    finally:
        gc.collect()  # files a failed write left open are closed with their writer
        subprocess.run(["umount", "--lazy", str(mount)], check=True)


# --- output that cannot be written -----------------------------------------------------------------

def _cli_process(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "queries.cli", *args], cwd=REPO, stderr=subprocess.PIPE, **kwargs)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_device_is_one_line(seed_index: Path) -> None:
    with open("/dev/full", "w") as full:
        process = _cli_process("--index", str(seed_index), "search", "Putin", stdout=full)
        _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (2, b"Error: cannot write the output: No space left on device\n")


@pytest.fixture(scope="module")
def large_output_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index whose hits for ``Haus`` are far more than a pipe's buffer (64 KiB) holds."""
    corpus = tmp_path_factory.mktemp("haeuser")
    paragraph = "Das Haus am Markt wurde im vergangenen Jahr von der Stadt gekauft und seither saniert. " * 8
    for number in range(60):
        (corpus / f"haus{number}.txt").write_text(f"Haus {number}\n\n" + "\n\n".join([paragraph] * 5),
                                                  encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("index") / "index"
    index_paths(index_dir, [corpus])
    return index_dir


@pytest.mark.parametrize("args", [["Haus", "-n", "500", "--no-collapse"],
                                  ["Haus", "-n", "500", "--json", "--no-collapse"], ["--batch", "-", "--json"]],
                         ids=["text", "json", "batch"])
def test_a_closed_pipe_ends_quietly_with_0(large_output_index: Path, args: list[str]) -> None:
    # As `fundstelle search Haus -n 500 | head -1` under `set -o pipefail`: the reader has what it
    # wanted, so the search found something (0), as ripgrep says; not "nothing found" (1).
    process = _cli_process("--index", str(large_output_index), "search", *args, stdout=subprocess.PIPE,
                           stdin=subprocess.PIPE)
    if "--batch" in args:
        process.stdin.write(b"Haus\n" * 50)
    process.stdin.close()
    process.stdout.readline()
    process.stdout.close()
    process.wait(timeout=60)
    assert (process.returncode, process.stderr.read()) == (0, b"")


def test_a_batch_line_that_is_not_utf8_fails_alone(seed_index: Path) -> None:
    result = run(seed_index, "search", "--batch", "-", input=b"Putin\n\xff\xfe kaputt\nNordkorea\n")
    lines = result.stdout.splitlines()
    assert result.exit_code == 2
    assert '"line": 2, "query": "\\\\xff\\\\xfe kaputt", "error": "line 2 is not valid UTF-8: save the file as ' \
           'UTF-8"' in lines[[i for i, line in enumerate(lines) if '"line": 2' in line][0]]
    assert any('"line": 3' in line for line in lines)
    assert result.stderr.endswith("3 queries: 2 found something, 0 nothing, 1 failed\n")


# --- queries made to take long ----------------------------------------------------------------

HOSTILE = {
    "a" * 16_000: "the query has 16,000 characters: at most 2,000 are allowed",
    "a" * 120: "a word of the query has 120 characters (aaaaaaaaaaaaaaaaaaaa…): at most 100 are allowed",
    " ".join(f"xq{n}zz" for n in range(20_000)): "the query has 188,889 characters: at most 2,000 are allowed",
    "*": "the pattern '*' must start with at least 2 letters before a * or ? (as in Waffenliefer*): "
         "it would match most words",
    "*e*": "the pattern '*e*' must start with at least 2 letters before a * or ? (as in Waffenliefer*): "
           "it would match most words",
    "exact:*": "the pattern 'exact:*' must start with at least 2 letters before a * or ? (as in Waffenliefer*): "
               "it would match most words",
    "Putin a*": "the pattern 'a*' must start with at least 2 letters before a * or ? (as in Waffenliefer*): "
                "it would match most words",
    "(" * 1000 + "Putin" + ")" * 1000: "the query has 2,005 characters: at most 2,000 are allowed",
    "(" * 900 + "Putin" + ")" * 900: "parentheses nested 900 deep in the query: at most 20 are allowed",
}


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: q[:12])
def test_hostile_queries_are_refused_at_once(seed_index: Path, query: str) -> None:
    started = time.monotonic()
    result = run(seed_index, "search", query)
    assert (result.exit_code, result.output) == (2, f"Error: {HOSTILE[query]}\n")
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("query", ["Waff*", "M?ller", "Ukr*", '"a* Waffen"', "title:Pu*", "published:2024",
                                   " OR ".join(f"xq{n}zz" for n in range(150)),
                                   " ".join(["Waffenlieferungen", "Ukraine", "Nordkorea"] * 50)])
def test_long_and_pattern_queries_answer_within_a_second(seed_index: Path, query: str) -> None:
    assert len(query) <= MAX_QUERY_CHARS
    with Searcher.open(seed_index) as searcher:
        started = time.monotonic()
        searcher.search(query)
        searcher.search(query, match="any")
        assert time.monotonic() - started < 1


_QUERY_TEXT = st.lists(st.sampled_from(list('ab Ää*?"()~^:-[]{}/ß') + ["AND ", "OR ", "NOT ", "text:", "exact:",
                                                                      "published:", "Putin", "TO "]),
                       max_size=200).map("".join)


@settings(max_examples=300, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(_QUERY_TEXT)
def test_any_query_is_parsed_or_refused_within_a_second(query: str) -> None:
    """A fuzzer over query strings: each parses to a query or raises QueryError (no other
    exception, no recursion error), within hypothesis' deadline of a second."""
    for match in ("all", "any"):
        try:
            parse_query(query, SCHEMA, match=match)
        except QueryError:
            pass
