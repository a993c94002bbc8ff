"""Values in a block-compressed column read back exactly, one by one, in any order, across blocks;
a damaged block is a damaged index."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import RamStorage

from indexer import index_paths
from indexer.engine.columns import DICTIONARY_SIZE, BlockCompressedColumn
from indexer.errors import IndexDamagedError
from indexer.schema import decode_record
from indexer.store import open_live_index
from seeds import SEEDS_DIR

ARTICLES = Path(__file__).parent / "data" / "articles"


def _written(values: dict[int, bytes], doccount: int, blocksize: int, dictionary_size: int = DICTIONARY_SIZE,
             cut: int = 0):
    """A reader over a column holding ``values`` (document → bytes), written with ``blocksize``
    and ``dictionary_size`` (``cut``: that many bytes of its first block overwritten)."""
    storage = RamStorage()
    column = BlockCompressedColumn(blocksize=blocksize, dictionary_size=dictionary_size)
    with storage.create_file("column") as dbfile:
        writer = column.writer(dbfile)
        for docnum in sorted(values):
            writer.add(docnum, values[docnum])
        writer.finish(doccount)
    if cut:
        data = storage.files["column"]
        storage.files["column"] = bytes(cut) + data[cut:]
    dbfile = storage.open_file("column")
    return column.reader(dbfile, 0, storage.file_length("column"), doccount)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.integers(0, 300), st.binary(max_size=80)), st.sampled_from([1, 64, 512, 16384]),
       st.sampled_from([0, 1, 100, DICTIONARY_SIZE]), st.randoms(use_true_random=False))
def test_every_value_reads_back(values: dict[int, bytes], blocksize: int, dictionary_size: int, random) -> None:
    reader = _written(values, 301, blocksize, dictionary_size)
    docnums = list(range(301))
    random.shuffle(docnums)
    for docnum in docnums:  # documents without a value read as b""
        assert reader[docnum] == values.get(docnum, b"")


def test_german_text_shrinks_in_blocks() -> None:
    paragraph = "Die Bundesregierung hat die Waffenlieferungen an Nordkorea scharf verurteilt. ".encode()
    values = {n: paragraph + str(n).encode() for n in range(2000)}
    reader = _written(values, 2000, 16 * 1024)
    assert reader._length < sum(map(len, values.values())) / 10
    assert [reader[n] for n in (1999, 0, 1000)] == [values[1999], values[0], values[1000]]


def test_blocks_take_what_they_share_with_the_first_values_from_the_dictionary() -> None:
    """Article fields and sentences that recur through a column (``"path":"kurier/…``) are in its
    first 24 KB: small blocks compressed against those take less than alone."""
    paragraphs = [line for path in sorted(ARTICLES.glob("*.txt"))
                  for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    values = {n: f'{{"path":"kurier/2019/2019-03-{n % 28 + 1:02}.jsonl","paragraph":{n % 7 + 1},'
                 f'"text":"{paragraphs[n % len(paragraphs)]}"}}'.encode() for n in range(3000)}
    alone, primed = (_written(values, 3000, 8 * 1024, dictionary_size) for dictionary_size in (0, DICTIONARY_SIZE))
    assert primed._length < alone._length * 0.8
    assert [primed[n] for n in (2999, 0, 1500)] == [values[2999], values[0], values[1500]]


@pytest.mark.parametrize("cut", [4, 40])
def test_a_damaged_block_is_a_damaged_index(cut: int) -> None:
    values = {n: f"Absatz {n} über die Waffenlieferungen an Nordkorea.".encode() for n in range(2000)}
    reader = _written(values, 2000, 1024, cut=cut)
    with pytest.raises(IndexDamagedError, match="block 1 of a column cannot be decoded"):
        reader[0]
    assert reader[1999] == values[1999]  # the other blocks read on


def test_an_empty_column_reads_as_empty() -> None:
    assert _written({}, 3, 1024)[2] == b""


def test_records_survive_a_merge(tmp_path: Path) -> None:
    """Whoosh copies column values value by value when it merges segments."""
    articles = tmp_path / "articles"
    articles.mkdir()
    seed = next(SEEDS_DIR.glob("*.txt")).read_text(encoding="utf-8")
    for number in range(12):  # each run adds a segment; Whoosh merges small ones as it commits
        (articles / f"a{number}.txt").write_text(seed.replace("Nordkorea", f"Nordkorea{number}"), encoding="utf-8")
        index_paths(tmp_path / "index", [articles])
    index, _ = open_live_index(tmp_path / "index")
    with contextlib.closing(index), index.reader() as reader:
        assert len(list(reader.leaf_readers())) < 12
        records = reader.column_reader("record", translate=False)
        texts = [decode_record(records[docnum]) for docnum in reader.all_doc_ids()]
    per_article = len(texts) // 12
    assert per_article >= 8 and len(texts) == 12 * per_article
    for number in range(12):
        mine = sorted((r for r in texts if r["path"] == f"articles/a{number}.txt"), key=lambda r: r["paragraph"])
        assert [r["paragraph"] for r in mine] == list(range(1, per_article + 1))
        assert any(f"Nordkorea{number} " in r["text"] or f"Nordkorea{number}," in r["text"] for r in mine)
