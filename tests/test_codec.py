"""Fundstelle's codec, storage and index classes: an index that runs no code when opened, and a
damaged one that is refused in one line instead of answering wrongly."""
from __future__ import annotations

import io
import os
import pickle
import shutil
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoosh.filedb.structfile import StructFile

from indexer import IndexNotFoundError, index_paths, rebuild_index
from indexer.engine.codec import FundstelleCodec
from indexer.engine.safepickle import UnsafePickleError
from indexer.errors import IndexDamagedError
from indexer.store import current_generation, open_live_index, toc_generation
from queries import Searcher
from queries.cli import cli

from .conftest import SEED_FILE


class _RunsCode:
    """A pickle that calls os.system when it is loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def _toc_path(index_dir: Path) -> Path:
    generation = current_generation(index_dir)
    return generation / f"_paragraphs_{toc_generation(generation)}.toc"


def _rewrite_toc(index_dir: Path, schema: bytes | None = None, segments: bytes | None = None) -> None:
    """Write the live TOC again with another schema or segment pickle (Whoosh's TOC layout)."""
    path = _toc_path(index_dir)
    stream = StructFile(io.BytesIO(path.read_bytes()))
    head = [stream.read_varint() for _ in range(3)], stream.read_int(), stream.read_int(), [
        stream.read_varint() for _ in range(3)]
    old_schema, generation, unused = stream.read_string(), stream.read_int(), stream.read_int()
    old_segments = stream.file.read()
    out = StructFile(io.BytesIO())
    for number in head[0]:
        out.write_varint(number)
    out.write_int(head[1])
    out.write_int(head[2])
    for number in head[3]:
        out.write_varint(number)
    out.write_string(schema or old_schema)
    out.write_int(generation)
    out.write_int(unused)
    out.write(segments or old_segments)
    path.write_bytes(out.file.getvalue())


@pytest.fixture()
def index_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    seed = SEED_FILE.read_text(encoding="utf-8")
    for number in range(60):  # "Sonderfall" in 60 paragraphs: a posting block of its own
        (folder / f"a{number}.txt").write_text(f"{seed}\n\nDer Sonderfall Nummer {number}.\n", encoding="utf-8")
    index_paths(tmp_path / "index", [folder])
    return tmp_path / "index"


def _cli(index_dir: Path, *args: str):
    return CliRunner().invoke(cli, ["--index", str(index_dir), *args])


@pytest.mark.parametrize("part", ["schema", "segments"])
def test_a_crafted_toc_runs_no_code(index_dir: Path, tmp_path: Path, part: str) -> None:
    marker = tmp_path / "code-ran"
    _rewrite_toc(index_dir, **{part: pickle.dumps(_RunsCode(marker), 2)})
    for command in (["search", "Putin"], ["stats"], ["index", str(SEED_FILE)]):
        result = _cli(index_dir, *command)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"Error: the index at {index_dir} is damaged (the pickle names posix.system, "
                                        "which Fundstelle never writes into an index)")
        assert result.output.count("\n") == 1
    assert not marker.exists()


def test_a_crafted_posting_block_runs_no_code(index_dir: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    marker = Path("ran")  # short: the crafted block must fit in the one it replaces
    with Searcher.open(index_dir) as searcher:
        info = searcher._reader.term_info("text", "sonderfall")
        segment_file = Path(searcher._reader.segment().make_filename(FundstelleCodec.POSTS_EXT))
        offset, (length,) = info.extent()  # Whoosh 2.7.4 reads the length back as a 1-tuple
    assert length > 60  # a block of its own, not inlined
    path = current_generation(index_dir) / segment_file.name
    data = bytearray(path.read_bytes())
    # After the magic number and the block's length and header: the compressed postings, which
    # zlib reads up to the end of its own stream.
    header_end = data.index(b".", offset + 8) + 1  # the pickled header ends with STOP
    evil = zlib.compress(pickle.dumps(_RunsCode(marker), 3))
    assert len(evil) <= offset + length - header_end
    data[header_end:header_end + len(evil)] = evil
    path.write_bytes(bytes(data))
    result = _cli(index_dir, "search", "Sonderfall")
    assert (result.exit_code, result.output) == (2, "Error: the pickle names posix.system, which Fundstelle "
                                                    "never writes into an index\n")
    assert not marker.exists()
    with pytest.raises(UnsafePickleError), Searcher.open(index_dir) as searcher:
        list(searcher._searcher.search(searcher.parse("Sonderfall"), limit=None))  # Whoosh's own matcher
    assert not marker.exists()


@pytest.mark.parametrize("suffix", [".toc", ".trm", ".pst", "._text_len.col", ".record.col"])
def test_a_truncated_file_is_a_damaged_index_until_rebuilt(index_dir: Path, suffix: str) -> None:
    with Searcher.open(index_dir) as searcher:
        before = [(hit.citation, hit.score) for hit in searcher.search("Sonderfall Waffenlieferung").hits]
    path = next(p for p in current_generation(index_dir).iterdir() if p.name.endswith(suffix))
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(size - 3)
    for command in (["search", "Putin"], ["stats"], ["index", str(SEED_FILE)]):
        result = _cli(index_dir, *command)
        assert result.exit_code == 2
        assert result.output.startswith(f"Error: the index at {index_dir} is damaged (")
        assert result.output.endswith("): run 'fundstelle rebuild'\n") and result.output.count("\n") == 1
    if suffix != ".toc":
        assert f"{path.name} has {size - 3:,} bytes instead of {size:,} (truncated?)" in result.output
    rebuild_index(index_dir)
    with Searcher.open(index_dir) as searcher:
        assert [(hit.citation, hit.score) for hit in searcher.search("Sonderfall Waffenlieferung").hits] == before


def test_a_missing_record_of_file_sizes_is_a_damaged_index(index_dir: Path) -> None:
    next(current_generation(index_dir).glob("files-*.json")).unlink()
    with pytest.raises(IndexDamagedError, match=r"the index file files-1\.json is missing"):
        open_live_index(index_dir)


def test_an_index_of_another_codec_is_refused(index_dir: Path) -> None:
    """A segment that names Whoosh's plain codec (not on the allow-list) is not opened."""
    from whoosh.codec.whoosh3 import W3Codec

    generation = current_generation(index_dir)
    with Searcher.open(index_dir) as searcher:
        segments = searcher._index._read_toc().segments
    for segment in segments:
        segment._codec = W3Codec()
    _rewrite_toc(index_dir, segments=pickle.dumps(segments, 2))
    with pytest.raises(IndexDamagedError, match="whoosh.codec.whoosh3.W3Codec"):
        open_live_index(index_dir)
    assert (generation / "files-1.json").exists()


def test_temporary_folders_are_inside_the_index_and_go_with_the_run(index_dir: Path) -> None:
    generation = current_generation(index_dir)
    assert not list(generation.glob("*.tmp"))
    (generation / "leftover.tmp").mkdir()  # what a killed run leaves
    (generation / "paragraphs_zzzzzzzzzzzzzzzz.pst").write_bytes(b"half a segment")
    index_paths(index_dir, [SEED_FILE])
    assert not (generation / "leftover.tmp").exists()
    assert not (generation / "paragraphs_zzzzzzzzzzzzzzzz.pst").exists()


def test_an_index_folder_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "index"
    shutil.copy(SEED_FILE, not_a_folder)
    for command in (["search", "Putin"], ["stats"], ["index", str(SEED_FILE)], ["rebuild"]):
        result = _cli(not_a_folder, *command)
        assert (result.exit_code, result.output) == (
            2, f"Error: {not_a_folder} is a file, not an index folder: give another --index\n"), command
    with pytest.raises(IndexNotFoundError):
        open_live_index(not_a_folder)
