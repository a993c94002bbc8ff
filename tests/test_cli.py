"""The ``fundstelle`` command as people and scripts use it: output, exit codes, every error message."""
from __future__ import annotations

import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from indexer import ANALYSIS_VERSION, SCHEMA_VERSION
from indexer.store import current_generation, live_manifest_path
from queries.cli import cli

from .conftest import SEED_FILE, SEED_PATH

TITLE = 'Russischer Präsident Putin "Waffenlieferungen an Nordkorea sind möglich"'
JSON_FIELDS = {"schema_version", "path", "paragraph", "title", "published", "heading", "text", "score", "rank",
               "highlights", "context", "part", "url", "duplicates", "quotes"}


def run(*args: str, index: Path | None = None, env: dict | None = None) -> Result:
    options = ["--index", str(index)] if index else []
    return CliRunner().invoke(cli, [*options, *args], env=env or {"NO_COLOR": None})


@pytest.fixture()
def index(seed_index: Path, tmp_path: Path) -> Path:
    """A private copy of the seed index, which a test may change."""
    target = tmp_path / "index"
    shutil.copytree(seed_index, target)
    return target


def test_first_search_builds_the_index_from_the_seeds(tmp_path: Path) -> None:
    index = tmp_path / "fresh"
    result = run("search", "Waffenlieferung", index=index)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == f"No index at {index} yet: building it from the bundled seed article."
    assert result.stderr.splitlines()[1].startswith(
        "1 added (9 paragraphs")
    assert result.stderr.splitlines()[-1] == "3 matching paragraphs"
    assert result.stdout.count(SEED_PATH + " ¶") == 3
    # The second search uses the index as it is.
    again = run("search", "Waffenlieferung", index=index)
    assert again.exit_code == 0 and "building" not in again.stderr


def test_index_location_from_environment(tmp_path: Path) -> None:
    index = tmp_path / "from-env"
    result = CliRunner().invoke(cli, ["search", "Kiew"], env={"FUNDSTELLE_INDEX": str(index)})
    assert result.exit_code == 0
    assert current_generation(index) is not None


def test_human_output_block(index: Path) -> None:
    result = run("search", "Matthew", index=index)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{SEED_PATH} ¶5"
    assert lines[1] == f"    {TITLE} · 21.06.2024 09:28"
    assert lines[2] == "    » USA zeigen sich besorgt"
    assert lines[3].startswith("    Der Sprecher des US-Außenministeriums, Matthew Miller")
    assert "\x1b[" not in result.stdout
    assert result.stderr == "1 matching paragraph\n"


def test_color_on_request_and_never_with_no_color(index: Path) -> None:
    colored = run("search", "Matthew", "--color", "always", index=index)
    assert "\x1b[31m\x1b[1mMatthew\x1b[0m" in colored.stdout
    plain = CliRunner().invoke(cli, ["--index", str(index), "search", "Matthew"], env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def test_limit_and_more_hint(index: Path) -> None:
    result = run("search", "Praesident", "--limit", "2", index=index)
    assert result.stdout.count(" ¶") == 2
    assert result.stderr == "2 matching paragraphs (of 5; see more with --limit)\n"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Waffenlieferung", [2, 3, 4]),
        ('"Waffen in andere Regionen"', [2]),
        ("Aussenministerium", [5, 6]),
        ("Praesident", [1, 2, 3, 6, 8]),
    ],
)
def test_json_lines(index: Path, query: str, expected: list[int]) -> None:
    result = run("search", query, "--json", index=index)
    assert result.exit_code == 0
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(h["paragraph"] for h in hits) == expected
    for hit in hits:
        assert set(hit) == JSON_FIELDS
        assert hit["path"] == SEED_PATH and isinstance(hit["paragraph"], int)
        assert hit["title"] == TITLE and hit["published"] == "2024-06-21T09:28"
        assert hit["heading"] in (None, "USA zeigen sich besorgt", "Putin droht Südkorea")
        assert isinstance(hit["score"], float) and hit["text"]
    assert result.stderr == ""


def test_json_hits_carry_their_quotations(index: Path) -> None:
    result = run("search", "speaker:Miller", "--json", index=index)
    assert result.exit_code == 0
    quotes = [json.loads(line)["quotes"] for line in result.stdout.splitlines()]
    assert [[(quote["text"][:24], quote["speaker"]) for quote in hit] for hit in quotes] == [
        [("Wir begrüßen jede Unters", "Miller")], [("die koreanische Halbinse", "Miller")]]
    nothing = run("search", "speaker:Scholz", "--json", index=index)
    assert nothing.exit_code == 1


def test_words_as_separate_arguments_are_one_query(index: Path) -> None:
    result = run("search", "Miller", "Seoul", "--json", index=index)
    assert [json.loads(line)["paragraph"] for line in result.stdout.splitlines()] == []
    result = run("search", "Miller", "Südkorea", "--json", index=index)
    assert sorted(json.loads(line)["paragraph"] for line in result.stdout.splitlines()) == [5, 6]


def test_match_any_for_questions(index: Path) -> None:
    result = run("search", "--match", "any", "Wer ist der Sprecher des Außenministeriums?", "--json", index=index)
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["paragraph"] == 5


def test_no_hits_exit_1_with_empty_stdout(index: Path) -> None:
    result = run("search", "Kartoffelsalat", index=index)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "0 matching paragraphs\n")
    result = run("search", "Kartoffelsalat", "--group", index=index)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "0 articles, 0 matching paragraphs\n")
    for option in ("--json", "-l"):
        result = run("search", "Kartoffelsalat", option, index=index)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Error: empty query: give at least one word to search for"),
        ("die und", "Error: query 'die und' has only stop words (die, und), which are not indexed: "
                    "add a word that carries meaning"),
        ('"Waffen', "Error: unbalanced quote in query '\"Waffen': close the phrase with a second \""),
        ("(Putin", "Error: unbalanced parenthesis in query '(Putin': every ( needs a matching )"),
        ("autor:Miller", "Error: unknown field 'autor' in query: use one of text, exact, title, heading, quote, "
                         "speaker, path, published"),
        ("published:gestern", "Error: cannot read the date in query 'published:gestern': write "
                              "published:2024-06-21, published:2024-06 or published:[2024-06-01 TO 2024-06-30]"),
        ("NOT NOT Putin", "Error: cannot parse query 'NOT NOT Putin': operators with no word between them: put a "
                          "word after each AND, OR, NOT"),
        ("Putin AND", "Error: operator AND in query 'Putin AND' has no word after it: put a word after each AND, OR, "
                      "NOT"),
        ("title: Putin", "Error: nothing after title: in query 'title: Putin': write the word right after the colon, "
                         "as in title:Nordkorea"),
        ("Ukraine~2", "Error: '~' after a word in query 'Ukraine~2': Fundstelle has no fuzzy search (a misspelt word "
                      'gets suggestions when nothing is found); ~N after a phrase allows N words between its words: '
                      '"Putin Waffen"~5'),
    ],
)
def test_bad_queries_exit_2_with_one_line(index: Path, query: str, message: str) -> None:
    result = run("search", query, index=index)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_search_without_query_is_a_usage_error(index: Path) -> None:
    result = run("search", index=index)
    assert result.exit_code == 2 and "Error: Missing argument 'QUERY...' (or give --batch FILE)." in result.stderr


@pytest.mark.parametrize("limit", ["0", "-3", "viele"])
def test_bad_limit_is_a_usage_error(index: Path, limit: str) -> None:
    result = run("search", "Putin", "--limit", limit, index=index)
    assert result.exit_code == 2 and "Invalid value for '-n' / '--limit'" in result.stderr


def test_index_that_is_a_file(tmp_path: Path) -> None:
    bogus = tmp_path / "file"
    bogus.write_text("x")
    result = run("search", "Putin", index=bogus)
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {bogus} is a file, not an index folder: give another --index\n")


def test_folder_that_is_no_index(tmp_path: Path) -> None:
    (tmp_path / "other.txt").write_text("x")
    result = run("search", "Putin", index=tmp_path)
    assert (result.exit_code, result.stderr) == (2, f"Error: no index at {tmp_path}: run 'fundstelle index' first\n")


def test_damaged_index(index: Path) -> None:
    (index / "CURRENT").write_text("gen-999999\n")
    result = run("search", "Putin", index=index)
    assert (result.exit_code, result.stderr) == (
        2, f"Error: the index at {index} is damaged (CURRENT names no generation): run 'fundstelle rebuild'\n",
    )


def test_index_of_another_version(index: Path) -> None:
    manifest_path = live_manifest_path(current_generation(index))
    manifest = json.loads(manifest_path.read_text())
    manifest["schema_version"] = 0
    manifest_path.write_text(json.dumps(manifest))
    result = run("search", "Putin", index=index)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: the index at {index} was written by another version of Fundstelle (schema 0, analysis "
        f"{ANALYSIS_VERSION}; this version uses {SCHEMA_VERSION}, {ANALYSIS_VERSION}): run 'fundstelle rebuild'\n"
    )
    rebuilt = run("rebuild", index=index)
    assert rebuilt.exit_code == 0
    assert run("search", "Putin", index=index).exit_code == 0


def test_index_without_manifest(index: Path) -> None:
    (live_manifest_path(current_generation(index))).unlink()
    result = run("search", "Putin", index=index)
    assert (result.exit_code, result.stderr) == (
        2, f"Error: the index at {index} has no manifest (older version?): run 'fundstelle rebuild'\n",
    )


def test_an_unreadable_manifest_has_a_way_out(tmp_path: Path) -> None:
    """Search says 'run fundstelle rebuild', and the rebuild works: the paragraphs name their files
    and the folders they were found under, so the rebuilt index updates that folder as before."""
    folder = tmp_path / "news"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "putin.txt").write_text("Titel\n\nPutin sprach in Kiew.", encoding="utf-8")
    single = tmp_path / "einzeln.txt"
    single.write_text("Titel\n\nPutin schwieg.", encoding="utf-8")
    index = tmp_path / "index"
    assert run("index", str(folder), str(single), index=index).exit_code == 0
    live_manifest_path(current_generation(index)).write_text("{kaputt", encoding="utf-8")
    result = run("search", "Putin", index=index)
    assert (result.exit_code, result.stderr) == (
        2, f"Error: the index at {index} has an unreadable manifest: run 'fundstelle rebuild'\n")
    rebuilt = run("rebuild", "--json", index=index)
    assert rebuilt.exit_code == 0
    assert sorted(json.loads(rebuilt.stdout)["added"]) == ["einzeln.txt", "news/2024/putin.txt"]
    assert run("search", "Putin", "--count", index=index).stdout == "2\n"
    # The folder is known again: a file gone from it is removed by the next run.
    (folder / "2024" / "putin.txt").unlink()
    again = run("index", str(folder), "--json", index=index)
    assert json.loads(again.stdout)["removed"] == ["news/2024/putin.txt"]


def test_an_index_that_names_no_files_says_to_start_again(tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert run("index", index=index).exit_code == 0
    generation = current_generation(index)
    live_manifest_path(generation).write_text("{kaputt", encoding="utf-8")
    for toc in generation.glob("*.toc"):
        toc.write_bytes(b"kaputt")
    result = run("rebuild", index=index)
    assert (result.exit_code, result.stderr) == (
        2, f"Error: the index at {index} has no readable record of its article files, so it cannot be rebuilt: "
           f"delete the folder {index} and index your folders again (fundstelle index FOLDER)\n")


def test_index_command_default_is_the_seeds(tmp_path: Path) -> None:
    result = run("index", index=tmp_path / "i")
    assert result.exit_code == 0
    assert result.stderr.startswith("1 added (9 paragraphs, ")
    again = run("index", "--json", index=tmp_path / "i")
    data = json.loads(again.stdout)
    assert data["unchanged"] == [SEED_PATH] and data["added"] == [] and again.exit_code == 0


def test_index_command_reports_skipped_files_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "gut.txt").write_text("Titel\n\nEin Satz über Köln.", encoding="utf-8")
    (folder / "leer.txt").write_text("", encoding="utf-8")
    result = run("index", str(folder), index=tmp_path / "i")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "skipped news/leer.txt: empty file (no text)"
    assert result.stderr.splitlines()[1].startswith("1 added, 1 skipped (")


def test_index_command_missing_path(tmp_path: Path) -> None:
    result = run("index", str(tmp_path / "nirgends"), index=tmp_path / "i")
    assert (result.exit_code, result.stderr) == (2, f"Error: no such file or folder: {tmp_path / 'nirgends'}\n")


def test_rebuild_without_index(tmp_path: Path) -> None:
    result = run("rebuild", index=tmp_path / "i")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: no index at {tmp_path / 'i'} to rebuild: run 'fundstelle index' first\n",
    )


def test_rebuild_reports_json(index: Path) -> None:
    result = run("rebuild", "--json", index=index)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["paragraphs"] == 9


@pytest.mark.parametrize("command", [[], ["index"], ["rebuild"], ["search"], ["trend"], ["analyze"], ["stats"]])
def test_help_has_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example" in result.stdout


# --- scripted queries and research tools -----------------------------------------------------------


@pytest.fixture(scope="module")
def news_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article plus an older article and an undated one."""
    folder = tmp_path_factory.mktemp("news") / "news"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "alt.txt").write_text(
        " date 2023-11 Putin besucht Kiew nicht Stand: 03.11.2023 10:00 Uhr\n\n"
        "Putin sprach über Waffenlieferungen.\n\nDer Kreml schweigt.", encoding="utf-8")
    (folder / "ohne-datum.txt").write_text("Notiz\n\nPutin und Seoul.", encoding="utf-8")
    index_dir = folder.parent / "index"
    assert run("index", str(folder), index=index_dir).exit_code == 0
    return index_dir


def json_lines(result: Result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_batch_answers_every_line(news_index: Path, tmp_path: Path) -> None:
    batch = tmp_path / "fragen.txt"
    batch.write_text('Waffenlieferung\n\nKartoffelsalat\n"Waffen\nMatthew\n', encoding="utf-8")
    result = run("search", "--batch", str(batch), index=news_index)
    assert result.exit_code == 2  # one line failed; the others were answered
    rows = json_lines(result)
    assert [(r["line"], r["query"]) for r in rows if "paragraph" in r] == [(1, "Waffenlieferung")] * 4 + [
        (5, "Matthew")]
    assert {r["path"] for r in rows if r.get("query") == "Waffenlieferung"} == {"news/seed.txt", "news/alt.txt"}
    (nothing,) = [r for r in rows if r["line"] == 3]
    assert nothing == {"schema_version": 1, "line": 3, "query": "Kartoffelsalat", "total": 0, "did_you_mean": {},
                       "found_in": {}}
    (error,) = [r for r in rows if r["line"] == 4]
    assert error == {"schema_version": 1, "line": 4, "query": '"Waffen',
                     "error": "unbalanced quote in query '\"Waffen': close the phrase with a second \""}
    assert result.stderr == "4 queries: 2 found something, 1 nothing, 1 failed\n"


def test_batch_from_stdin(news_index: Path) -> None:
    result = CliRunner().invoke(cli, ["--index", str(news_index), "search", "--batch", "-", "-n", "1"],
                                input="Matthew\nKreml\n")
    assert result.exit_code == 0
    assert [(r["line"], r["path"], r["paragraph"]) for r in json_lines(result)] == [
        (1, "news/seed.txt", 5), (2, "news/alt.txt", 2)]


def test_batch_honours_count_files_and_group(news_index: Path) -> None:
    """--batch shapes each line's answer as a single search with the same option does, with its
    query and line: --count, -l and --group were ignored (hits printed)."""
    lines = "Putin\nKartoffelsalat\n"
    counted = CliRunner().invoke(cli, ["--index", str(news_index), "search", "--batch", "-", "--count"], input=lines)
    assert counted.exit_code == 0
    assert json_lines(counted) == [{"schema_version": 1, "line": 1, "query": "Putin", "count": 7},
                                   {"schema_version": 1, "line": 2, "query": "Kartoffelsalat", "count": 0}]
    assert counted.stderr == "2 queries: 1 found something, 1 nothing, 0 failed\n"
    files = CliRunner().invoke(cli, ["--index", str(news_index), "search", "--batch", "-", "-l"], input=lines)
    rows = json_lines(files)
    assert sorted((r["line"], r.get("path"), r.get("count")) for r in rows) == [
        (1, "news/alt.txt", 1), (1, "news/ohne-datum.txt", 1), (1, "news/seed.txt", 5), (2, None, None)]
    assert all("hits" not in r for r in rows)
    grouped = CliRunner().invoke(cli, ["--index", str(news_index), "search", "--batch", "-", "--group", "-n", "1"],
                                 input="Putin\n")
    (group,) = json_lines(grouped)
    assert (group["query"], group["line"], group["path"], group["count"]) == ("Putin", 1, "news/seed.txt", 5)
    assert [hit["paragraph"] for hit in group["hits"]] == [hit["paragraph"] for hit in group["hits"]][:5]


def test_batch_and_query_exclude_each_other(news_index: Path, tmp_path: Path) -> None:
    result = run("search", "Putin", "--batch", "-", index=news_index)
    assert result.exit_code == 2 and "Error: Give either QUERY or --batch FILE, not both." in result.stderr


def test_count_reads_no_paragraph(news_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--count needs the total only: reading every match's record cost 11 s for Gesetz on the
    law index."""
    from queries.searching import Searcher

    read = []
    record = Searcher._record
    monkeypatch.setattr(Searcher, "_record", lambda self, docnum: read.append(docnum) or record(self, docnum))
    assert run("search", "Putin", "--count", index=news_index).stdout == "7\n"
    assert len(read) <= 1


def test_count(news_index: Path) -> None:
    assert run("search", "Putin", "--count", index=news_index).stdout == "7\n"
    result = run("search", "Kartoffelsalat", "--count", index=news_index)
    assert (result.exit_code, result.stdout) == (1, "0\n")
    assert json_lines(run("search", "Putin", "--count", "--json", index=news_index)) == [
        {"schema_version": 1, "query": "Putin", "count": 7}]


def test_files_with_matches(news_index: Path) -> None:
    result = run("search", "Putin", "-l", index=news_index)
    assert result.exit_code == 0
    assert sorted(result.stdout.splitlines()) == ["news/alt.txt", "news/ohne-datum.txt", "news/seed.txt"]
    rows = json_lines(run("search", "Waffenlieferung", "--files-with-matches", "--json", index=news_index))
    assert sorted((r["path"], r["count"]) for r in rows) == [("news/alt.txt", 1), ("news/seed.txt", 3)]
    assert all("hits" not in r for r in rows)


def test_sort_by_date_newest_first_undated_last(news_index: Path) -> None:
    rows = json_lines(run("search", "Putin", "--sort", "date", "--json", index=news_index))
    dates = [r["published"] for r in rows]
    assert dates[:5] == ["2024-06-21T09:28"] * 5
    assert dates[5:] == ["2023-11-03T10:00", None]
    # One article's paragraphs in reading order (Whoosh's date sort listed them backwards), also
    # for a query Whoosh's matchers answer (a range in it).
    assert [r["paragraph"] for r in rows[:5]] == [1, 2, 3, 7, 8]
    rows = json_lines(run("search", "published:[2024-01-01 TO 2024-12-31] Putin", "--sort", "date", "--json",
                          index=news_index))
    assert [(r["path"], r["paragraph"]) for r in rows] == [("news/seed.txt", n) for n in (1, 2, 3, 7, 8)]


def test_sort_by_date_excludes_what_not_excludes(news_index: Path) -> None:
    """Whoosh's own date-sorted search kept ¶3 (Waffenlieferungen) for a NOT of a pattern."""
    by_relevance, by_date = (
        json_lines(run("search", "--match", "any", "Miller Kiew NOT Waffenl*", "--sort", sort, "--json",
                       index=news_index))
        for sort in ("relevance", "date"))
    assert sorted((r["path"], r["paragraph"]) for r in by_date) == sorted(
        (r["path"], r["paragraph"]) for r in by_relevance) == [("news/seed.txt", 5), ("news/seed.txt", 6)]


@pytest.mark.parametrize(
    ("options", "paths"),
    [
        (["--since", "2024-06-21"], {"news/seed.txt"}),
        (["--since", "22.06.2024"], set()),
        (["--until", "Juni 2024"], {"news/seed.txt", "news/alt.txt"}),
        (["--until", "November 2023"], {"news/alt.txt"}),
        (["--since", "2023", "--until", "2023"], {"news/alt.txt"}),
        (["--since", "3. November 2023", "--until", "21.06.2024"], {"news/seed.txt", "news/alt.txt"}),
    ],
)
def test_date_filters(news_index: Path, options: list[str], paths: set[str]) -> None:
    result = run("search", "Putin", "--json", *options, index=news_index)
    assert {r["path"] for r in json_lines(result)} == paths
    assert result.exit_code == (0 if paths else 1)


def test_bad_date_is_a_usage_error(news_index: Path) -> None:
    result = run("search", "Putin", "--since", "gestern", index=news_index)
    assert result.exit_code == 2
    assert ("Invalid value for '--since': cannot read the date 'gestern': write it like 2024-06-21, "
            "21.06.2024, Juni 2024, 2024-06 or 2024") in result.stderr


def test_context(news_index: Path) -> None:
    (row,) = json_lines(run("search", "Matthew", "-C", "1", "--json", index=news_index))
    assert [(c["paragraph"], c["heading"]) for c in row["context"]] == [
        (4, None), (6, "USA zeigen sich besorgt")]
    lines = run("search", "Matthew", "-C", "1", index=news_index).stdout.splitlines()
    assert lines[3] == "    ¶4" and lines[4].startswith("    Hintergrund der Drohung")
    assert lines[5] == "    ¶5" and lines[6].startswith("    Der Sprecher des US-Außenministeriums")
    assert lines[7] == "    ¶6" and lines[8].startswith("    Die Ankündigung des russischen Präsidenten")


def test_group(news_index: Path) -> None:
    result = run("search", "Waffenlieferung", "--group", index=news_index)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "news/seed.txt  (3 paragraphs)" in lines and "news/alt.txt  (1 paragraph)" in lines
    assert result.stderr == "2 articles, 4 matching paragraphs\n"
    rows = json_lines(run("search", "Waffenlieferung", "--group", "--json", index=news_index))
    assert sorted((r["path"], r["count"], len(r["hits"])) for r in rows) == [
        ("news/alt.txt", 1, 1), ("news/seed.txt", 3, 3)]
    limited = run("search", "Waffenlieferung", "--group", "-n", "1", index=news_index)
    assert limited.stderr == "1 article (of 2; see more with --limit), 4 matching paragraphs\n"


def test_exclusive_output_modes(news_index: Path) -> None:
    result = run("search", "Putin", "--count", "--group", index=news_index)
    assert result.exit_code == 2
    assert "Error: --count, -l/--files-with-matches and --group exclude each other." in result.stderr


def test_did_you_mean(news_index: Path) -> None:
    result = run("search", "Waffenliferung", index=news_index)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "0 matching paragraphs\nDid you mean: waffenlieferungen (for Waffenliferung)?\n"
    rows = json_lines(run("search", "Waffenliferung", "--json", index=news_index))
    assert rows == [{"schema_version": 1, "query": "Waffenliferung", "total": 0,
                     "did_you_mean": {"Waffenliferung": ["waffenlieferungen"]}, "found_in": {}}]
    assert run("search", "Präsdent", index=news_index).stderr == (
        "0 matching paragraphs\nDid you mean: präsident (for Präsdent)?\n")


def test_progress_bar_on_a_terminal_only(monkeypatch) -> None:
    from queries.cli import _Progress

    shown = io.StringIO()
    monkeypatch.setattr(sys, "stderr", shown)
    silent = _Progress()
    silent(1, 50, 10)  # not a terminal: nothing
    silent.close()
    assert shown.getvalue() == ""
    monkeypatch.setattr(shown, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    bar = _Progress()
    bar(25, 50, 1000)
    bar(50, 50, 2000)
    lines = shown.getvalue().replace("\r", "\n")
    assert "25/50 files, 1,000 paragraphs" in lines
    assert "50/50 files, 2,000 paragraphs, saving the index..." in lines
    bar.close()  # what was done, no rate that falls while the index is saved
    assert shown.getvalue().rstrip().endswith("50 files, 2,000 paragraphs\x1b[?25h")


@pytest.mark.parametrize("columns", [40, 60, 80, 100])
def test_progress_bar_fits_the_terminal(monkeypatch, columns: int) -> None:
    """Every update of the bar fits the terminal's width: a wider line wraps, and each update
    then scrolls instead of overwriting the line."""
    from queries.cli import _Progress

    shown = io.StringIO()
    monkeypatch.setattr(sys, "stderr", shown)
    monkeypatch.setattr(shown, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", str(columns))
    bar = _Progress()
    for done in range(0, 5192, 500):
        bar(done, 5191, done * 21)
    bar(5191, 5191, 109_534)
    bar.close()
    rendered = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", shown.getvalue())
    lines = [line.rstrip() for line in re.split(r"[\r\n]", rendered) if line.strip()]
    assert lines and max(map(len, lines)) <= columns
    if columns >= 80:
        assert "109,534 paragraphs, saving the index..." in lines[-2]
        assert "109,534 paragraphs" in lines[-1]


def test_analyze() -> None:
    result = run("analyze", "Die Waffenlieferungen an Lehrer*innen und Kolleg*innen")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "pos  word               indexed as",
        "  0  Die                (stop word: not indexed)   exact: die",
        "  1  Waffenlieferungen  waffenliefer  + parts waff, liefer   exact: waffenlieferungen",
        "  2  an                 (stop word: not indexed)   exact: an",
        "  3  Lehrer*innen       lehr   exact: lehrer*innen",
        "  4  und                (stop word: not indexed)   exact: und",
        "  5  Kolleg*innen       kolleginn  + base kolleg   exact: kolleg*innen",
    ]
    rows = json_lines(run("analyze", "--json", "UN-Sicherheitsrates"))
    assert [(r["word"], r["term"], r["parts"], r["stop_word"]) for r in rows] == [
        ("UN", "un", [], False), ("Sicherheitsrates", "sicherheitsrat", ["sich", "rat"], False)]


def test_stats(news_index: Path) -> None:
    result = run("stats", index=news_index)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1:4] == ["articles:       3", "paragraphs:     12", lines[3]]
    assert lines[3].startswith("distinct terms: ")
    data = json.loads(run("stats", "--json", index=news_index).stdout)
    assert (data["articles"], data["paragraphs"]) == (3, 12)
    assert data["sources"]["folders"] == [str((news_index.parent / "news").resolve())]
    assert data["distinct_terms"] > 100 and data["size_bytes"] > 1000


def test_stats_without_index(tmp_path: Path) -> None:
    result = run("stats", index=tmp_path / "none")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: no index at {tmp_path / 'none'}: run 'fundstelle index' first\n")


@pytest.mark.parametrize("command", [["search", "Putin"], ["search", "--group", "Putin"], ["search", "-l", "Putin"],
                                     ["search", "--count", "Putin"], ["stats"], ["analyze", "Lehrer*innen streiken"]])
def test_format_json_is_what_json_prints(news_index: Path, command: list[str]) -> None:
    """--json is short for --format json; --format text is the default."""
    as_json, as_format = run(*command, "--json", index=news_index), run(*command, "--format", "json", index=news_index)
    assert (as_format.exit_code, as_format.stdout) == (as_json.exit_code, as_json.stdout)
    assert all(json.loads(line) for line in as_format.stdout.splitlines())
    assert run(*command, "--format", "text", index=news_index).stdout == run(*command, index=news_index).stdout


def test_unknown_format_is_a_usage_error(news_index: Path) -> None:
    result = run("search", "Putin", "--format", "xml", index=news_index)
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'xml' is not one of 'text', 'json', 'csv'." in result.stderr


def test_index_summary_counts_in_words_people_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Titel\n\nEin einziger Absatz über Kartoffeln.", encoding="utf-8")
    result = run("index", str(tmp_path / "a.txt"), index=tmp_path / "index")
    assert result.stderr.startswith("1 added (1 paragraph, ")


@pytest.mark.parametrize("command", [["index", "--json"], ["rebuild", "--json"], ["index", "--format", "json"]])
def test_index_and_rebuild_json_carry_the_schema_version(index: Path, command: list[str]) -> None:
    result = run(*command, index=index)
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["schema_version"] == 1 and "added" in data


@pytest.mark.parametrize("wait", ["nan", "inf"])
def test_wait_must_be_a_number_of_seconds(tmp_path: Path, wait: str) -> None:
    result = run("index", "--wait", wait, index=tmp_path / "index")
    assert result.exit_code == 2
    assert f"Invalid value for '--wait': {wait} is not a number of seconds" in result.stderr


def test_since_after_until_is_refused(news_index: Path) -> None:
    result = run("search", "Putin", "--since", "2025", "--until", "2020", index=news_index)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2, "Error: --since 2025-01-01 is after --until 2020-12-31: nothing can match")


def test_index_may_follow_the_command(news_index: Path) -> None:
    """Users type --index after the command as often as before it."""
    after = CliRunner().invoke(cli, ["search", "Putin", "--count", "--index", str(news_index)])
    before = run("search", "Putin", "--count", index=news_index)
    assert (after.exit_code, after.stdout) == (before.exit_code, before.stdout) == (0, "7\n")
    stats = CliRunner().invoke(cli, ["stats", "--json", "--index", str(news_index)])
    assert json.loads(stats.stdout)["articles"] == 3


def test_an_argument_that_is_not_utf8_is_refused(news_index: Path) -> None:
    """A Latin-1 terminal sends Größe as the bytes f6 df, which Python hands over as surrogates:
    searched, they were the words gr and e."""
    latin1 = "Größe".encode("latin-1").decode("utf-8", "surrogateescape")
    result = run("search", latin1, index=news_index)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '[QUERY]...': 'Gr\\xf6\\xdfe' is not valid UTF-8: set the terminal to UTF-8 "
        "(LANG=de_DE.UTF-8) and type it again")
    assert run("analyze", latin1).exit_code == 2


def indexed_folder(tmp_path: Path, articles: dict[str, str]) -> tuple[Path, Path]:
    """A folder ``news`` of the ``articles`` (file name → text), indexed: (folder, index)."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    index_dir = tmp_path / "index"
    assert run("index", str(folder), index=index_dir).exit_code == 0
    return folder, index_dir


def test_file_names_with_control_characters(tmp_path: Path) -> None:
    """A newline or an escape sequence in a file name is escaped in citations for people, and
    -0 ends each path with NUL, as grep -lZ and rg -l0 do."""
    _, index_dir = indexed_folder(tmp_path, {"zwei\nzeilen.txt": "Titel\n\nPutin sprach.",
                                             "farbe\x1b[31m.txt": "Titel\n\nPutin schwieg."})
    hits = run("search", "Putin", index=index_dir)
    assert "news/zwei\\nzeilen.txt ¶1" in hits.stdout and "news/farbe\\x1b[31m.txt ¶1" in hits.stdout
    assert "\x1b" not in hits.stdout
    listed = run("search", "Putin", "-l", index=index_dir)
    assert sorted(listed.stdout.splitlines()) == ["news/farbe\\x1b[31m.txt", "news/zwei\\nzeilen.txt"]
    null = run("search", "Putin", "-l", "-0", index=index_dir)
    assert sorted(null.stdout.split("\0")) == ["", "news/farbe\x1b[31m.txt", "news/zwei\nzeilen.txt"]
    refused = run("search", "Putin", "-0", index=index_dir)
    assert (refused.exit_code, refused.stderr.splitlines()[-1]) == (
        2, "Error: -0/--null goes with -l/--files-with-matches (paths for people, not --json, --format csv or "
           "--batch).")


def test_a_word_only_in_titles_gets_a_hint(tmp_path: Path) -> None:
    _, index_dir = indexed_folder(tmp_path, {"heizung.txt": "Kommt das Heizungsgesetz?\n\nDie Koalition ringt um "
                                             "einen Kompromiss.\n\nWas sich ändert\n\nNeue Heizungen sollen anders "
                                             "betrieben werden."})
    result = run("search", "Heizungsgesetz", index=index_dir)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "0 matching paragraphs\nFound in the titles of 2 paragraphs: try title:Heizungsgesetz\n"
    assert run("search", "title:Heizungsgesetz", "--count", index=index_dir).stdout == "2\n"
    rows = json_lines(run("search", "was sich ändert", "--json", index=index_dir))
    assert rows == [{"schema_version": 1, "query": "was sich ändert", "total": 0, "did_you_mean": {},
                     "found_in": {"heading": 1}}]


def test_remove_command(tmp_path: Path) -> None:
    folder, index_dir = indexed_folder(tmp_path, {"a.txt": "Titel\n\nPutin sprach.",
                                                  "b.txt": "Titel\n\nPutin schwieg."})
    removed = run("remove", str(folder / "a.txt"), "--json", index=index_dir)
    assert (removed.exit_code, json.loads(removed.stdout)["removed"]) == (0, ["news/a.txt"])
    # A run without paths updates what the index holds, and leaves the removed file out.
    again = run("index", index=index_dir)
    assert again.stderr.startswith("1 unchanged (")
    assert run("search", "Putin", "-l", index=index_dir).stdout == "news/b.txt\n"
    missing = run("remove", str(tmp_path / "nirgends"), index=index_dir)
    assert (missing.exit_code, missing.stderr) == (2, f"Error: nothing in the index comes from {tmp_path}/nirgends\n")


def test_index_warns_of_what_it_could_not_use(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Titel\nStand: 31.02.2024\n\nEin Satz.", encoding="utf-8")
    result = run("index", str(folder), index=tmp_path / "index")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == "warning news/a.txt: impossible date '31.02.2024': the article is undated"


def test_json_field_names_are_given_once_and_kept(tmp_path: Path) -> None:
    """A JSON export whose text is under another name: --json-field names it; later runs and a
    rebuild keep the names; new names read the JSON files again."""
    folder, index_dir = tmp_path / "news", tmp_path / "index"
    folder.mkdir()
    (folder / "export.jsonl").write_text('{"ueberschrift": "Hochwasser", "artikel": "Die Feuerwehr evakuierte '
                                        'Anwohner."}\n', encoding="utf-8")
    unnamed = run("index", str(folder), index=index_dir)
    assert unnamed.exit_code == 1 and unnamed.stderr.startswith(
        "skipped news/export.jsonl: no article in the JSON (no object with a text field: text, body, content, "
        "articleBody, description; --json-field text=NAME names another)")
    named = run("index", str(folder), "--json-field", "text=artikel", "--json-field", "title=ueberschrift",
                index=index_dir)
    assert named.exit_code == 0 and named.stderr.startswith("1 added")
    hit = json_lines(run("search", "Feuerwehr", "--json", index=index_dir))[0]
    assert (hit["path"], hit["title"]) == ("news/export.jsonl#1", "Hochwasser")
    assert run("rebuild", index=index_dir).exit_code == 0
    assert run("search", "Feuerwehr", "--count", index=index_dir).stdout == "1\n"
    bad = run("index", str(folder), "--json-field", "inhalt", index=index_dir)
    assert bad.exit_code == 2 and "'inhalt': write FIELD=NAME with FIELD one of title, date, text, url" in bad.stderr


# --- what a new user tripped over (issue 28) ---------------------------------------------------

@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Error: empty text: give at least one word to analyze"),
        ("   ", "Error: empty text: give at least one word to analyze"),
        ("x" * 8000, "Error: the text has 8,000 characters: at most 2,000 are allowed"),
        ("Ein " + "x" * 150, "Error: a word of the text has 150 characters (xxxxxxxxxxxxxxxxxxxx…): at most 100 are "
                             "allowed"),
    ],
)
def test_analyze_refuses_what_search_refuses(text: str, message: str) -> None:
    result = run("analyze", text)
    assert (result.exit_code, result.output) == (2, message + "\n")


def test_a_long_run_of_letters_in_a_text_is_indexed_whole(tmp_path: Path) -> None:
    # The compound splitter never sees a word longer than the longest German ones.
    _, index_dir = indexed_folder(tmp_path, {"a.txt": "Titel\n\nEin " + "x" * 1500 + " Satz."})
    assert run("search", "Satz", "--count", index=index_dir).output == "1\n"


def test_decomposed_text_and_queries_find_the_same(tmp_path: Path) -> None:
    import unicodedata

    text = "Babyschalen im Test\n\nDer ADAC hat die Gurtlänge der Babyschalen geprüft.\n\nAlle bestanden."
    _, index_dir = indexed_folder(tmp_path, {"nfd.txt": unicodedata.normalize("NFD", text)})
    for query in ("Babyschalen geprüft", unicodedata.normalize("NFD", "Babyschalen geprüft"), "Gurtlänge"):
        result = run("search", "--json", query, index=index_dir)
        hits = [json.loads(line) for line in result.output.splitlines()]
        assert [(h["paragraph"], h["text"]) for h in hits] == [
            (1, "Der ADAC hat die Gurtlänge der Babyschalen geprüft.")]
    nfd = run("analyze", unicodedata.normalize("NFD", "Gurtlänge geprüft")).output
    assert nfd == run("analyze", "Gurtlänge geprüft").output


def test_one_bad_json_line_is_a_warning_and_the_rest_is_indexed(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "agentur.jsonl").write_text('{"title": "A", "text": "Hochwasser in Bayern."}\n'
                                          '{"title": "B", "text": "Regen in Sachsen."}\n{bad json\n', encoding="utf-8")
    result = run("index", str(folder), index=tmp_path / "index")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == ("warning news/agentur.jsonl: line 3 is no JSON (Expecting property name "
                                             "enclosed in double quotes): skipped")
    found = run("search", "-l", "Regen OR Hochwasser", index=tmp_path / "index").output
    assert sorted(found.splitlines()) == ["news/agentur.jsonl#1", "news/agentur.jsonl#2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2025", "--until", "2019", "Putin"], "--since 2025-01-01 is after --until 2019-12-31: nothing "
                                                           "can match"),
        (["published:[2019 TO 2018]"], "the start of published:[2019 TO 2018] is after its end: nothing can match"),
        (["published:{2024 TO 2025}"], "the start of published:{2024 TO 2025} is after its end: nothing can match"),
    ],
)
def test_a_period_that_ends_before_it_starts_is_refused_alike(seed_index: Path, args: list[str],
                                                               message: str) -> None:
    result = run("search", *args, index=seed_index)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].endswith(message)


@pytest.mark.parametrize(
    ("query", "count"),
    [("published:[* TO 2024-06-21]", "9"), ("published:[TO 2024-06]", "9"), ("published:[* TO 2019]", "0"),
     ("published:[2024 TO]", "9"), ("published:[2024-06-22 TO *]", "0"), ("published:[20.06.2024 TO \"Juni 2024\"]",
                                                                            "9"),
     ("published:{2023 TO 2025}", "9"), ("published:{2024 TO 2025]", "0"), ("published:[2023 TO 2024}", "0")],
)
def test_date_ranges_with_open_and_exclusive_ends(seed_index: Path, query: str, count: str) -> None:
    result = run("search", "--count", query, index=seed_index)
    assert result.output == count + "\n"


# --- csv, and the output registry (issue 29) -------------------------------------------------

def csv_rows(output: bytes | str) -> list[list[str]]:
    """What Python's csv module reads back from a CSV output (byte order mark and CRLF as written)."""
    import csv

    data = output if isinstance(output, bytes) else output.encode("utf-8")
    assert data.startswith("\ufeff".encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_search_as_csv_reads_back_exactly(seed_index: Path) -> None:
    from queries.output import HIT_COLUMNS

    rows = csv_rows(run("search", "--format", "csv", "Putin", index=seed_index).stdout_bytes)
    hits = json_lines(run("search", "--json", "Putin", index=seed_index))
    assert rows[0] == list(HIT_COLUMNS)
    assert [dict(zip(rows[0], row)) for row in rows[1:]] == [
        {"path": h["path"], "paragraph": str(h["paragraph"]), "part": "", "title": h["title"],
         "published": h["published"], "heading": h["heading"] or "", "url": "", "score": str(h["score"]),
         "text": h["text"], "duplicates": ""} for h in hits]
    assert 'Präsident Putin "Waffenlieferungen' in rows[1][3]  # quotes and umlauts as written


def test_csv_of_the_other_shapes_and_commands(seed_index: Path, tmp_path: Path) -> None:
    assert csv_rows(run("search", "--format", "csv", "--count", "Putin", index=seed_index).stdout_bytes) == [
        ["query", "count"], ["Putin", "5"]]
    assert csv_rows(run("search", "--format", "csv", "-l", "Putin", index=seed_index).stdout_bytes) == [
        ["path", "title", "published", "count"], [SEED_PATH, TITLE, "2024-06-21T09:28", "5"]]
    assert len(csv_rows(run("search", "--format", "csv", "--group", "Putin", index=seed_index).stdout_bytes)) == 6
    words = csv_rows(run("analyze", "--format", "csv", "Die Materialien").stdout_bytes)
    assert words == [["position", "word", "stop_word", "term", "parts", "other_number", "base", "exact"],
                     ["0", "Die", "True", "", "", "", "", "die"],
                     ["1", "Materialien", "False", "materiali", "", "material", "", "materialien"]]
    figures = dict(csv_rows(run("stats", "--format", "csv", index=seed_index).stdout_bytes)[1:])
    assert figures["paragraphs"] == "9"
    assert csv_rows(run("check", "--format", "csv", index=seed_index).stdout_bytes) == [["file", "problem"]]
    result = run("index", "--format", "csv", str(SEED_FILE), index=tmp_path / "index")
    assert csv_rows(result.stdout_bytes) == [["path", "outcome", "detail"], [SEED_FILE.name, "added", ""]]
    assert result.stderr.startswith("1 added (9 paragraphs, ")


def test_a_batch_as_csv_is_one_table(seed_index: Path) -> None:
    result = CliRunner().invoke(cli, ["--index", str(seed_index), "search", "--batch", "-", "--format", "csv", "-n",
                                      "1"], input='Nordkorea\nxqzz\n"offen\n')
    rows = csv_rows(result.stdout_bytes)
    assert result.exit_code == 2
    assert rows[0][:2] == ["query", "line"] and rows[0][-2:] == ["count", "error"]
    assert [(row[0], row[1], row[2], row[-2], row[-1]) for row in rows[1:]] == [
        ("Nordkorea", "1", SEED_PATH, "", ""), ("xqzz", "2", "", "0", ""),
        ('"offen', "3", "", "", "unbalanced quote in query '\"offen': close the phrase with a second \"")]


def test_every_registered_format_renders_every_result() -> None:
    """A format is a class of the OutputFormat protocol: each registered one has all of its
    methods, and --format offers every registered name."""
    from queries.cli import search
    from queries.output import FORMATS, OutputFormat

    methods = [name for name in vars(OutputFormat) if not name.startswith("_") and callable(vars(OutputFormat)[name])]
    assert len(methods) >= 10
    for output in FORMATS.values():
        assert [name for name in methods if not callable(getattr(output, name, None))] == [], output.name
    choices = next(p for p in search.params if p.name == "output_format").type.choices
    assert list(choices) == list(FORMATS) == ["text", "json", "csv"]


# --- trend ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article's paragraphs as agency copies on several days (JSON Lines), and undated."""
    folder = tmp_path_factory.mktemp("dated") / "archiv"
    folder.mkdir()
    paragraphs = SEED_FILE.read_text(encoding="utf-8").split("\n\n")[1:]
    dates = ["2024-06-21T09:28:00+02:00", "2024-06-24", "2024-08-02", "2024-12-30"]
    lines = [json.dumps({"title": f"Meldung {n}", "date": day, "text": paragraphs[n:n + 3]}, ensure_ascii=False)
             for n, day in enumerate(dates)]
    (folder / "dpa.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "notiz.txt").write_text("Notiz\n\nPutin und die Waffenlieferungen.", encoding="utf-8")
    index_dir = folder.parent / "index"
    assert run("index", str(folder), index=index_dir).exit_code == 0
    return index_dir


def test_trend_as_a_bar_chart_with_every_month(dated_index: Path) -> None:
    result = run("trend", "Waffenlieferungen", index=dated_index, env={"COLUMNS": "50"})
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "period   paragraphs articles",
        "2024-06           5        2 █████████████████████",
        "2024-07           0        0",
        "2024-08           2        1 ████████▍",
        "2024-09           0        0",
        "2024-10           0        0",
        "2024-11           0        0",
        "2024-12           1        1 ████▎",
    ]
    assert result.stderr == ("8 matching paragraphs in 4 articles, by month from 2024-06 to 2024-12; "
                             "1 more in articles without a date (not counted)\n")


def test_trend_by_iso_week_as_json_lines(dated_index: Path) -> None:
    result = run("trend", "Nordkorea", "--by", "week", "--until", "2024-07", "--json", index=dated_index)
    assert result.exit_code == 0
    rows = json_lines(result)
    assert rows[:2] == [{"schema_version": 1, "period": "2024-W25", "paragraphs": 3, "articles": 1},
                        {"schema_version": 1, "period": "2024-W26", "paragraphs": 3, "articles": 1}]
    # Up to the end of July: the week of the 31st, without the article of the 2nd of August.
    assert rows[-1] == {"schema_version": 1, "period": "2024-W31", "paragraphs": 0, "articles": 0}
    assert len(rows) == 7


def test_trend_by_year_as_csv(dated_index: Path) -> None:
    result = run("trend", "Putin", "--by", "year", "--since", "2023", "--format", "csv", index=dated_index)
    assert result.exit_code == 0
    assert csv_rows(result.stdout_bytes) == [["period", "paragraphs", "articles"], ["2023", "0", "0"],
                                             ["2024", "6", "3"]]


def test_trend_of_nothing_exits_1(dated_index: Path) -> None:
    result = run("trend", "Kartoffelsalat", index=dated_index)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "0 matching paragraphs in 0 articles\n")


@pytest.mark.parametrize(("options", "message"), [
    (["--since", "2025", "--until", "2020"],
     "Error: --since 2025-01-01 is after --until 2020-12-31: nothing can match"),
    (["--plot", "trend.pdf"], "Error: Invalid value for '--plot': cannot draw trend.pdf: name a .png or .svg file"),
    (["--by", "day"], "Error: Invalid value for '--by': 'day' is not one of 'week', 'month', 'year'."),
])
def test_trend_usage_errors(dated_index: Path, options: list[str], message: str) -> None:
    result = run("trend", "Putin", *options, index=dated_index)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (2, message)


def test_trend_plot(dated_index: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the plot extra: pip install 'fundstelle[plot]'")
    result = run("trend", "Putin", "--plot", str(tmp_path / "putin.png"), index=dated_index)
    assert result.exit_code == 0 and (tmp_path / "putin.png").read_bytes()[:4] == b"\x89PNG"


# --- agency copy collapsed -------------------------------------------------------------------------


def _newsroom(folder: Path) -> None:
    """The seed article (dpa), a copy of two of its paragraphs with edits in another outlet (taz),
    and an article on the same subject in other words (welt)."""
    paragraphs = SEED_FILE.read_text(encoding="utf-8").split("\n\n")
    (folder / "dpa").mkdir(parents=True)
    (folder / "dpa" / "putin.txt").write_text(SEED_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "taz").mkdir()
    (folder / "taz" / "kopie.txt").write_text(
        "Putin droht mit Waffen für Nordkorea\n\n"
        + "Moskau (dpa) - " + paragraphs[2].replace("Mittwoch", "Dienstag") + "\n\n"
        + paragraphs[3].replace("Waffenlieferungen an die", "Waffen\u00adlieferungen an die") + "\n\n"
        "Die taz hat beim Kreml nachgefragt, eine Antwort steht aus.\n", encoding="utf-8")
    (folder / "welt").mkdir()
    (folder / "welt" / "anders.txt").write_text(
        "Pakt mit Pjöngjang\n\nPutin hat in Pjöngjang mit Kim Jong Un einen Beistandspakt unterzeichnet. Beide "
        "Staaten wollen sich im Falle eines Angriffs unterstützen, Waffenlieferungen an Nordkorea schloss Putin "
        "nicht aus.\n", encoding="utf-8")


def test_agency_copy_is_one_hit_with_its_copies(tmp_path: Path) -> None:
    _newsroom(tmp_path / "news")
    index = tmp_path / "index"
    assert run("index", str(tmp_path / "news"), index=index).exit_code == 0
    hits = json_lines(run("search", "Waffenlieferungen", "Nordkorea", "--json", "-n", "20", index=index))
    by_citation = {f"{h['path']} ¶{h['paragraph']}": h["duplicates"] for h in hits}
    # Each copied paragraph once, with its copy; the paragraph in other words apart; no copy alone.
    assert by_citation["news/dpa/putin.txt ¶2"] == [{"path": "news/taz/kopie.txt", "paragraph": 1}]
    assert by_citation["news/dpa/putin.txt ¶3"] == [{"path": "news/taz/kopie.txt", "paragraph": 2}]
    assert by_citation["news/welt/anders.txt ¶1"] == []
    assert not any(citation.startswith("news/taz/") for citation in by_citation)

    text = run("search", "Präzisionswaffen", index=index, env={"NO_COLOR": "1"})
    assert text.stdout.splitlines()[-1] == "    also in 1 other article: news/taz/kopie.txt ¶2"
    every = json_lines(run("search", "Präzisionswaffen", "--json", "--no-collapse", index=index))
    assert [(h["path"], h["duplicates"]) for h in every] == [("news/dpa/putin.txt", []), ("news/taz/kopie.txt", [])]
    # Counting and listing count every copy.
    assert run("search", "Präzisionswaffen", "--count", index=index).stdout == "2\n"
    assert run("search", "Präzisionswaffen", "-l", index=index).stdout.splitlines() == [
        "news/dpa/putin.txt", "news/taz/kopie.txt"]


def test_groups_follow_updates_and_removals(tmp_path: Path) -> None:
    _newsroom(tmp_path / "news")
    index = tmp_path / "index"
    assert run("index", str(tmp_path / "news"), index=index).exit_code == 0

    def copies() -> list:
        (hit,) = json_lines(run("search", "Präzisionswaffen", "--json", index=index))
        return hit["duplicates"]

    assert copies() == [{"path": "news/taz/kopie.txt", "paragraph": 2}]
    assert run("remove", str(tmp_path / "news" / "taz"), index=index).exit_code == 0
    assert copies() == []
    kopie = tmp_path / "news" / "taz" / "kopie.txt"
    kopie.write_text("Ohne Kopie\n\nDie taz schreibt diesmal selbst über Präzisionswaffen.\n", encoding="utf-8")
    assert run("index", str(kopie), index=index).exit_code == 0
    (first, second) = json_lines(run("search", "Präzisionswaffen", "--json", index=index))
    assert (first["duplicates"], second["duplicates"]) == ([], [])
    assert run("rebuild", index=index).exit_code == 0
    assert len(json_lines(run("search", "Präzisionswaffen", "--json", index=index))) == 2
