"""Building the index: sources, incremental updates, rebuild, versions, the write lock."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from indexer import (
    IndexLockedError,
    IndexVersionError,
    SourceNotFoundError,
    find_sources,
    index_paths,
    rebuild_index,
)
from indexer.building import BuildOptions, recorded_paths, remove_paths
from indexer.store import claim_index_folder, current_generation, live_manifest_path, write_lock
from queries import Searcher, search

ARTICLE = " date 2024-06 {title} Stand: 21.06.2024 09:28 Uhr\n\n{body}\n"


def write_article(path: Path, title: str, *paragraphs: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title, body="\n\n".join(paragraphs)), encoding="utf-8")
    return path


def cited(index_dir: Path, query: str) -> list[str]:
    return sorted(h.citation for h in search(index_dir, query, limit=None).hits)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    write_article(root / "a.txt", "Bahn", "Der Streik der Bahn beginnt heute.", "Der Streik endet morgen.")
    write_article(root / "2024" / "b.txt", "Wetter", "Gewitter über Köln.")
    (root / "notes.odt").write_text("Kein Artikel: ein Format, das Fundstelle nicht liest.", encoding="utf-8")
    (root / ".hidden.txt").write_text("Versteckt.", encoding="utf-8")
    return root


def test_find_sources_walks_folders_with_stable_citations(corpus: Path) -> None:
    sources, roots = find_sources([corpus])
    assert sorted(s.path for s in sources) == ["news/2024/b.txt", "news/a.txt"]
    assert roots == [corpus.resolve()]
    sources, _ = find_sources([corpus], include=["*.odt"])
    assert [s.path for s in sources] == ["news/notes.odt"]
    sources, roots = find_sources([corpus / "a.txt"])
    assert [s.path for s in sources] == ["a.txt"] and roots == []


def test_find_sources_rejects_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError, match="no such file or folder: .*nirgends"):
        find_sources([tmp_path / "nirgends"])


def test_incremental_updates(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    report = index_paths(index_dir, [corpus])
    assert (sorted(report.added), report.paragraphs) == (["news/2024/b.txt", "news/a.txt"], 3)
    assert cited(index_dir, "Streik") == ["news/a.txt ¶1", "news/a.txt ¶2"]

    report = index_paths(index_dir, [corpus])
    assert (report.added, report.updated, sorted(report.unchanged), report.paragraphs) == (
        [], [], ["news/2024/b.txt", "news/a.txt"], 0,
    )

    write_article(corpus / "a.txt", "Bahn", "Die Bahn fährt wieder.")
    (corpus / "2024" / "b.txt").unlink()
    write_article(corpus / "c.txt", "Köln", "Der Dom steht.")
    report = index_paths(index_dir, [corpus])
    assert (report.added, report.updated, report.removed) == (["news/c.txt"], ["news/a.txt"], ["news/2024/b.txt"])
    assert cited(index_dir, "Streik") == []
    assert cited(index_dir, "Bahn") == ["news/a.txt ¶1"]
    assert cited(index_dir, "Gewitter") == []
    assert cited(index_dir, "Dom") == ["news/c.txt ¶1"]


def test_touched_but_unchanged_file_is_not_reanalysed(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [corpus])
    os.utime(corpus / "a.txt", ns=(1, 1))
    report = index_paths(index_dir, [corpus])
    assert report.updated == [] and "news/a.txt" in report.unchanged


def test_unusable_files_are_skipped_with_reason(tmp_path: Path, corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bild.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    report = index_paths(tmp_path / "index", [corpus])
    assert sorted(report.skipped) == [
        ("news/bild.txt", "binary file (contains NUL bytes)"),
        ("news/empty.txt", "empty file (no text)"),
    ]
    assert sorted(report.added) == ["news/2024/b.txt", "news/a.txt"]


def test_file_turned_unusable_loses_its_paragraphs(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [corpus])
    (corpus / "a.txt").write_bytes(b"")
    report = index_paths(index_dir, [corpus])
    assert report.skipped == [("news/a.txt", "empty file (no text)")]
    assert report.removed == ["news/a.txt"]
    assert cited(index_dir, "Streik") == []


def test_report_summary_and_json(tmp_path: Path, corpus: Path) -> None:
    report = index_paths(tmp_path / "index", [corpus])
    assert report.summary().startswith("2 added (3 paragraphs, ")
    data = json.loads(json.dumps(report.as_dict()))
    assert data["paragraphs"] == 3 and data["skipped"] == []


def test_rebuild_rereads_sources_and_reports_missing(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [corpus])
    first = current_generation(index_dir)
    (corpus / "2024" / "b.txt").unlink()
    report = rebuild_index(index_dir)
    assert report.missing == ["news/2024/b.txt"]
    assert report.added == ["news/a.txt"]
    assert current_generation(index_dir) != first
    assert cited(index_dir, "Streik") == ["news/a.txt ¶1", "news/a.txt ¶2"]
    assert cited(index_dir, "Gewitter") == []


def test_old_index_version_asks_for_rebuild_and_rebuild_fixes_it(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [corpus])
    manifest_path = live_manifest_path(current_generation(index_dir))
    manifest = json.loads(manifest_path.read_text())
    manifest["analysis_version"] = 0
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexVersionError) as excinfo:
        search(index_dir, "Streik")
    assert str(excinfo.value).endswith("run 'fundstelle rebuild'")
    with pytest.raises(IndexVersionError):
        index_paths(index_dir, [corpus])
    rebuild_index(index_dir)
    assert cited(index_dir, "Streik") == ["news/a.txt ¶1", "news/a.txt ¶2"]


def test_second_writer_stops_with_clear_message(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    claim_index_folder(index_dir)
    with write_lock(index_dir):
        with pytest.raises(IndexLockedError) as excinfo:
            index_paths(index_dir, [corpus], wait=0.2)
    assert "another fundstelle process is writing the index" in str(excinfo.value)
    assert index_paths(index_dir, [corpus]).added


def test_encodings_and_invisible_characters_index_correctly(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "cp1252.txt").write_bytes("Titel\r\n\r\nDer Präsident äußert sich „deutlich“.\r\n".encode("cp1252"))
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "Titel\n\nDie Außenministerin reist.\n".encode("utf-8"))
    soft = "Titel\n\nDie Waffen\u00adlieferung kommt\u00a0heute; Zu\u200bsammen\u200barbeit.\n"
    (folder / "soft.txt").write_text(soft, encoding="utf-8")
    index_dir = tmp_path / "index"
    report = index_paths(index_dir, [folder])
    assert sorted(report.added) == ["news/bom.txt", "news/cp1252.txt", "news/soft.txt"]
    assert cited(index_dir, "Präsident") == ["news/cp1252.txt ¶1"]
    (hit,) = search(index_dir, "Präsident").hits
    assert hit.text == "Der Präsident äußert sich „deutlich“."
    assert cited(index_dir, "Außenministerin") == ["news/bom.txt ¶1"]
    assert cited(index_dir, "Waffenlieferung") == ["news/soft.txt ¶1"]
    assert cited(index_dir, '"kommt heute"') == ["news/soft.txt ¶1"]
    assert cited(index_dir, "Zusammenarbeit") == ["news/soft.txt ¶1"]
    assert search(index_dir, "Titel").hits == ()  # the title line is the title, not a paragraph


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and symlinks")
def test_special_files_are_skipped_with_reason(tmp_path: Path, corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "dangling.txt").symlink_to(corpus / "nowhere.txt")
    report = index_paths(tmp_path / "index", [corpus], follow=True)  # not followed, a link is left alone
    assert sorted(report.skipped) == [
        ("news/dangling.txt", f"broken symbolic link (to {corpus / 'nowhere.txt'})"),
        ("news/pipe.txt", "not a regular file"),
    ]
    assert sorted(report.added) == ["news/2024/b.txt", "news/a.txt"]


def test_unreadable_file_is_skipped_with_reason(tmp_path: Path, corpus: Path, monkeypatch) -> None:
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = index_paths(tmp_path / "index", [corpus])
    assert report.skipped == [("news/a.txt", "cannot read (Permission denied)")]
    assert report.added == ["news/2024/b.txt"]


def test_progress_is_reported_per_file(tmp_path: Path, corpus: Path) -> None:
    calls = []
    index_paths(tmp_path / "index", [corpus], progress=lambda *args: calls.append(args))
    assert calls == [(1, 2, calls[0][2]), (2, 2, 3)]


#: A parallel build from the first byte, in two writer processes (the large runs' code path).
PARALLEL = BuildOptions(processes=2, parallel_min_bytes=0)


def test_parallel_build_keeps_each_article_together_and_in_order(tmp_path: Path) -> None:
    """Whoosh's parallel writer hands documents to its processes 100 at a time: an article must not
    be split between segments (a hit's neighbouring paragraphs are the documents next to it)."""
    from queries import Searcher

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        paragraphs = [f"Absatz {number} des Berichts {name} über die Lieferung." for number in range(1, 151)]
        (corpus / f"{name}.txt").write_text("\n\n".join([f"Bericht {name}", *paragraphs]), encoding="utf-8")
    index_paths(tmp_path / "index", [corpus], options=PARALLEL)
    with Searcher.open(tmp_path / "index") as searcher:
        assert len(searcher._searcher.subsearchers) == 2  # both processes wrote a segment
        by_docnum = [searcher._record(docnum) for docnum in range(searcher._reader.doc_count_all())]
    articles = [record["path"] for record in by_docnum]
    # Each article is one run of documents, its paragraphs in reading order.
    runs = [path for number, path in enumerate(articles) if number == 0 or articles[number - 1] != path]
    assert sorted(runs) == ["corpus/a.txt", "corpus/b.txt", "corpus/c.txt"]
    for path in runs:
        assert [r["paragraph"] for r in by_docnum if r["path"] == path] == list(range(1, 151))


def test_parallel_build_merges_small_segments_through_the_bulk_writer(tmp_path: Path) -> None:
    """A parallel run on an index of small segments merges them in its own process (Whoosh's
    merge policy): their postings go through the bulk writer's pool and flush, and are all found."""
    from queries import Searcher, search

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c", "f", "g"):  # five small commits: five small segments (Whoosh merges from five)
        (corpus / f"{name}.txt").write_text(f"Bericht {name}\n\nBericht {name} über die Lieferung.\n\n"
                                            f"Zweiter Absatz {name}.", encoding="utf-8")
        index_paths(tmp_path / "index", [corpus / f"{name}.txt"])
    more = tmp_path / "more"
    more.mkdir()
    for name in ("d", "e"):
        paragraphs = [f"Absatz {number} des Berichts {name} über die Lieferung." for number in range(1, 151)]
        (more / f"{name}.txt").write_text("\n\n".join([f"Bericht {name}", *paragraphs]), encoding="utf-8")
    index_paths(tmp_path / "index", [more], options=PARALLEL)
    with Searcher.open(tmp_path / "index") as searcher:
        # The small segments were merged into one written by the parallel writer itself.
        assert len(searcher._searcher.subsearchers) == 3
    assert search(tmp_path / "index", "Lieferung", limit=None).total == 5 + 300
    assert search(tmp_path / "index", '"Zweiter Absatz"', limit=None).total == 5
    assert {hit.path for hit in search(tmp_path / "index", '"Zweiter Absatz"', limit=None).hits} == {
        "a.txt", "b.txt", "c.txt", "f.txt", "g.txt"}


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_symbolic_links_as_ripgrep_treats_them(tmp_path: Path, corpus: Path) -> None:
    """Inside a folder, links are left alone unless followed (--follow); a path named directly is
    followed; one file is indexed once, however many names lead to it."""
    outside = tmp_path / "anderswo"
    (outside / "tief").mkdir(parents=True)
    (outside / "fremd.txt").write_text("Titel\n\nEin Satz über Seoul.", encoding="utf-8")
    (outside / "tief" / "unten.txt").write_text("Titel\n\nEin Satz über Pjöngjang.", encoding="utf-8")
    (corpus / "fremd.txt").symlink_to(outside / "fremd.txt")  # a link to a file outside
    (corpus / "ordner").symlink_to(outside)  # a link to a folder
    (corpus / "doppelt.txt").symlink_to(corpus / "a.txt")  # a second name of a file inside
    (corpus / "schleife").symlink_to(corpus)  # a link back up

    plain, _ = find_sources([corpus])
    assert sorted(s.path for s in plain) == ["news/2024/b.txt", "news/a.txt"]
    followed, _ = find_sources([corpus], follow=True)
    assert sorted(s.path for s in followed) == [
        "news/2024/b.txt", "news/a.txt", "news/fremd.txt", "news/ordner/tief/unten.txt"]
    # Named directly, a link is followed; a file named twice is one file.
    named, _ = find_sources([corpus / "fremd.txt", corpus / "a.txt", corpus / "doppelt.txt", corpus])
    assert sorted(s.path for s in named) == ["a.txt", "fremd.txt", "news/2024/b.txt"]  # the first name


def test_a_run_with_another_include_removes_no_other_format(tmp_path: Path, corpus: Path) -> None:
    """Only a file that is gone, or 'remove', removes: --include '*.md' left the .txt articles."""
    index_dir = tmp_path / "index"
    index_paths(index_dir, [corpus])
    (corpus / "notiz.md").write_text("# Notiz\n\nEin Satz über Bonn.", encoding="utf-8")
    report = index_paths(index_dir, [corpus], include=["*.md"])
    assert (report.added, report.removed) == (["news/notiz.md"], [])
    assert cited(index_dir, "Streik") == ["news/a.txt ¶1", "news/a.txt ¶2"]
    (corpus / "a.txt").unlink()
    assert index_paths(index_dir, [corpus], include=["*.md"]).removed == ["news/a.txt"]


def test_remove_keeps_out_until_named_again(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [corpus])
    assert remove_paths(index_dir, [corpus / "2024"]).removed == ["news/2024/b.txt"]
    assert cited(index_dir, "Gewitter") == []
    # Neither a run over the folder (nor a run without paths, nor a rebuild) brings it back ...
    assert index_paths(index_dir, recorded_paths(index_dir)).added == []
    assert rebuild_index(index_dir).added == ["news/a.txt"]
    assert cited(index_dir, "Gewitter") == []
    # ... naming it does.
    assert index_paths(index_dir, [corpus / "2024"]).added == ["2024/b.txt"]
    with pytest.raises(SourceNotFoundError, match="nothing in the index comes from"):
        remove_paths(index_dir, [tmp_path / "nirgends"])


def test_rebuild_picks_up_new_files_of_indexed_folders(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [corpus])
    write_article(corpus / "2024" / "neu.txt", "Neu", "Ein Hagelschauer zog über Köln.")
    report = rebuild_index(index_dir)
    assert sorted(report.added) == ["news/2024/b.txt", "news/2024/neu.txt", "news/a.txt"]
    assert cited(index_dir, "Hagelschauer") == ["news/2024/neu.txt ¶1"]


def test_recorded_paths_are_what_a_run_without_paths_updates(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    single = write_article(tmp_path / "einzeln.txt", "Einzeln", "Ein Satz.")
    index_paths(index_dir, [corpus, single])
    assert recorded_paths(index_dir) == sorted([corpus.resolve(), single.resolve()])


def test_a_long_paragraph_is_cited_with_its_part(tmp_path: Path) -> None:
    sentence = "Der Bericht listet zahlreiche Mängel bei der Beschaffung von Ausrüstung auf. "
    article = write_article(tmp_path / "news" / "lang.txt", "Bericht", sentence * 60 + "Ende des Berichts.")
    index_paths(tmp_path / "index", [article.parent])
    assert cited(tmp_path / "index", '"Ende des Berichts"') == ["news/lang.txt ¶1.3"]
    with Searcher.open(tmp_path / "index") as searcher:
        (hit,) = searcher.search('"Ende des Berichts"', context=1).hits
    assert (hit.paragraph, hit.part) == (1, 3) and [(c.paragraph, c.part) for c in hit.context] == [(1, 2)]


def test_a_file_named_after_its_folder_keeps_its_citation_and_stays_unchanged(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "index"
    index_paths(index_dir, [corpus])
    report = index_paths(index_dir, [corpus / "a.txt"])
    assert (report.unchanged, report.updated) == (["news/a.txt"], [])
    assert cited(index_dir, "Streik") == ["news/a.txt ¶1", "news/a.txt ¶2"]
    write_article(corpus / "a.txt", "Bahn", "Der Streik der Bahn ist vorbei.")
    report = index_paths(index_dir, [corpus / "a.txt"])
    assert report.updated == ["news/a.txt"]
    assert cited(index_dir, "Streik") == ["news/a.txt ¶1"]
    # The folder still knows the file as its own: gone from it, it is removed.
    (corpus / "a.txt").unlink()
    assert index_paths(index_dir, [corpus]).removed == ["news/a.txt"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_ctrl_c_python_drops_still_stops_the_commit() -> None:
    """Ctrl-C while a weakref callback runs (an import's module lock, say) is printed as
    'Exception ignored' and dropped by Python; the build notes it and stops before its commit."""
    import signal
    import weakref

    from indexer.building import _interrupts_noted

    class Thing:
        pass

    def interrupt_now(_ref) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # the handler runs here, in the callback, whose exception is dropped
            pass

    # As a terminal's shell starts a command (pytest in the background of a script ignores Ctrl-C).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            with _interrupts_noted() as check_interrupted:
                thing = Thing()
                ref = weakref.ref(thing, interrupt_now)
                del thing
                assert ref() is None  # the callback ran; its KeyboardInterrupt went nowhere
                check_interrupted()
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_run_that_ignores_ctrl_c_keeps_ignoring_it() -> None:
    """A build a script starts in its background (SIGINT ignored) is not stopped by a Ctrl-C
    meant for the script's foreground."""
    import signal

    from indexer.building import _interrupts_noted

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with _interrupts_noted() as check_interrupted:
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGINT)
            check_interrupted()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
