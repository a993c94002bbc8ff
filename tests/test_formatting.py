"""Formatting: human blocks with highlights that survive wrapping, and JSON objects."""
from __future__ import annotations

import json

import pytest

from queries.formatting import JSON_SCHEMA_VERSION, format_date, format_hit, hit_to_json, wrap_spans
from queries.searching import Hit

HIT = Hit(
    path="news/a.txt", paragraph=3, title="Bahnstreik", published="2024-06-21T09:28", heading="Die Folgen",
    text="Der Streik der Bahn trifft Pendler in ganz Deutschland.", score=1.5, rank=1,
    highlights=((4, 10), (20, 26)),
)


@pytest.mark.parametrize(
    ("iso", "shown"),
    [("2024-06-21T09:28", "21.06.2024 09:28"), ("2024-06-21", "21.06.2024"), ("2024-06", "06.2024"), (None, "")],
)
def test_format_date(iso: str | None, shown: str) -> None:
    assert format_date(iso) == shown


def test_plain_block() -> None:
    assert format_hit(HIT).splitlines() == [
        "news/a.txt ¶3",
        "    Bahnstreik · 21.06.2024 09:28",
        "    » Die Folgen",
        "    Der Streik der Bahn trifft Pendler in ganz Deutschland.",
    ]


def test_colored_block_marks_highlights() -> None:
    text = format_hit(HIT, color=True)
    assert "\x1b[31m\x1b[1mStreik\x1b[0m" in text and "\x1b[31m\x1b[1mtrifft\x1b[0m" in text


def test_wrapping_keeps_highlights_on_their_words() -> None:
    lines = format_hit(HIT, color=True, width=30).splitlines()[3:]
    assert len(lines) > 1
    assert all(len(line.replace("\x1b[31m\x1b[1m", "").replace("\x1b[0m", "")) <= 30 for line in lines)
    assert "\x1b[31m\x1b[1mtrifft\x1b[0m" in "".join(lines)


def test_wrap_spans_cover_the_text() -> None:
    text = HIT.text
    spans = wrap_spans(text, 12)
    assert " ".join(text[s:e] for s, e in spans) == text


def test_hit_without_heading_or_date() -> None:
    hit = Hit(path="a.txt", paragraph=1, title="a", published=None, heading=None, text="Text.", score=0.1, rank=1)
    assert format_hit(hit).splitlines() == ["a.txt ¶1", "    a", "    Text."]


def test_hit_to_json() -> None:
    data = json.loads(hit_to_json(HIT))
    assert data == {
        "schema_version": JSON_SCHEMA_VERSION, "path": "news/a.txt", "paragraph": 3, "title": "Bahnstreik",
        "published": "2024-06-21T09:28", "heading": "Die Folgen", "text": HIT.text, "score": 1.5, "rank": 1,
        "highlights": [[4, 10], [20, 26]], "context": [], "part": None, "url": None, "duplicates": [], "quotes": [],
    }
