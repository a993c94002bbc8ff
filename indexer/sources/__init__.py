"""Input formats: a reader per format turns a file's text into its articles.

Each format is a module with its :class:`~indexer.sources.reader.Reader`, registered in
:data:`READERS`: its suffixes choose it for a file (and make :data:`DEFAULT_INCLUDE`, the
patterns of a folder walk); a ``.txt`` file, and one of a suffix no reader claims, is sniffed —
each reader's ``sniff`` in the order of :data:`READERS`, plain text when none says yes. Bytes
become text in one place, :func:`~indexer.sources.decoding.decode_text`, and every article's text
is composed (NFC) in one place, :func:`read_source`.

>>> [a.title for a in read_source(b"Titel\\n\\nEin Satz.", "artikel.txt")]
['Titel']
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ..errors import ArticleError
from . import html, jsonlines, markdown, text
from .article import Article, Paragraph, composed_article
from .decoding import decode_text, read_bytes
from .jsonlines import DEFAULT_FIELDS
from .paragraphs import is_heading
from .reader import Reader
from .text import parse_article

__all__ = ["DEFAULT_FIELDS", "DEFAULT_INCLUDE", "JSON_SUFFIXES", "READERS", "Article", "Paragraph", "Reader",
           "decode_text", "is_heading", "parse_article", "read_article", "read_bytes", "read_source", "reader_for"]

#: The input formats, in the order a text is sniffed; plain text, which sniffs as nothing else, last.
READERS: tuple[Reader, ...] = (html.READER, markdown.READER, jsonlines.JSON_LINES_READER, jsonlines.JSON_READER,
                               text.READER)
_BY_SUFFIX = {suffix: reader for reader in READERS for suffix in reader.suffixes}
#: File name patterns of articles when walking a folder: the registered suffixes.
DEFAULT_INCLUDE: tuple[str, ...] = tuple(f"*{suffix}" for suffix in _BY_SUFFIX)
#: The suffixes of formats whose fields go by names (read again when the index is given others).
JSON_SUFFIXES = frozenset(suffix for suffix, reader in _BY_SUFFIX.items() if reader.json_fields)


def reader_for(content: str, suffix: str) -> Reader:
    """The reader of a file's text by its suffix; a ``.txt`` file, or a suffix no reader claims,
    by sniffing its head.

    >>> reader_for("<!DOCTYPE html><html>…", ".txt").name, reader_for("Titel", ".md").name
    ('HTML page', 'Markdown')
    """
    reader = _BY_SUFFIX.get(suffix.lower())
    if reader is not None and reader is not text.READER:
        return reader
    head = content.lstrip("\ufeff \t\r\n")
    return next((r for r in READERS if r.sniff is not None and r.sniff(head)), text.READER)


def read_source(data: bytes, path: str | Path, json_fields: Mapping[str, str] | None = None) -> list[Article]:
    """The articles in ``data``, the bytes of the file at ``path``, read by its suffix's reader
    (sniffed for ``.txt`` and suffixes no reader claims); ``json_fields``: the names of a JSON
    article's fields where they are not the usual ones (:func:`~indexer.sources.jsonlines.field_names`)."""
    path = Path(path)
    decoded = decode_text(data)
    articles = reader_for(decoded, path.suffix).read(decoded, path.stem, json_fields)
    return [composed_article(article) for article in articles]


def read_article(path: str | Path) -> Article:
    """Read and parse a file of one article; raise :class:`~indexer.errors.ArticleError` with the
    reason it cannot be used (a file of several articles, JSON Lines say, gives its first)."""
    articles = read_source(read_bytes(Path(path)), path)
    if not articles:
        raise ArticleError("no article")
    return articles[0]
