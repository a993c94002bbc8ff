"""The bulk writer: Whoosh's segment writer with a document's postings added a field at a time and
a term's posting list written a block at a time. Its segment holds what Whoosh's writer writes:
the same terms, statistics, postings, blocks, lengths and columns.

Whoosh's ``SegmentWriter`` runs each field's analyzer through a chain of generators, adds each
posting to its pool as a tuple, sorts them all at the commit and writes them one call at a time
(``FieldWriter.add``, which looks up the document's field length for each). For the paragraph
fields this writer asks the analyzer for each term's positions at once
(``index_positions``, :mod:`indexer.analysis`), keeps the postings by term
(:class:`~indexer.engine.postingpool.TermPostingPool`), and fills Whoosh's posting writer with up to
128 postings at a time, with the block's statistics worked out from arrays: what Whoosh's
``add_posting`` would have collected one posting at a time.

Fields whose analyzer has no ``index_positions`` (ids, dates) are indexed by Whoosh's own
``field.index``; a document with Whoosh's ``_boost`` or ``_stored_`` keys, or a schema with term
vectors or spelling, goes through Whoosh's ``add_document`` unchanged.
"""
from __future__ import annotations

from array import array
from typing import Callable, Iterable

from whoosh.writing import SegmentWriter

from .fieldlengths import LENGTHS, length_bytes
from .filerecords import RecordedCommits
from .formats import GapPositions
from .postingpool import TermPostingPool, TermPostings

__all__ = ["BulkSegmentWriter", "write_posting_lists"]


class BulkSegmentWriter(RecordedCommits, SegmentWriter):
    """A Whoosh ``SegmentWriter`` that analyses a paragraph field at a time and writes posting
    lists a block at a time (see the module's notes); same arguments, same segment. Its commits
    record their files' sizes and checksums (:class:`~indexer.engine.filerecords.RecordedCommits`)."""

    def __init__(self, ix, limitmb: float = 128, **kwargs) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = TermPostingPool(self._tempstorage, limitmb=limitmb)
        self._whoosh_only = any(field.vector or field.separate_spelling() for _, field in self.schema.items())
        # The fields whose analyzer says a text's positions at once, with that method.
        self._positions_of = {
            name: field.analyzer.index_positions for name, field in self.schema.items()
            if isinstance(field.format, GapPositions) and hasattr(getattr(field, "analyzer", None), "index_positions")
        }
        # Per field, the last value indexed with its analysis: an article's title, path and date
        # are the same for all its paragraphs, a heading for a run of them.
        self._last: dict[str, tuple[object, object]] = {}

    def add_document(self, **fields) -> None:
        if self._whoosh_only or any(name.startswith("_") for name in fields):
            return super().add_document(**fields)
        self._check_state()
        schema = self.schema
        fieldnames = sorted(fields)
        self._check_fields(schema, fieldnames)
        docnum = self.docnum
        perdocwriter = self.perdocwriter
        add_postings = self.pool.add_postings
        add_positions = self.pool.add_positions
        perdocwriter.start_doc(docnum)
        for fieldname in fieldnames:
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                index_positions = self._positions_of.get(fieldname)
                if index_positions is not None:
                    # A paragraph's text: the terms' positions go to the pool without a tuple each.
                    positions = self._analysed(fieldname, value, index_positions)
                    length = add_positions(fieldname, docnum, positions, field.format.field_boost,
                                           field.format.encode)
                    if not field.scorable:
                        length = 0
                else:
                    items = self._analysed(fieldname, value, lambda value, field=field: list(field.index(value)))
                    add_postings(fieldname, docnum, items)
            perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _analysed(self, fieldname: str, value: object, analyse: Callable[[object], object]) -> object:
        """``analyse(value)``, or what it gave for the field's last value if that is the same."""
        last = self._last.get(fieldname)
        if last is None or last[0] != value:
            last = self._last[fieldname] = (value, analyse(value))
        return last[1]

    def _flush_segment(self) -> None:
        """Write the pooled postings into the new segment: Whoosh's ``_flush_segment`` a term at a time."""
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            write_posting_lists(self.fieldwriter, self.schema, lengths, self.pool.iter_terms())
        finally:
            lengths.close()
        self.fieldwriter.close()


def write_posting_lists(fieldwriter, schema, lengths, terms: Iterable[TermPostings]) -> None:
    """Write each term's postings, in field and term order, through Whoosh's field writer
    (``W3FieldWriter``): its start and finish calls, with each block filled at once."""
    current = None
    for fieldname, term, ids, weights, values in terms:
        if fieldname not in schema:
            continue
        if fieldname != current:
            if current is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            field_lengths = length_bytes(lengths, fieldname)
            current = fieldname
        fieldwriter.start_term(term)
        _fill_blocks(fieldwriter._postwriter, ids, weights, values, field_lengths)
        fieldwriter.finish_term()  # writes the last block, or inlines a short list
    if current is not None:
        fieldwriter.finish_field()


def _fill_blocks(postwriter, ids: array, weights: array, values: tuple, field_lengths: bytes) -> None:
    """Fill Whoosh's ``W3PostingsWriter`` as ``add_posting`` for each posting would, a block at a
    time: it writes a full block when the next posting comes, and the last one at the finish."""
    limit = postwriter._blocklimit
    for start in range(0, len(ids), limit):
        if start:
            postwriter._write_block()
        block_ids = ids[start:start + limit]
        block_weights = weights[start:start + limit]
        postwriter._ids = array("I", block_ids)
        postwriter._weights = array("f", block_weights)
        # add_posting keeps only non-empty values (ids' and dates' postings have none).
        postwriter._values = [value for value in values[start:start + limit] if value]
        postwriter._maxweight = max(0, max(block_weights))
        # Length statistics skip documents without a length (byte 0), as add_posting does.
        length_codes = [code for code in map(field_lengths.__getitem__, block_ids) if code]
        postwriter._minlength = LENGTHS[min(length_codes)] if length_codes else None
        postwriter._maxlength = LENGTHS[max(length_codes)] if length_codes else 0
