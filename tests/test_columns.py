"""Values in a block-compressed column read back exactly, one by one, in any order, across blocks."""
from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import RamStorage

from indexer import index_paths
from indexer.engine.columns import BlockCompressedColumn
from indexer.schema import decode_record
from indexer.store import open_live_index
from seeds import SEEDS_DIR


def _written(values: dict[int, bytes], doccount: int, blocksize: int):
    """A reader over a column holding ``values`` (document → bytes), written with ``blocksize``."""
    storage = RamStorage()
    column = BlockCompressedColumn(blocksize=blocksize)
    with storage.create_file("column") as dbfile:
        writer = column.writer(dbfile)
        for docnum in sorted(values):
            writer.add(docnum, values[docnum])
        writer.finish(doccount)
    dbfile = storage.open_file("column")
    return column.reader(dbfile, 0, storage.file_length("column"), doccount)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.integers(0, 300), st.binary(max_size=80)), st.sampled_from([1, 64, 512, 16384]),
       st.randoms(use_true_random=False))
def test_every_value_reads_back(values: dict[int, bytes], blocksize: int, random) -> None:
    reader = _written(values, 301, blocksize)
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
