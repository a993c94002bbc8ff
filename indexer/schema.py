"""The index schema: one Whoosh document per paragraph.

Searchable fields (usable as ``field:term`` in queries): ``text`` (the paragraph, German analysis,
the default field), ``exact`` (the paragraph as written, only lower-cased), ``title``,
``heading``, ``quote`` (the words inside the paragraph's quotations, German analysis),
``speaker`` (the names of those who spoke them, lower-cased), ``path`` (the citation path) and
``published`` (date, for ranges).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, DATETIME, ID, TEXT, Schema

from .analysis import exact_analyzer, german_analyzer, quote_analyzer, speaker_analyzer
from .copies import BITMAP_BYTES, KEY_BYTES, KEYS, copy_keys, pack_keys, pair_bitmap, shingles
from .engine.columns import BlockCompressedColumn
from .engine.formats import GapPositions
from .engine.keylists import KeyListColumn

__all__ = ["GERMAN_FIELDS", "PARAGRAPH_FIELDS", "SCHEMA_VERSION", "SEARCHABLE_FIELDS", "SEARCH_FIELDS", "CopyKeys",
           "SearchField", "UNDATED_DAY", "build_schema", "decode_record", "encode_record", "published_date",
           "published_day", "published_minutes"]

#: Bump whenever the fields change, what the index pickles of them, or what a field's terms are
#: (version 16: records in small blocks compressed against a dictionary, indexer.engine.columns); an
#: index of another version asks for ``fundstelle rebuild``.
SCHEMA_VERSION = 16

@dataclass(frozen=True)
class SearchField:
    """What a field a query may name is: ``german``, analysed as German words (stems, compound
    parts: a prefix there matches stems); ``paragraph``, the paragraph's own text (what a hit
    shows and highlights, ranked with the paragraphs' length normalisation)."""

    german: bool = False
    paragraph: bool = False


#: The fields a query may name, in the order the CLI lists them: the one table of their roles.
SEARCH_FIELDS: dict[str, SearchField] = {
    "text": SearchField(german=True, paragraph=True),
    "exact": SearchField(paragraph=True),
    "title": SearchField(german=True),
    "heading": SearchField(german=True),
    # Indexed from the paragraph's text at the words' places there: highlighted in it.
    "quote": SearchField(german=True, paragraph=True),
    "speaker": SearchField(paragraph=True),
    "path": SearchField(),
    "published": SearchField(),
}
SEARCHABLE_FIELDS = tuple(SEARCH_FIELDS)
GERMAN_FIELDS = tuple(name for name, field in SEARCH_FIELDS.items() if field.german)
PARAGRAPH_FIELDS = tuple(name for name, field in SEARCH_FIELDS.items() if field.paragraph)


class GapText(TEXT):
    """A TEXT field (positions for phrases) whose postings write positions with
    :class:`~indexer.engine.formats.GapPositions`: a byte a word instead of Whoosh's pickle."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.format = GapPositions(field_boost=self.format.field_boost)


def encode_record(**fields: Any) -> bytes:
    """A paragraph's record: what a hit shows (``source``, ``path``, ``paragraph``, ``title``,
    ``heading``, ``text``, ``published_iso``), as JSON for the ``record`` column.

    >>> decode_record(encode_record(path="a.txt", paragraph=2))
    {'path': 'a.txt', 'paragraph': 2}
    """
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_record(value: bytes) -> dict[str, Any]:
    """The fields :func:`encode_record` wrote."""
    return json.loads(value)


_EPOCH = datetime(1970, 1, 1)


def published_minutes(moment: datetime) -> int:
    """A moment as the ``published_order`` column keeps it: whole minutes since 1970 as written
    (the clock of the article, whatever the machine's time zone; one with a zone in UTC).

    >>> published_minutes(datetime(2024, 6, 21, 9, 28))
    28649368
    """
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return (moment - _EPOCH) // timedelta(minutes=1)


#: The ``published_day`` of an article without a date (the smallest 32-bit number).
UNDATED_DAY = -(2**31)


def published_day(moment: datetime | None) -> int:
    """The article's day as the ``published_day`` column keeps it: days since 1970 of the date
    as the article gives it, in its own time zone (a trend counts the article's day; the
    ``published_order`` minutes are in UTC where a zone is given); :data:`UNDATED_DAY` for none.

    >>> published_day(datetime(2024, 6, 21, 0, 30, tzinfo=timezone(timedelta(hours=2))))
    19895
    >>> published_date(19895)
    datetime.date(2024, 6, 21)
    """
    return UNDATED_DAY if moment is None else (moment.date() - _EPOCH.date()).days


def published_date(day: int) -> date | None:
    """The date of a ``published_day`` value; None for :data:`UNDATED_DAY`."""
    return None if day == UNDATED_DAY else _EPOCH.date() + timedelta(days=day)


class CopyKeys(COLUMN):
    """A paragraph's near-copy keys and pair bitmap (:mod:`indexer.copies`) in a column that also
    lists each key's paragraphs (:class:`~indexer.engine.keylists.KeyListColumn`): given the
    paragraph's text, they are computed as the value is written (in the writer processes).

    >>> CopyKeys().to_column_value("Die Bundesregierung plant neue Brücken.")[:KEY_BYTES].hex()
    '3b6183f2a0dd00000000000000000000'
    """

    def __init__(self) -> None:
        super().__init__(KeyListColumn(KEYS, KEY_BYTES + BITMAP_BYTES))

    def to_column_value(self, value: str) -> bytes:
        pairs = shingles(value)
        return pack_keys(copy_keys(pairs)) + pair_bitmap(pairs)


class CoarseDateTime(DATETIME):
    """A DATETIME indexed with a 16-bit precision step: four terms per value instead of Whoosh's
    eight. Dates are only filtered by range, and news dates are few, so ranges stay fast."""

    def __init__(self) -> None:
        super().__init__()
        self.shift_step = 16


def build_schema() -> Schema:
    """Create the paragraph schema (a new object each time: Whoosh schemas are mutable)."""
    german = german_analyzer()
    return Schema(
        # Absolute path of the article file: identifies an article for updates and deletes.
        source=ID(),
        # Citation path, relative to the folder that was indexed (stable across machines).
        path=ID(),
        # multitoken_query="phrase": a word the analyzer splits (US-Außenministerium, 21.06.2024)
        # must match as the phrase of its parts, not as unrelated words.
        title=GapText(analyzer=german, multitoken_query="phrase"),
        heading=GapText(analyzer=german, multitoken_query="phrase"),
        text=GapText(analyzer=german, multitoken_query="phrase"),
        exact=GapText(analyzer=exact_analyzer(), multitoken_query="phrase"),
        # Both given the paragraph's text: the analyzers keep the quoted words, the speakers' names
        # (indexer.german.quotes), numbered as in ``text`` and ``exact``.
        quote=GapText(analyzer=quote_analyzer(), multitoken_query="phrase"),
        speaker=GapText(analyzer=speaker_analyzer(), multitoken_query="phrase"),
        published=CoarseDateTime(),
        # The paragraph's near-copy keys (indexer.copies), from its text: a search compares a hit
        # with the matching paragraphs that share keys. A column only, not a field a query names.
        copies=CopyKeys(),
        # Minutes since 1970 for sorting by date, newest first; 0 (last) for articles without a
        # date. A column only: sorted on, never searched.
        published_order=COLUMN(NumericColumn("q", default=0)),
        # The article's own day (published_day), for counting by period without its records.
        published_day=COLUMN(NumericColumn("i", default=UNDATED_DAY)),
        # The paragraph's number in its article (1, 2, ...): a hit's neighbours are the documents
        # next to it that continue the count (queries.context), read without decoding records.
        paragraph=COLUMN(NumericColumn("I", default=0)),
        # What a hit shows (encode_record), instead of Whoosh's stored fields: those are
        # compressed one paragraph at a time, this column a block of paragraphs at a time.
        record=COLUMN(BlockCompressedColumn()),
    )
