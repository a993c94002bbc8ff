"""Field lengths read from memory: a segment's length bytes of a field, read once, not per posting.

Whoosh 2.7.4 keeps one byte per document and field (its length for BM25, quantised) in a column
file and reads it one document at a time, a seek and a read each. Writing a segment's postings
looks the length up once per posting (a large share of a build: docs/performance.md). Ranking
on the posting lists (:mod:`queries.postings`) needs it once per posting scored, too.
:func:`length_bytes` reads a field's whole column once per segment reader; Fundstelle's codec
answers Whoosh's length lookups from it (:mod:`indexer.engine.codec`).
"""
from __future__ import annotations

import weakref

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.util.numeric import byte_to_length

__all__ = ["LENGTHS", "doc_field_length", "length_bytes"]

#: Whoosh's length byte decoded, for each of the 256 values.
LENGTHS = [byte_to_length(b) for b in range(256)]
# Length bytes per field, per open per-document reader of a segment (they go with the reader).
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def length_bytes(perdoc: W3PerDocReader, fieldname: str) -> bytes:
    """Every document's length byte for ``fieldname`` in one segment (decode with ``LENGTHS``);
    all zeros for a field without lengths."""
    return _column(perdoc, fieldname)[0]


def _column(perdoc: W3PerDocReader, fieldname: str) -> tuple[bytes, bool]:
    """(length bytes, whether the field has a length column), read once per reader."""
    per_field = _cache.setdefault(perdoc, {})
    if fieldname not in per_field:
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        raw = column._dbfile.get(column._basepos, column._count) if column is not None else b""
        # Documents after the last one with this field have no entry: length 0.
        per_field[fieldname] = raw + bytes(max(0, perdoc.doc_count_all() + 1 - len(raw))), column is not None
    return per_field[fieldname]


def doc_field_length(perdoc: W3PerDocReader, docnum: int, fieldname: str, default: int = 0) -> int | None:
    """``W3PerDocReader.doc_field_length`` from :func:`length_bytes`, with its answers: ``default``
    for a field without lengths, None for a document without the field (Whoosh 2.7.4 returns
    None there, whatever the default)."""
    if docnum > perdoc._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {perdoc._doccount}")
    lengths, has_column = _column(perdoc, fieldname)
    if not has_column:
        return default
    lbyte = lengths[docnum]
    return LENGTHS[lbyte] if lbyte else None
