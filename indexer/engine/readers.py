"""What the query side reads of Whoosh's readers beyond their public methods, in one place.

Ranking on the posting lists (:mod:`queries.postings`), date sorting and collapsing
(:mod:`queries.searching`) need a segment's per-document reader, its deleted documents, the raw
bytes of a posting list, the words a pattern stands for, and a numeric column's values at once.
Whoosh 2.7.4 (pinned) keeps these in private attributes; these functions are the only code
outside the codec that reads them.
"""
from __future__ import annotations

import sys
import weakref
from array import array
from typing import Any, Callable, Sequence

from whoosh.columns import NumericColumn

from .damage import file_name

__all__ = ["deleted_documents", "numeric_column_array", "numeric_column_values", "pattern_word_frequencies",
           "pattern_words", "per_document_reader", "postings_bytes"]

# Per open segment reader, the words of each pattern (a Prefix or Wildcard query) in it, and
# how many documents hold each.
_pattern_words: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_pattern_frequencies: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_PATTERNS_KEPT = 64


def per_document_reader(reader) -> Any:
    """A segment reader's per-document reader (lengths, columns, deletions)."""
    return reader._perdoc


def deleted_documents(reader) -> frozenset[int]:
    """The segment's deleted documents (an update's old paragraphs), as Whoosh's reader hides them."""
    return frozenset(reader._perdoc.deleted_docs()) if reader.has_deletions() else frozenset()


def postings_bytes(reader, offset: int, length: int) -> tuple[bytes, str]:
    """``length`` bytes of a segment's postings file from ``offset`` (a term's posting list), and
    the file's name (for messages)."""
    postfile = reader._terms._postfile
    return postfile.get(offset, length), file_name(postfile)


def pattern_words(pattern, reader) -> tuple[str, ...]:
    """The indexed words of one segment that a Prefix or Wildcard stands for, found once per open
    reader: finding them walks every word that shares the pattern's first letters (tens of
    thousands on a large index), and a search ranks and then highlights with them."""
    return _remembered(_pattern_words, pattern, reader,
                       lambda: tuple(word.decode("utf-8") for word in pattern._btexts(reader)))


def pattern_word_frequencies(pattern, reader) -> dict[str, int]:
    """The words of :func:`pattern_words`, in order, each with its document frequency in the
    segment, found once per open reader: ranking and collapsing a search of a pattern of a
    thousand words ask them each."""
    return _remembered(_pattern_frequencies, pattern, reader,
                       lambda: {word: reader.doc_frequency(pattern.fieldname, word)
                                for word in pattern_words(pattern, reader)})


def _remembered(kept: weakref.WeakKeyDictionary, pattern, reader, find: Callable[[], Any]) -> Any:
    """``find()`` for ``pattern`` in ``reader``, remembered in ``kept`` while the reader lives."""
    known = kept.setdefault(reader, {})
    if pattern not in known:
        if len(known) >= _PATTERNS_KEPT:  # a long batch of patterns keeps only its last ones
            known.clear()
        known[pattern] = find()
    return known[pattern]


def numeric_column_array(reader, fieldname: str):
    """:func:`numeric_column_values` as a numpy array (for a whole segment's comparison at once),
    remembered while the reader lives."""
    import numpy as np

    cached = _column_arrays.get(reader, {}).get(fieldname)
    if cached is not None:
        return cached
    column = reader.column_reader(fieldname, translate=False)
    count = reader.doc_count_all()
    if isinstance(column, NumericColumn.Reader):
        stored = np.dtype(column._typecode).newbyteorder(">")
        values = np.frombuffer(_stored_values(column), dtype=stored).astype(stored.newbyteorder("="))
        if count > len(values):  # documents after the last one written have the column's default
            values = np.concatenate([values, np.full(count - len(values), column._default, dtype=values.dtype)])
    else:
        values = np.array(numeric_column_values(reader, fieldname))
    _column_arrays.setdefault(reader, {})[fieldname] = values
    return values


_column_arrays: "weakref.WeakKeyDictionary[Any, dict[str, Any]]" = weakref.WeakKeyDictionary()


def numeric_column_values(reader, fieldname: str) -> Sequence[int]:
    """Every document's value of a numeric column in one segment, read at once where Whoosh
    stores it as fixed-size big-endian values (its ``NumericColumn``), else one by one."""
    column = reader.column_reader(fieldname, translate=False)
    count = reader.doc_count_all()
    if not isinstance(column, NumericColumn.Reader):
        return [column[docnum] for docnum in range(count)]
    values = array(column._typecode, _stored_values(column))
    if sys.byteorder == "little":
        values.byteswap()
    # Documents after the last one written have the column's default.
    return [*values, *[column._default] * (count - len(values))]


def _stored_values(column) -> bytes:
    """The big-endian values a ``NumericColumn`` wrote, one per document up to the last one written."""
    return column._dbfile.get(column._basepos, column._count * column._fixedlen)
