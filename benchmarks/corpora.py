"""The shared data sets as the benchmarks use them: XQuAD and GermanQuAD questions and passages, law
paragraphs as articles and as a dated news archive."""
from __future__ import annotations

import datetime
import gzip
import itertools
import json
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from indexer import index_paths
from indexer.sources import is_heading, parse_article

REPO = Path(__file__).resolve().parents[1]
#: ../shared beside the checkout, or $FUNDSTELLE_SHARED.
SHARED = Path(os.environ.get("FUNDSTELLE_SHARED", REPO.parent / "shared"))
XQUAD = SHARED / "data" / "xquad-de"
GERMANQUAD = SHARED / "data" / "germanquad-dev"
GESETZE = SHARED / "data" / "gesetze" / "paragraphs.jsonl.gz"
# The law corpus is a snapshot of 2022-03-26 (its last upstream commit).
LAW_HEADER = " date 2022-03 {title} Stand: 26.03.2022"


@dataclass(frozen=True)
class Question:
    query_id: str
    text: str
    relevant: frozenset[str]


def xquad_passages() -> list[dict]:
    return _json_lines(XQUAD / "passages.jsonl")


def xquad_questions() -> list[Question]:
    return _questions(XQUAD / "queries.jsonl")


def germanquad_passages() -> list[dict]:
    """GermanQuAD's 474 test passages: ``{"id", "text"}``, the text a Wikipedia section (see
    :func:`passage_parts`)."""
    return _json_lines(GERMANQUAD / "passages.jsonl")


def germanquad_questions() -> list[Question]:
    """The development third of GermanQuAD's test questions (746), each with its one passage."""
    return _questions(GERMANQUAD / "queries.jsonl")


def _json_lines(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _questions(path: Path) -> list[Question]:
    return [Question(r["query_id"], r["query"], frozenset(r["relevant_ids"])) for r in _json_lines(path)]


_WIKI_HEADING = re.compile(r"^(=+) (.*) \1$")


@dataclass(frozen=True)
class PassageParts:
    """A GermanQuAD passage read as an article: its title (the first line), and its blocks in
    order, each a (heading, None) or (None, paragraph)."""

    title: str
    blocks: tuple[tuple[str | None, str | None], ...]

    @property
    def paragraphs(self) -> list[str]:
        return [paragraph for _heading, paragraph in self.blocks if paragraph is not None]

    def markdown(self) -> str:
        """The passage as a Markdown article: the title as ``#``, a section heading as ``##``."""
        lines = [f"# {self.title}"]
        lines += [f"## {heading}" if heading is not None else paragraph for heading, paragraph in self.blocks]
        return "\n\n".join(lines) + "\n"


def passage_parts(text: str) -> PassageParts:
    """Split a GermanQuAD passage: the first line is the article's title, ``=== … ===`` lines are
    section headings, every other line a paragraph.

    >>> passage_parts("Premier_League\\nDie Liga.").title
    'Premier League'

    >>> passage_parts("Aufzug\\n\\n=== Seilloser Aufzug ===\\nEine Kabine.\\nZwei Motoren.").blocks
    (('Seilloser Aufzug', None), (None, 'Eine Kabine.'), (None, 'Zwei Motoren.'))
    """
    title, *lines = text.split("\n")
    blocks = []
    for line in (line.strip() for line in lines):
        heading = _WIKI_HEADING.match(line)
        if heading:
            blocks.append((heading.group(2).strip(), None))
        elif line:
            blocks.append((None, line))
    # The title as Wikipedia shows it: the data set writes it as in a URL (``Premier_League``).
    return PassageParts(" ".join(title.replace("_", " ").split()), tuple(blocks))


def write_passages(folder: Path, as_articles: bool = True) -> dict[tuple[str, int], str]:
    """The XQuAD passages as the 48 Wikipedia articles they were taken from: one file per title,
    its passages as paragraphs in the data set's order (``as_articles=False``: each passage a file
    of its own, under its article's title). Returns (file name, paragraph number) → passage id,
    to map a hit back to its passage."""
    folder.mkdir(parents=True, exist_ok=True)
    by_title: dict[str, list[dict]] = {}
    for passage in xquad_passages():
        by_title.setdefault(passage["title"], []).append(passage)
    ids = {}
    for title, passages in by_title.items():
        files = [(f"{title}.txt", passages)] if as_articles else [
            (f"{title}-{number}.txt", [passage]) for number, passage in enumerate(passages, 1)]
        for name, held in files:
            # The title line, then the passages (a short passage first would read as the title).
            text = "\n\n".join([title, *(" ".join(passage["text"].split()) for passage in held)])
            # Each passage must come back as one paragraph of its own (none may read as a heading;
            # a long one may come in parts).
            if len({p.number for p in parse_article(text, name=title).paragraphs}) != len(held):
                raise ValueError(f"the passages of {title!r} do not parse as {len(held)} paragraphs")
            (folder / name).write_text(text + "\n", encoding="utf-8")
            ids.update({(name, number): passage["id"] for number, passage in enumerate(held, 1)})
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


def write_dated_archive(folder: Path, paragraphs: int, outlets: int = 5, years: int = 10,
                        seed: int = 31) -> int:
    """The first ``paragraphs`` law paragraphs as a news archive: each a one-paragraph article
    (the law's title as its title) dated on a random day of ``years`` years from 2015, in JSON
    Lines files by outlet and year (``outlet-2/2019.jsonl``); returns the number of articles."""
    rng = random.Random(seed)
    first, days = datetime.date(2015, 1, 1), 365 * years + years // 4
    by_file: dict[Path, list[str]] = {}
    for row in law_paragraphs(paragraphs):
        day = first + datetime.timedelta(days=rng.randrange(days))
        path = folder / f"outlet-{rng.randrange(outlets) + 1}" / f"{day.year}.jsonl"
        by_file.setdefault(path, []).append(json.dumps(
            {"title": " ".join(row["title"].split()), "date": day.isoformat(), "text": [row["text"]]},
            ensure_ascii=False))
    for path, lines in by_file.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(map(len, by_file.values()))


def index_passages_and_laws(workdir: Path, distractors: int, as_articles: bool = True) -> dict[tuple[str, int], str]:
    """Index the XQuAD passages (as :func:`write_passages` writes them) and the first
    ``distractors`` law paragraphs as articles through Fundstelle's own indexing path, at
    ``workdir / "index"``; returns :func:`write_passages`' map."""
    passage_ids = write_passages(workdir / "xquad", as_articles)
    paths = [workdir / "xquad"]
    if distractors:
        write_law_articles(workdir / "gesetze", distractors)
        paths.append(workdir / "gesetze")
    index_paths(workdir / "index", paths)
    return passage_ids
