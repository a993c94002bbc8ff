"""Collapsing reads a hit's copies from its keys' lists: the same groups as comparing the hit with
every matching paragraph; keys that many paragraphs have (boilerplate) group none."""
from __future__ import annotations

import struct
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.decade import write_archive
from indexer import index_paths
from indexer.copies import COMMON_KEY_MIN, COMMON_KEY_TIMES, KEYS, are_copies, shingles
from queries import Searcher, collapsing, searching
from queries.postings import matching_docs, segments

from .conftest import shared_path

QUERIES = ["Putin", "Waffenlieferungen Nordkorea", '"Lieferungen an die Ukraine"', "Präsid*", "Kiew OR Seoul",
           "Putin NOT Kiew", "Antrag", "Behörde Genehmigung", '"zuständigen Behörde"', "Verordn*", "Goldmünze"]


def _groups_by_scanning(searcher: Searcher, query: str, limit: int | None) -> list[tuple[int, tuple[int, ...]]]:
    """The hits shown and their copies, each hit's distinctive keys compared with every match's."""
    whoosh = searcher._searcher
    parsed = searcher.parse(query, "all")
    matches = matching_docs(whoosh, parsed)
    columns = [(offset, subsearcher.reader().column_reader("copies", translate=False))
               for subsearcher, offset in segments(whoosh)]
    record = searcher._record

    def keys_of(docnum: int) -> set[int]:
        offset, column = max((segment for segment in columns if segment[0] <= docnum), key=lambda s: s[0])
        return set(struct.unpack_from(f">{KEYS}H", column[docnum - offset])) - {0}

    paragraphs = whoosh.reader().doc_count_all()
    having = Counter(key for docnum in range(paragraphs) for key in keys_of(docnum))
    common_from = max(COMMON_KEY_MIN, COMMON_KEY_TIMES * KEYS * paragraphs / 0xFFFF)

    def copies_of(docnum: int) -> set[int]:
        own = {key for key in keys_of(docnum) if having[key] <= common_from}
        return {other for other in matches if own and other != docnum
                and len(own & keys_of(other)) >= min(2, len(own))
                and record(other)["path"] != record(docnum)["path"]
                and are_copies(shingles(record(docnum)["text"]), shingles(record(other)["text"]))}

    shown: list[tuple[int, tuple[int, ...]]] = []
    hidden: set[int] = set()
    for docnum, _score in searcher._ranked(parsed, None, "all", None, "relevance").docs:
        if len(shown) == limit:
            break
        if docnum in hidden:
            continue
        # The hit's copies and their copies, none shown before.
        copies = copies_of(docnum) - hidden
        group = {docnum} | copies | {other for copy in copies for other in copies_of(copy) - hidden}
        copies = tuple(sorted(other for other in group if record(other)["path"] != record(docnum)["path"]))
        hidden.update(copies)
        shown.append((docnum, copies))
    return shown


@pytest.fixture(scope="module")
def archive_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 paragraphs of the decade archive (law sentences, a tenth agency copy), in two updates."""
    shared_path("data")
    archive, index = tmp_path_factory.mktemp("archive"), tmp_path_factory.mktemp("archive-index")
    write_archive(archive, 3000)
    years = sorted(archive.glob("*/*"))
    index_paths(index, [year for year in years if year.name < "2020"])
    index_paths(index, [archive])
    return index


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("index_name", ["updated_index", "archive_index"])
@pytest.mark.parametrize("limit", [None, 3])
@pytest.mark.parametrize("numpy_from", [1, 10**9], ids=["by-numpy", "one-by-one"])
def test_groups_are_those_of_scanning_every_match(request: pytest.FixtureRequest, index_name: str, query: str,
                                                 limit: int | None, numpy_from: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collapsing, "_NUMPY_LOADED_FROM", numpy_from)
    monkeypatch.setattr(collapsing, "_NUMPY_FROM", numpy_from)
    monkeypatch.setattr(collapsing, "_NUMPY_AFTER_COMPARED", numpy_from)
    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        _ranked, shown, _record = searcher._collapsed(searcher.parse(query, "all"), limit, "all", None, "relevance")
        assert [(item.docnum, item.copies) for item in shown] == _groups_by_scanning(searcher, query, limit)


@pytest.mark.parametrize("query", ["Antrag", "Verordn*", "Behörde Genehmigung"])
def test_a_ranking_too_shallow_for_its_groups_is_deepened_step_by_step(
        archive_index: Path, query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ranked one paragraph deep, then twice as deep each time, until ten hits are shown."""
    monkeypatch.setattr(searching, "COLLAPSE_DEPTH", 0)
    monkeypatch.setattr(searching, "COLLAPSE_DEPTH_EXTRA", 1)
    monkeypatch.setattr(searching, "COLLAPSE_DEEPER", 2)
    depths: list[int | None] = []
    ranked = Searcher._ranked

    def counting(self, parsed, limit, *args):
        depths.append(limit)
        return ranked(self, parsed, limit, *args)

    monkeypatch.setattr(Searcher, "_ranked", counting)
    with Searcher.open(archive_index) as searcher:
        _ranked, shown, _record = searcher._collapsed(searcher.parse(query, "all"), 10, "all", None, "relevance")
        monkeypatch.setattr(Searcher, "_ranked", ranked)
        assert [(item.docnum, item.copies) for item in shown] == _groups_by_scanning(searcher, query, 10)
    assert depths[:5] == [1, 2, 4, 8, 16]


def test_the_archive_has_copies_to_collapse(archive_index: Path) -> None:
    with Searcher.open(archive_index) as searcher:
        grouped = [hit for query in QUERIES for hit in searcher.search(query, limit=None).hits if hit.duplicates]
        assert len(grouped) > 20


def test_candidates_are_compared_by_numpy_once_many_were_compared_one_by_one(
        archive_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Numpy is imported for the bitmaps once a searcher has compared as many candidates in
    Python as its import costs; either way, the same candidates are kept."""
    monkeypatch.setattr(collapsing, "_NUMPY_LOADED_FROM", 10**9)
    monkeypatch.setattr(collapsing, "_NUMPY_FROM", 10**9)
    monkeypatch.setattr(collapsing, "_NUMPY_AFTER_COMPARED", 100)
    test_of = collapsing.may_be_copies_of
    compared: list[int] = []

    def counted_test_of(first: bytes):
        may_be_copy = test_of(first)
        return lambda second: compared.append(1) or may_be_copy(second)

    monkeypatch.setattr(collapsing, "may_be_copies_of", counted_test_of)
    with Searcher.open(archive_index) as searcher:
        _ranked, shown, _record = searcher._collapsed(searcher.parse("Antrag", "all"), None, "all", None,
                                                      "relevance")
        item = next(item for item in shown if item.copies)
    others = sorted({*item.copies, *range(60)} - {item.docnum})
    with Searcher.open(archive_index) as searcher:  # a searcher that has compared none yet
        keys = searcher._key_lists()
        compared.clear()
        kept = [keys.may_be_copies(item.docnum, others) for _ in range(3)]
        # Once, then once more (fewer than 100 compared before), then by numpy.
        assert len(compared) == 2 * len(others)
        assert kept[0] == kept[1] == kept[2] and set(item.copies) <= set(kept[0])


@pytest.mark.parametrize("numpy_from", [1, 10**9], ids=["by-numpy", "one-by-one"])
def test_the_paragraphs_sharing_keys_are_live_ones(updated_index: Path, numpy_from: int,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """b.txt's first version is deleted: its paragraphs share every key with a.txt's and c.txt's,
    and are never listed among them (the archive's statistics read them without a query)."""
    monkeypatch.setattr(collapsing, "_NUMPY_LOADED_FROM", numpy_from)
    monkeypatch.setattr(collapsing, "_NUMPY_FROM", numpy_from)
    with Searcher.open(updated_index) as searcher:
        keys, reader = searcher._key_lists(), searcher._searcher.reader()
        deleted = {docnum for docnum in range(reader.doc_count_all()) if reader.is_deleted(docnum)}
        assert deleted
        listed = [set(keys.sharing(own, min(2, len(own)))) for own in map(keys.keys_of, sorted(deleted)) if own]
    assert listed and all(found and not found & deleted for found in listed)


def test_deleted_paragraphs_are_no_copies(updated_index: Path) -> None:
    # b.txt was changed after it was indexed: its first version's paragraphs are deleted, and the
    # paragraph without Putin in it is in each of a.txt, b.txt and c.txt once.
    with Searcher.open(updated_index) as searcher:
        hits = searcher.search("Präzisionswaffen", limit=None).hits
        cited = [hit.path for hit in hits] + [copy.path for hit in hits for copy in hit.duplicates]
        assert sorted(Path(path).name for path in cited) == ["a.txt", "b.txt", "c.txt"]


@pytest.mark.parametrize(("outlets", "grouped"), [(60, True), (70, False)])
def test_boilerplate_of_many_articles_is_no_copy(tmp_path: Path, outlets: int, grouped: bool) -> None:
    """A sentence that more than COMMON_KEY_MIN articles end with makes them no copies of each
    other; an agency's paragraph among them is still grouped."""
    boilerplate = "Die Polizei bittet Zeugen um Hinweise unter der Rufnummer der Wache."
    agency = ("Die Landesregierung will die Förderung für kommunale Schwimmbäder im kommenden Jahr auf "
              "zwölf Millionen Euro verdoppeln, teilte das Innenministerium am Montag mit.")
    for number in range(outlets):
        report = f"Ein Radfahrer wurde in der Straße Nummer {number} am Abend von einem Lieferwagen erfasst."
        (tmp_path / f"bericht{number}.txt").write_text(f"Unfall {number}\n\n{report}\n\n{boilerplate}\n",
                                                       encoding="utf-8")
    for outlet in ("kurier", "anzeiger"):
        (tmp_path / f"{outlet}.txt").write_text(f"Schwimmbäder\n\n{agency}\n", encoding="utf-8")
    index = tmp_path / "index"
    index_paths(index, [tmp_path])
    with Searcher.open(index) as searcher:
        hits = searcher.search("Polizei Hinweise", limit=None).hits
        assert len(hits) == (1 if grouped else outlets)
        (hit,) = searcher.search("Schwimmbäder Förderung").hits
        assert len(hit.duplicates) == 1


def test_merged_segments_list_their_keys(tmp_path: Path) -> None:
    """Articles indexed one at a time: Whoosh merges the small segments, and the merged segment's
    key lists find the copies as scanning does."""
    agency = ("Die Landesregierung will die Förderung für kommunale Schwimmbäder im kommenden Jahr auf "
              "zwölf Millionen Euro verdoppeln, teilte das Innenministerium am Montag mit.")
    corpus, index = tmp_path / "news", tmp_path / "index"
    corpus.mkdir()
    for number in range(25):
        own = agency if number % 3 == 0 else f"Der Stadtrat berät zum {number}. Mal über die Förderung."
        (corpus / f"bericht{number}.txt").write_text(f"Haushalt {number}\n\n{own}\n", encoding="utf-8")
        index_paths(index, [corpus])
    with Searcher.open(index) as searcher:
        assert max(subsearcher.reader().doc_count_all() for subsearcher, _ in segments(searcher._searcher)) > 2
        for query in ("Förderung", "Schwimmbäder"):
            _ranked, shown, _record = searcher._collapsed(searcher.parse(query, "all"), None, "all", None, "relevance")
            assert [(item.docnum, item.copies) for item in shown] == _groups_by_scanning(searcher, query, None)
        (hit,) = searcher.search("Schwimmbäder").hits
        assert len(hit.duplicates) == 8


# One agency text edited again and again: each version a copy of the one before (three words
# changed), the first and the third no longer copies of each other.
BRIDGES = ("Die Bundesregierung will bis zum Jahr 2030 rund zwei Milliarden Euro in die Sanierung maroder Brücken "
           "an Autobahnen und Bundesstraßen investieren, teilte das Verkehrsministerium am Montag in Berlin mit.")
BRIDGES_EDITS = [("rund zwei", "etwa zwei"), ("maroder", "alter"), ("am Montag", "am Dienstag"),
                 ("Bundesregierung", "Koalition"), ("Sanierung", "Erneuerung"), ("in Berlin", "in Bonn"),
                 ("Autobahnen", "Landstraßen"), ("investieren", "stecken"), ("teilte", "sagte")]


def test_a_group_is_the_copies_and_their_copies_not_a_chain(tmp_path: Path) -> None:
    versions = [BRIDGES]
    for start in range(0, len(BRIDGES_EDITS), 3):
        text = versions[-1]
        for old, new in BRIDGES_EDITS[start:start + 3]:
            text = text.replace(old, new)
        versions.append(text)
    pairs = [shingles(text) for text in versions]
    assert [are_copies(pairs[0], other) for other in pairs[1:]] == [True, False, False]
    assert all(are_copies(first, second) for first, second in zip(pairs, pairs[1:]))
    corpus = tmp_path / "corpus"
    for outlet, text in zip(["dpa", "taz", "welt", "zeit"], versions):
        (corpus / outlet).mkdir(parents=True)
        (corpus / outlet / "bruecken.txt").write_text(f"Brücken\n\n{text}\n", encoding="utf-8")
    index_paths(tmp_path / "index", [corpus])
    # Only the first version says "maroder": it ranks first, its copy and its copy's copy with it;
    # the last version is a copy of the third alone, which is shown already.
    with Searcher.open(tmp_path / "index") as searcher:
        hits = searcher.search("Brücken OR maroder", limit=None).hits
    assert [(Path(hit.path).parent.name, [Path(copy.path).parent.name for copy in hit.duplicates]) for hit in hits] == [
        ("dpa", ["taz", "welt"]), ("zeit", [])]
