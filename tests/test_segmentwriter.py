"""The bulk writer writes the segment Whoosh's own writer writes for the same documents: terms and
their statistics, every posting, every block's header, field lengths and columns."""
from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.writing import SegmentWriter

from indexer.building import SourceFile, _documents
from indexer.engine.codec import FundstelleCodec
from indexer.engine.filerecords import RecordedCommits
from indexer.engine.segmentwriter import BulkSegmentWriter
from indexer.sources import parse_article
from indexer.store import new_generation

from .conftest import SEED_FILE

# What a German article throws at the analysis: gender forms, a soft hyphen, a paragraph of stop
# words only, numbers, a word repeated far apart (positions past 127 take two bytes), compounds.
TRICKY = """Titel: Lehrer*innen und Waffenlieferungen
Datum: 2024-06-21

## Schulen

Die Lehrer:innen und LehrerInnen fordern mehr Geld für die Schul\u00adbücher.

Und die, der, das.

Am 21.06.2024 lieferte die UN-Sicherheitsrates-Delegation 3 Waffen und 1.500 Granaten.

## Lange Absätze

""" + " ".join(f"Wort{n} Lieferung" if n % 50 == 0 else f"Wort{n}" for n in range(300)) + "\n"


class WhooshSegmentWriter(RecordedCommits, SegmentWriter):
    """Whoosh's own writer, its commits recording their files' sizes as Fundstelle's index needs."""


def _articles() -> list[tuple[str, str]]:
    # 200 short paragraphs that share words: posting lists longer than a block of 128.
    many = "Titel: Viele Absätze\n\n" + "\n\n".join(
        f"Absatz {n}: die Lieferung der Waffen an die Ukraine, Teil {n % 7}." for n in range(200))
    return [("seed.txt", SEED_FILE.read_text(encoding="utf-8")), ("tricky.txt", TRICKY), ("many.txt", many)]


def _build(tmp_path: Path, name: str, writer_class: type) -> Path:
    (tmp_path / name).mkdir()
    generation, ix = new_generation(tmp_path / name)
    options = {"limitmb": 64, "compound": False, "codec": FundstelleCodec()}
    writer = writer_class(ix, **options)
    for file_name, text in _articles():
        source = SourceFile(tmp_path / file_name, file_name, None)
        for doc in _documents(source, parse_article(text, name=file_name)):
            writer.add_document(**doc)
    writer.commit()
    ix.close()
    return generation


def _contents(generation: Path) -> dict:
    from indexer.store import open_whoosh

    ix = open_whoosh(generation)
    with ix.reader() as reader:
        terms = {}
        for fieldname, term in reader.all_terms():
            info = reader.term_info(fieldname, term)
            postings, blocks = [], []
            matcher = reader.postings(fieldname, term)
            blocked = hasattr(matcher, "block_min_id")  # not an inlined list
            while matcher.is_active():
                if blocked and (not blocks or blocks[-1][1] < matcher.id()):
                    blocks.append((matcher.block_min_id(), matcher.block_max_id(), matcher.block_max_weight(),
                                   matcher.block_min_length(), matcher.block_max_length()))
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            terms[(fieldname, term)] = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                                        info.max_weight(), info.min_id(), info.max_id(), postings, blocks)
        docs = reader.doc_count_all()
        fields = ["text", "exact", "title", "heading"]
        lengths = {f: [reader.doc_field_length(d, f) for d in range(docs)] for f in fields}
        totals = {f: reader.field_length(f) for f in fields}
        columns = {c: list(reader.column_reader(c)) for c in ("record", "paragraph", "published_order")}
    ix.close()
    return {"terms": terms, "docs": docs, "lengths": lengths, "totals": totals, "columns": columns}


def test_bulk_writer_writes_whooshs_segment(tmp_path: Path) -> None:
    whoosh = _contents(_build(tmp_path, "whoosh", WhooshSegmentWriter))
    bulk = _contents(_build(tmp_path, "bulk", BulkSegmentWriter))
    assert bulk["docs"] == whoosh["docs"] > 200
    assert max(len(t[7]) for t in whoosh["terms"].values()) > 128  # several blocks for some terms
    assert any(len(v) > 1 for t in whoosh["terms"].values() for _, _, v in t[7])  # positions of two bytes
    assert bulk["terms"].keys() == whoosh["terms"].keys()
    for key, expected in whoosh["terms"].items():
        assert bulk["terms"][key] == expected, key
    for part in ("lengths", "totals", "columns"):
        assert bulk[part] == whoosh[part]


@pytest.mark.parametrize("text", ["Die Lehrer:innen der Schul\u00adbücher", "und die der", "Wort " * 200, ""])
def test_a_fields_positions_are_the_postings_whooshs_format_makes(tmp_path: Path, text: str) -> None:
    from whoosh.filedb.filestore import FileStorage

    from indexer.engine.postingpool import TermPostingPool
    from indexer.schema import build_schema

    schema = build_schema()
    for name in ("text", "exact"):
        field = schema[name]
        bulk, whoosh = (TermPostingPool(FileStorage(str(tmp_path))) for _ in range(2))
        length = bulk.add_positions(name, 3, field.analyzer.index_positions(text), field.format.field_boost,
                                    field.format.encode)
        items = list(field.index(text))
        whoosh.add_postings(name, 3, items)
        assert list(bulk.iter_postings()) == list(whoosh.iter_postings())
        assert length == sum(frequency for _, frequency, _, _ in items)
