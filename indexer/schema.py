"""The index schema: one Whoosh document per paragraph.

Searchable fields (usable as ``field:term`` in queries): ``text`` (the paragraph, German analysis,
the default field), ``exact`` (the paragraph as written, only lower-cased), ``title``,
``heading``, ``path`` (the citation path) and ``published`` (date, for ranges).
"""
from __future__ import annotations

from whoosh.fields import DATETIME, ID, NUMERIC, STORED, TEXT, Schema

from .analysis import exact_analyzer, german_analyzer

__all__ = ["SCHEMA_VERSION", "SEARCHABLE_FIELDS", "build_schema"]

#: Bump whenever the fields change; an index of another version asks for ``fundstelle rebuild``.
SCHEMA_VERSION = 2

#: Fields a query may name, in the order the CLI lists them.
SEARCHABLE_FIELDS = ("text", "exact", "title", "heading", "path", "published")


def build_schema() -> Schema:
    """Create the paragraph schema (a new object each time: Whoosh schemas are mutable)."""
    german = german_analyzer()
    return Schema(
        # multitoken_query="phrase": a word the analyzer splits (US-Außenministerium, 21.06.2024)
        # must match as the phrase of its parts, not as unrelated words.
        # Absolute path of the article file: identifies an article for updates and deletes.
        source=ID(stored=True),
        # Citation path, relative to the folder that was indexed (stable across machines).
        path=ID(stored=True),
        paragraph=NUMERIC(int, bits=32, stored=True, signed=False),
        title=TEXT(analyzer=german, stored=True, multitoken_query="phrase"),
        heading=TEXT(analyzer=german, stored=True, multitoken_query="phrase"),
        text=TEXT(analyzer=german, stored=True, multitoken_query="phrase"),
        exact=TEXT(analyzer=exact_analyzer(), multitoken_query="phrase"),
        published=DATETIME(),
        # Minutes since 1970 for sorting by date, newest first; 0 (last) for articles without a date.
        published_order=NUMERIC(int, bits=64, sortable=True),
        # ISO 8601 as the source gave it ("2024-06-21T09:28", "2024-06"), for display.
        published_iso=STORED(),
    )
