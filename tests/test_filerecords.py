"""Each commit's record of its files (indexer.engine.filerecords) and damage found by reading:
a file damaged in place, its size unchanged, is said as the index's damage by every search that
reads it (exit 2), and by ``fundstelle check`` always, naming the file."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import IndexDamagedError, check_index, index_paths, rebuild_index
from indexer.engine import filerecords
from indexer.store import current_generation
from queries.cli import cli

WORDS = ("Haus", "Gesetz", "Behörde", "Antrag", "Frist", "Verordnung", "Bescheid", "Gericht", "Klage", "Urteil")


@pytest.fixture(scope="module")
def sound_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of 2,000 paragraphs: several blocks in every column and posting list."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(28)
    for number in range(200):
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(40)) + f" Fall{number * 10 + p}." for p in range(10)]
        (folder / f"akte{number:03d}.txt").write_text(f"Akte {number}\n\n" + "\n\n".join(paragraphs),
                                                      encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("index") / "index"
    index_paths(index_dir, [folder])
    return index_dir


@pytest.fixture()
def index_dir(sound_index: Path, tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(sound_index, tmp_path / "index")
    return tmp_path / "index"


def _cli(index_dir: Path, *args: str):
    return CliRunner().invoke(cli, ["--index", str(index_dir), *args])


def _overwrite_middle(path: Path, count: int = 3000) -> None:
    """What the issue did: ``count`` random bytes in the middle of a file, its size unchanged."""
    size = path.stat().st_size
    start = max(0, size // 2 - count // 2)
    with open(path, "r+b") as fh:
        fh.seek(start)
        fh.write(random.Random(start).randbytes(min(count, size - start)))
    assert path.stat().st_size == size


def _segment_file(index_dir: Path, suffix: str) -> Path:
    return next(p for p in current_generation(index_dir).iterdir() if p.name.endswith(suffix))


def test_a_sound_index_checks_sound(sound_index: Path) -> None:
    result = _cli(sound_index, "check")
    assert result.exit_code == 0
    assert result.output.startswith(f"the index at {sound_index} is sound: ")
    row = json.loads(_cli(sound_index, "check", "--json").output)
    assert (row["sound"], row["problems"]) == (True, [])
    assert row["files"] == len(list(current_generation(sound_index).glob("paragraphs_*")))
    assert row["bytes"] == sum(p.stat().st_size for p in current_generation(sound_index).glob("paragraphs_*"))


def test_every_file_of_a_commit_is_recorded_with_its_checksum(sound_index: Path) -> None:
    import hashlib

    generation = current_generation(sound_index)
    record = json.loads(next(generation.glob("files-*.json")).read_text(encoding="utf-8"))
    assert sorted(record) == sorted(p.name for p in generation.glob("paragraphs_*"))
    for name, entry in record.items():
        data = (generation / name).read_bytes()
        assert entry == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def test_a_commit_hashes_only_its_new_files(index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hashed: list[str] = []
    real = filerecords._sha256
    monkeypatch.setattr(filerecords, "_sha256", lambda storage, name: hashed.append(name) or real(storage, name))
    (tmp_path / "neu.txt").write_text("Neu\n\nEin neuer Bescheid.", encoding="utf-8")
    index_paths(index_dir, [tmp_path / "neu.txt"])
    generation = current_generation(index_dir)
    record = json.loads(sorted(generation.glob("files-*.json"))[-1].read_text(encoding="utf-8"))
    new_segment = {name.split(".")[0] for name in hashed}
    assert len(new_segment) == 1 and len(record) > len(hashed)
    assert check_index(index_dir)["sound"]


@pytest.mark.parametrize("suffix", [".record.col", ".pst", ".trm", "._text_len.col", ".paragraph.col"])
def test_check_finds_a_file_damaged_in_place_and_names_it(index_dir: Path, suffix: str) -> None:
    path = _segment_file(index_dir, suffix)
    _overwrite_middle(path)
    result = _cli(index_dir, "check")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"damaged {path.name}: its content is not what commit 1 wrote (checksum)",
        f"Error: the index at {index_dir} is damaged (the index file {path.name}: its content is not what commit 1 "
        "wrote (checksum)): run 'fundstelle rebuild'"]
    rebuild_index(index_dir)
    assert _cli(index_dir, "check").exit_code == 0


def _overwrite_postings(index_dir: Path, term: str) -> None:
    """Random bytes over the middle of ``text:term``'s posting list (its blocks)."""
    from queries import Searcher

    with Searcher.open(index_dir) as searcher:
        offset, length = searcher._reader.term_info("text", term).extent()
    length = length[0] if isinstance(length, tuple) else length  # Whoosh 2.7.4 reads it back as a 1-tuple
    path = _segment_file(index_dir, ".pst")
    data = bytearray(path.read_bytes())
    data[offset + length // 2:offset + length // 2 + 500] = random.Random(offset).randbytes(500)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("suffix", [".record.col", ".pst"])
def test_a_search_that_reads_a_damaged_block_fails_with_exit_2(index_dir: Path, suffix: str) -> None:
    # Issue 28: zlib.error, a traceback and exit 1 ("nothing found" to a script).
    if suffix == ".pst":
        _overwrite_postings(index_dir, "haus")
    else:
        _overwrite_middle(_segment_file(index_dir, suffix))
    results = [_cli(index_dir, "search", word, "-n", "2000") for word in WORDS]
    failed = [result for result in results if result.exit_code != 0]
    assert failed, "no search read the damaged part: damage a larger part"
    for result in failed:
        assert result.exit_code == 2 and result.output.count("\n") == 1
        assert result.output.startswith(f"Error: the index at {index_dir} is damaged (")
        assert result.output.endswith(": run 'fundstelle rebuild'\n")
    assert not any(result.exception and not isinstance(result.exception, SystemExit) for result in results)


def test_damage_anywhere_is_never_a_traceback(index_dir: Path) -> None:
    """Every kind of file damaged at a few places: each search answers or says the index is damaged."""
    rng = random.Random(2028)
    for path in sorted(current_generation(index_dir).glob("paragraphs_*")):
        original = path.read_bytes()
        for _ in range(3 if original else 0):
            data = bytearray(original)
            start = rng.randrange(len(data))
            data[start:start + 64] = rng.randbytes(len(data[start:start + 64]))
            path.write_bytes(bytes(data))
            for query in ("Haus", "Gesetz Behörde", '"Antrag Frist"', "Bescheid*", "Fall7"):
                result = _cli(index_dir, "search", query, "-n", "500", "-C", "1")
                assert result.exit_code in (0, 1, 2), (path.name, start, result.output)
                assert not (result.exception and not isinstance(result.exception, SystemExit)), (
                    path.name, start, repr(result.exception))
        path.write_bytes(original)
    assert _cli(index_dir, "check").exit_code == 0


def test_a_missing_record_is_a_problem_check_names(index_dir: Path) -> None:
    next(current_generation(index_dir).glob("files-*.json")).unlink()
    result = _cli(index_dir, "check", "--json")
    assert result.exit_code == 2
    assert json.loads(result.output.splitlines()[0])["problems"] == [
        {"file": "files-1.json", "problem": "missing: the commit's record of its files"}]


def test_check_without_an_index(tmp_path: Path) -> None:
    result = _cli(tmp_path / "none", "check")
    assert (result.exit_code, result.output) == (2, f"Error: no index at {tmp_path / 'none'}: run 'fundstelle index' "
                                                    "first\n")




def test_a_record_of_sizes_alone_is_still_read(index_dir: Path) -> None:
    """An index written before checksums recorded sizes alone: opening it (a rebuild whose
    manifest is lost reads the old index) checks the sizes, as it did."""
    from indexer.store import open_whoosh

    path = next(current_generation(index_dir).glob("files-*.json"))
    sizes = {name: entry["size"] for name, entry in json.loads(path.read_text(encoding="utf-8")).items()}
    path.write_text(json.dumps(sizes), encoding="utf-8")
    open_whoosh(current_generation(index_dir)).close()
    truncated = _segment_file(index_dir, ".pst")
    with open(truncated, "r+b") as fh:
        fh.truncate(truncated.stat().st_size - 3)
    with pytest.raises(IndexDamagedError, match=r"\.pst has .* bytes instead of"):
        open_whoosh(current_generation(index_dir))
