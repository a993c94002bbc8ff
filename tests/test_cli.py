"""The ``fundstelle`` command as people and scripts use it: output, exit codes, every error message."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from indexer import ANALYSIS_VERSION, SCHEMA_VERSION
from indexer.store import current_generation, live_manifest_path
from queries.cli import cli

from .conftest import SEED_PATH

TITLE = 'Russischer Präsident Putin "Waffenlieferungen an Nordkorea sind möglich"'
JSON_FIELDS = {"schema_version", "path", "paragraph", "title", "published", "heading", "text", "score", "rank",
               "highlights", "context"}


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
    assert result.stderr.splitlines()[1].startswith("1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped (9 paragraphs")
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
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    result = run("search", "Kartoffelsalat", "--json", index=index)
    assert (result.exit_code, result.stdout) == (1, "")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Error: empty query: give at least one word to search for"),
        ("die und", "Error: query 'die und' has only stop words (die, und), which are not indexed: "
                    "add a word that carries meaning"),
        ('"Waffen', "Error: unbalanced quote in query '\"Waffen': close the phrase with a second \""),
        ("(Putin", "Error: unbalanced parenthesis in query '(Putin': every ( needs a matching )"),
        ("autor:Miller", "Error: unknown field 'autor' in query: use one of text, exact, title, heading, path, "
                         "published"),
        ("published:gestern", "Error: cannot read the date in query 'published:gestern': write "
                              "published:2024-06-21, published:2024-06 or published:[2024-06-01 TO 2024-06-30]"),
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
    assert (result.exit_code, result.stderr) == (2, f"Error: {bogus} is a file, not an index folder: give another --index\n")


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


def test_index_command_default_is_the_seeds(tmp_path: Path) -> None:
    result = run("index", index=tmp_path / "i")
    assert result.exit_code == 0
    assert result.stderr.startswith("1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped (9 paragraphs, ")
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
    assert result.stderr.splitlines()[1].startswith("1 added, 0 updated, 0 removed, 0 unchanged, 1 skipped")


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


@pytest.mark.parametrize("command", [[], ["index"], ["rebuild"], ["search"], ["analyze"], ["stats"]])
def test_help_has_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example" in result.stdout
