"""Input formats: a reader per format turns a file's bytes into its articles.

A reader is registered in :data:`READERS` by the suffixes it reads; walking a folder takes the
files that match :data:`DEFAULT_INCLUDE`, one pattern per registered suffix. A file of another
suffix (named directly) and a ``.txt`` file are sniffed: an HTML page, Markdown front matter or
JSON Lines are read as such, anything else as plain text. Bytes become text in one place,
:func:`~indexer.sources.decoding.decode_text`, and every article's text is composed (NFC) in one
place, :func:`read_source`.

>>> [a.title for a in read_source(b"Titel\\n\\nEin Satz.", "artikel.txt")]
['Titel']
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Mapping

from ..errors import ArticleError
from .article import Article, Paragraph, composed_article
from .decoding import decode_text, read_bytes
from .html import is_html_page, parse_html
from .jsonlines import DEFAULT_FIELDS, parse_json, parse_json_lines
from .markdown import parse_markdown
from .paragraphs import is_heading
from .text import parse_article

__all__ = ["DEFAULT_FIELDS", "DEFAULT_INCLUDE", "JSON_SUFFIXES", "READERS", "Article", "Paragraph", "decode_text",
           "is_heading", "parse_article", "read_article", "read_bytes", "read_source"]

#: A reader: a file's text, its name without suffix (the title of last resort) and the JSON field
#: names an index was given (``json_fields``) → its articles.
Reader = Callable[..., list[Article]]


def _one(parse: Callable[[str, str], Article]) -> Reader:
    """A reader for a format of one article a file (it has no JSON fields to be told)."""
    return lambda text, name, json_fields=None: [parse(text, name)]


_TEXT = _one(parse_article)
#: The reader of each file suffix (lower case, with its dot).
READERS: dict[str, Reader] = {
    ".txt": _TEXT,
    ".md": _one(parse_markdown), ".markdown": _one(parse_markdown),
    ".html": _one(parse_html), ".htm": _one(parse_html),
    ".jsonl": parse_json_lines, ".ndjson": parse_json_lines, ".json": parse_json,
}
#: The suffixes of JSON articles (read again when the index is given other field names).
JSON_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
#: File name patterns of articles when walking a folder: the registered suffixes.
DEFAULT_INCLUDE: tuple[str, ...] = tuple(f"*{suffix}" for suffix in READERS)
_JSON_LINE_RE = re.compile(r"\A\s*\{.*\}\s*\Z")


def _sniffed(text: str) -> Reader:
    """The reader for a text whose suffix does not tell (``.txt``, or none registered)."""
    head = text.lstrip("\ufeff \t\r\n")
    # A page, not text that holds a tag: a note with one <a href> is plain text.
    if is_html_page(head):
        return READERS[".html"]
    if head.startswith("---\n") and "\n---" in head[4:2000]:
        return READERS[".md"]
    lines = [line for line in head.splitlines()[:20] if line.strip()]
    if lines and all(_JSON_LINE_RE.match(line) for line in lines):
        return READERS[".jsonl"]
    return _TEXT


def read_source(data: bytes, path: str | Path, json_fields: Mapping[str, str] | None = None) -> list[Article]:
    """The articles in ``data``, the bytes of the file at ``path``, read by its suffix's reader
    (sniffed for ``.txt`` and suffixes no reader claims); ``json_fields``: the names of a JSON
    article's fields where they are not the usual ones (:func:`~indexer.sources.jsonlines.field_names`)."""
    path = Path(path)
    text = decode_text(data)
    reader = READERS.get(path.suffix.lower())
    if reader is None or reader is _TEXT:
        reader = _sniffed(text)
    return [composed_article(article) for article in reader(text, path.stem, json_fields)]


def read_article(path: str | Path) -> Article:
    """Read and parse a file of one article; raise :class:`~indexer.errors.ArticleError` with the
    reason it cannot be used (a file of several articles, JSON Lines say, gives its first)."""
    articles = read_source(read_bytes(Path(path)), path)
    if not articles:
        raise ArticleError("no article")
    return articles[0]
