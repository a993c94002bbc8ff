"""Articles as JSON: JSON Lines (``.jsonl``, ``.ndjson``: one object a line) and JSON (``.json``:
an object, a list of them, or an object whose ``articles``/``items`` list holds them), as
scrapers and news APIs export them.

Each object is one article. Its fields are found by the first of their usual names
(:data:`DEFAULT_FIELDS`): ``title``, ``date``/``published``/``datePublished``,
``text``/``body``/``content`` and ``url``; ``json_fields`` names others (``{"text": "artikel"}``),
tried first. The text is paragraphs separated by blank lines, or a
list of paragraphs; HTML in it is read as HTML. An article is cited by its place in the file
(``artikel.jsonl#3``).
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any, Mapping

from ..errors import ArticleError
from ..german.dates import dates_in
from .article import Article
from .html import looks_like_html, parse_html_fragment
from .paragraphs import marked_headings, numbered_paragraphs
from .reader import Reader
from .text import text_blocks

__all__ = ["DEFAULT_FIELDS", "JSON_LINES_READER", "JSON_READER", "field_names", "is_json_lines", "parse_json",
           "parse_json_lines"]

#: Each article field and the names it goes by, tried in this order.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "date": ("date", "published", "datePublished", "published_at", "pubDate", "created"),
    "text": ("text", "body", "content", "articleBody", "description"),
    "url": ("url", "link", "canonical_url"),
}
_ISO_TIME_LENGTH = len("2024-06-21T09:28")


def field_names(json_fields: Mapping[str, str] | None) -> dict[str, tuple[str, ...]]:
    """The names each field is looked for by: a name given in ``json_fields`` first, then the usual ones.

    >>> field_names({"text": "artikel"})["text"][:2]
    ('artikel', 'text')
    """
    given = json_fields or {}
    return {field: (*((given[field],) if field in given else ()), *names) for field, names in DEFAULT_FIELDS.items()}


def parse_json_lines(text: str, name: str = "", json_fields: Mapping[str, str] | None = None) -> list[Article]:
    """The articles of a JSON Lines file, one object a line (blank lines skipped; a line that is
    no JSON is skipped with a warning for the file).

    >>> lines = '{"title": "A", "text": "Eins."}\\n{"title": "B", "body": "Zwei."}'
    >>> [(a.anchor, a.title) for a in parse_json_lines(lines)]
    [('#1', 'A'), ('#2', 'B')]
    """
    objects = []
    bad_lines = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if line.strip():
            try:
                objects.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                # One broken line (a cut-off export, a hand edit) costs that line, not the file.
                bad_lines.append(f"line {number} is no JSON ({exc.msg}): skipped")
    if bad_lines and not objects:
        raise ArticleError(bad_lines[0])
    articles = _articles(objects, name, field_names(json_fields))
    return [replace(articles[0], file_warnings=tuple(bad_lines)), *articles[1:]] if bad_lines else articles


def parse_json(text: str, name: str = "", json_fields: Mapping[str, str] | None = None) -> list[Article]:
    """The articles of a JSON file: an object, a list of objects, or an object with a list of them
    under ``articles`` or ``items``."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ArticleError(f"no JSON (line {exc.lineno}: {exc.msg})") from None
    if isinstance(data, dict):
        listed = next((data[key] for key in ("articles", "items") if isinstance(data.get(key), list)), None)
        data = listed if listed is not None else [data]
    if not isinstance(data, list):
        raise ArticleError("JSON that is neither an article object nor a list of them")
    return _articles(list(enumerate(data, 1)), name, field_names(json_fields))


def _articles(objects: list[tuple[int, Any]], name: str, fields: dict[str, tuple[str, ...]]) -> list[Article]:
    """One article per object that has a text; an object without is skipped, a file without any fails."""
    articles = []
    for number, data in objects:
        if not isinstance(data, dict):
            continue
        try:
            articles.append(_article(data, f"#{number}", f"{name}#{number}", fields))
        except ArticleError:
            continue  # an object without text: a teaser, a list entry
    if not articles:
        raise ArticleError("no article in the JSON (no object with a text field: "
                           f"{', '.join(fields['text'])}; --json-field text=NAME names another)")
    return articles


def _field(data: dict, names: tuple[str, ...]) -> Any:
    return next((data[key] for key in names if data.get(key) not in (None, "", [])), None)


def _article(data: dict, anchor: str, fallback_title: str, fields: dict[str, tuple[str, ...]]) -> Article:
    text = _field(data, fields["text"])
    if isinstance(text, list):
        text = "\n\n".join(str(item) for item in text)
    if not isinstance(text, str) or not text.strip():
        raise ArticleError("no text")
    blocks = parse_html_fragment(text) if looks_like_html(text) else marked_headings(text_blocks(text))
    title = _field(data, fields["title"])
    warnings = []
    published = None
    date = _field(data, fields["date"])
    if isinstance(date, str):
        published = _iso_date(date, warnings)
    url = _field(data, fields["url"])
    return Article(title=str(title).strip() if title else fallback_title, published=published,
                   paragraphs=numbered_paragraphs(blocks), url=str(url) if url else None, anchor=anchor,
                   warnings=tuple(warnings))


def _iso_date(value: str, warnings: list[str]) -> str | None:
    """An article's date as ISO 8601 at the precision given: ISO values as APIs write them
    (``2024-06-21T09:28:00+02:00``, kept to the minute), or German dates."""
    value = value.strip()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        found = next(dates_in(value[:_ISO_TIME_LENGTH].replace("T", " ")), None)
    else:
        found = next(dates_in(value), None)
    if found is None or found.iso is None:
        warnings.append(f"cannot read the date {value!r}: the article is undated")
        return None
    return found.iso


_JSON_LINE_RE = re.compile(r"\A\s*\{.*\}\s*\Z")


def is_json_lines(text: str) -> bool:
    """Whether a text's first lines are each a JSON object (the head of a JSON Lines file).

    >>> is_json_lines('{"title": "A"}\\n\\n{"title": "B"}'), is_json_lines("{Titel}\\nText")
    (True, False)
    """
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    return bool(lines) and all(_JSON_LINE_RE.match(line) for line in lines)


JSON_LINES_READER = Reader("JSON Lines", (".jsonl", ".ndjson"), parse_json_lines, sniff=is_json_lines,
                           json_fields=True)
JSON_READER = Reader("JSON", (".json",), parse_json, json_fields=True)
