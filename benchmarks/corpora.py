"""The shared data sets as the benchmarks use them: XQuAD questions and passages, law paragraphs as articles."""
from __future__ import annotations

import gzip
import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from indexer import index_paths
from indexer.sources import is_heading, parse_article

REPO = Path(__file__).resolve().parents[1]
#: ../shared beside the checkout, or $FUNDSTELLE_SHARED.
SHARED = Path(os.environ.get("FUNDSTELLE_SHARED", REPO.parent / "shared"))
XQUAD = SHARED / "data" / "xquad-de"
GESETZE = SHARED / "data" / "gesetze" / "paragraphs.jsonl.gz"
# The law corpus is a snapshot of 2022-03-26 (its last upstream commit).
LAW_HEADER = " date 2022-03 {title} Stand: 26.03.2022"


@dataclass(frozen=True)
class Question:
    query_id: str
    text: str
    relevant: frozenset[str]


def xquad_passages() -> list[dict]:
    with open(XQUAD / "passages.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def xquad_questions() -> list[Question]:
    with open(XQUAD / "queries.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [Question(r["query_id"], r["query"], frozenset(r["relevant_ids"])) for r in rows]


def write_passages(folder: Path) -> dict[tuple[str, int], str]:
    """The XQuAD passages as the 48 Wikipedia articles they were taken from: one file per title,
    its passages as paragraphs in the data set's order. Returns (file name, paragraph number) →
    passage id, to map a hit back to its passage."""
    folder.mkdir(parents=True, exist_ok=True)
    by_title: dict[str, list[dict]] = {}
    for passage in xquad_passages():
        by_title.setdefault(passage["title"], []).append(passage)
    ids = {}
    for title, passages in by_title.items():
        name = f"{title}.txt"
        # The title line, then the passages (a short passage first would read as the title).
        text = "\n\n".join([title, *(" ".join(passage["text"].split()) for passage in passages)])
        # Each passage must come back as one paragraph of its own (none may read as a heading; a
        # long one may come in parts).
        if len({p.number for p in parse_article(text, name=title).paragraphs}) != len(passages):
            raise ValueError(f"the passages of {title!r} do not parse as {len(passages)} paragraphs")
        (folder / name).write_text(text + "\n", encoding="utf-8")
        ids.update({(name, number): passage["id"] for number, passage in enumerate(passages, 1)})
    return ids


def law_paragraphs(limit: int | None = None) -> Iterator[dict]:
    """The first ``limit`` law paragraphs (all 571,731 with None), in file order (grouped by law)."""
    with gzip.open(GESETZE, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            yield json.loads(line)


def law_article_text(title: str, rows: list[dict]) -> str:
    """One law as an article: header with the title, each section as a subheading, one paragraph per row."""
    blocks = [LAW_HEADER.format(title=" ".join(title.split()))]
    section = None
    for row in rows:
        if row["section"] != section and is_heading(row["section"]):
            blocks.append(row["section"])
        section = row["section"]
        blocks.append(" ".join(row["text"].split()))
    return "\n\n".join(blocks) + "\n"


def write_law_articles(folder: Path, limit: int | None = None) -> tuple[int, int]:
    """Write one article file per law for the first ``limit`` paragraphs; returns (files, paragraphs)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = paragraphs = 0
    for law, rows in itertools.groupby(law_paragraphs(limit), key=lambda r: r["law"]):
        rows = list(rows)
        (folder / f"{law}.txt").write_text(law_article_text(rows[0]["title"], rows), encoding="utf-8")
        files += 1
        paragraphs += len(rows)
    return files, paragraphs


def index_passages_and_laws(workdir: Path, distractors: int) -> dict[tuple[str, int], str]:
    """Index the XQuAD passages and the first ``distractors`` law paragraphs as articles through
    Fundstelle's own indexing path, at ``workdir / "index"``; returns :func:`write_passages`' map."""
    passage_ids = write_passages(workdir / "xquad")
    paths = [workdir / "xquad"]
    if distractors:
        write_law_articles(workdir / "gesetze", distractors)
        paths.append(workdir / "gesetze")
    index_paths(workdir / "index", paths)
    return passage_ids
