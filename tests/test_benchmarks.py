"""Smoke runs of the benchmark scripts on small slices of the shared data: they work, not how fast."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import shared_path


def test_relevance_smoke(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    shared_path("data", "xquad-de")
    shared_path("data", "gesetze")
    from benchmarks import relevance

    out = tmp_path / "relevance.json"
    assert relevance.main(["--questions", "40", "--distractors", "300", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    fundstelle = report["runs"]["0"]["Fundstelle"]
    assert report["questions"] == 40
    assert 0.5 < fundstelle["mrr"] <= 1.0 and fundstelle["s1"] <= fundstelle["s5"] <= fundstelle["s10"]
    assert "Fundstelle" in report["runs"]["300"]
    assert "| Fundstelle |" in capsys.readouterr().out


def test_germanquad_smoke(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Both granularities, each passage counted at its first hit; Fundstelle's paragraphs are the
    passage's own (its title and headings read as such)."""
    shared_path("data", "germanquad-dev")
    from benchmarks import germanquad

    out = tmp_path / "germanquad.json"
    assert germanquad.main(["--questions", "30", "--only", "Fundstelle", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["passages"] == 474 and report["questions"] == 30
    for granularity in ("paragraphs", "passages"):
        scores = report["runs"][granularity]["Fundstelle"]
        assert 0.5 < scores["mrr"] <= 1.0 and scores["s1"] <= scores["s5"] <= scores["s10"]
    assert "as articles of paragraphs" in capsys.readouterr().out
    germanquad.write_articles(tmp_path / "articles", "paragraphs")
    article = (tmp_path / "articles" / "c40369.md").read_text(encoding="utf-8")
    assert article.startswith("# Aufzugsanlage\n\n## Seilloser Aufzug\n\nAn der RWTH Aachen")


def test_scale_smoke(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    shared_path("data", "gesetze")
    from benchmarks import scale

    out = tmp_path / "scale.json"
    args = ["--sizes", "1500", "--peer-size", "1500", "--work", str(tmp_path / "work"), "--json", str(out)]
    assert scale.main(args) == 0
    first = json.loads(out.read_text())
    # A reused --work folder: builds from scratch again (its old index is no update, the peers' folders no obstacle).
    assert scale.main(args) == 0
    report = json.loads(out.read_text())
    assert report["builds"][0]["paragraphs"] == first["builds"][0]["paragraphs"]
    assert report["builds"][0]["index_mb"] == pytest.approx(first["builds"][0]["index_mb"], rel=0.05)
    (build,) = report["builds"]
    assert build["rows"] == 1500 and 1000 < build["paragraphs"] <= 1500
    assert build["files"] > 1 and build["peak_rss_mb"] > 0
    assert sum(len(q) for q in scale.QUERY_MIX.values()) >= 50
    assert set(report["queries"]) == set(scale.QUERY_MIX) | {"overall"}
    assert report["cli_p50_s"] > 0 and report["incremental"]["one_changed_s"] > 0
    assert "Fundstelle" in report["peers"]
    assert f"Queries on {build['paragraphs']:,} paragraphs" in capsys.readouterr().out
    assert report["commit"] and report["date"] and report["machine"]
    assert set(report["answers"]) == {query for queries in scale.QUERY_MIX.values() for query in queries}


def test_trend_smoke(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    shared_path("data", "gesetze")
    from benchmarks import trend

    out = tmp_path / "trend.json"
    assert trend.main(["--paragraphs", "2000", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["paragraphs"] == 2000 and [q["query"] for q in report["queries"]] == list(trend.QUERIES)
    # Ten years by month: every period from the first match to the last, none missing.
    assert max(q["periods"] for q in report["queries"]) == 120
    assert all(q["trend_ms"] > 0 and q["paragraphs"] > 0 for q in report["queries"]) and report["cli_s"] > 0
    assert "dated paragraphs in 5 outlets" in capsys.readouterr().out


def test_duplicates_smoke(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    shared_path("data", "germanquad-dev")
    shared_path("data", "gesetze")
    from benchmarks import duplicates

    out = tmp_path / "duplicates.json"
    assert duplicates.main(["--laws", "200", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["copies"] > 1000 and report["true_pairs"] > report["copies"]
    assert 0.9 < report["precision"] <= 1.0 and 0.9 < report["recall"] <= 1.0
    assert set(report["recall_by_edit"]) == set(duplicates.EDITS)
    assert "pairs one text" in capsys.readouterr().out


def test_decade_smoke(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    shared_path("data", "gesetze")
    shared_path("data", "germanquad-dev")
    from benchmarks import decade

    out = tmp_path / "decade.json"
    assert decade.main(["--paragraphs", "2000", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    (built,) = report["builds"]
    assert built["paragraphs"] == 2000 and 100 < built["agency_copies"] < 400 and built["index_to_raw"] > 0
    assert {"date-filtered", "trend", "overall", *decade.QUERY_MIX} == set(report["queries"])
    assert set(report["incremental"]) == {"one_changed_s", "nothing_changed_s"} and report["cli_p50_s"] > 0
    assert "date-filtered" in capsys.readouterr().out


def test_quotations_smoke(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from benchmarks import quotations

    out = tmp_path / "quotations.json"
    assert quotations.main(["--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert list(report["sets"]) == [*quotations.SETS, "all"]
    assert report["sets"]["all"]["labelled"] == sum(report["sets"][name]["labelled"] for name in quotations.SETS)
    assert "speaker precision" in capsys.readouterr().out


def test_quotation_judging_counts_wrong_boundaries_and_speakers() -> None:
    from benchmarks.quotations import judge

    rows = [{"text": "„Das ist falsch“, sagte Lindner. Er „lacht“.",
             "quotes": [{"text": "Das ist falsch", "speaker": "Scholz"}, {"text": "lacht.", "speaker": None}]}]
    report = judge(rows)
    assert (report["exact"], report["found"], report["labelled"]) == (1, 2, 2)
    assert (report["right_speakers"], report["found_speakers"], report["labelled_speakers"]) == (0, 1, 1)


def test_docs_show_the_benchmark_results() -> None:
    """Every figure block in docs/ and the README is what `python -m benchmarks.docs` writes from
    the committed results: figures are measured, never typed."""
    from benchmarks import docs

    written = docs.written_docs()
    blocks = [name for text in written.values() for name in re.findall(r"<!-- figures: (\w+) -->", text)]
    assert sorted(blocks) == sorted([*docs.BENCHMARKS, *docs.SUMMARIES])
    assert docs.main(["--check"]) == 0


def test_targets_say_which_are_met() -> None:
    from benchmarks.results import load_results
    from benchmarks.scale import TARGETS, targets_table

    report = load_results("scale")
    table = targets_table(report).splitlines()
    assert len(table) == 2 + len(TARGETS)
    report["incremental"]["one_changed_s"] = 3.5  # over its limit of 3 s
    changed = next(row for row in targets_table(report).splitlines() if "one article changed" in row)
    assert changed == "| update after one article changed | ≤ 3 s | 3.500 s | no |"


def test_relevance_criterion_is_the_floor_and_every_peer() -> None:
    from benchmarks.relevance import criterion

    def report(own: float, peer: float) -> dict:
        return {"runs": {"120000": {"Fundstelle": {"mrr": own}, "tantivy": {"mrr": peer}}}}

    assert criterion(report(0.9343, 0.734)) == ("Among 120,000 law paragraphs: MRR@10 0.9343 against the floor "
                                                "0.93 (met); the best peer 0.7340 (behind Fundstelle).")
    assert "(not met); the best peer 0.9400 (not behind" in criterion(report(0.92, 0.94))
    assert criterion({"runs": {"0": {}}}) is None


def test_answers_compare_up_to_the_order_of_equal_scores() -> None:
    from benchmarks.scale import differing_answers

    first = {"a": [3, [["x ¶1", 2.0], ["y ¶1", 1.0], ["z ¶1", 1.0]]], "b": [1, [["x ¶1", 1.5]]]}
    reordered = {"a": [3, [["x ¶1", 2.0], ["z ¶1", 1.0], ["y ¶1", 1.0]]], "b": [1, [["x ¶1", 1.5]]]}
    other_tie = {"a": [3, [["x ¶1", 2.0], ["z ¶1", 1.0], ["w ¶1", 1.0]]], "b": [1, [["x ¶1", 1.5]]]}
    rescored = {"a": [3, [["x ¶1", 2.1], ["y ¶1", 1.0], ["z ¶1", 1.0]]], "b": [2, [["x ¶1", 1.5]]]}
    assert differing_answers(first, reordered) == differing_answers(first, other_tie) == []
    assert sorted(differing_answers(first, rescored)) == ["a", "b"]
