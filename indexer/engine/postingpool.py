"""A segment's postings grouped by term as they arrive, spilled to sorted runs when the buffer is full.

Whoosh's writer keeps every posting of a segment as a tuple ``(field, term, document, weight,
value)``, sorts all of them (in runs of ``limitmb`` on disk, merged at the commit) and hands them
to its field writer one at a time. Most of a law or news paragraph's words are in the vocabulary
already, so this pool appends each posting to its term's list instead (document, weight and
value one after another: one list a term, extended once a posting): nothing is sorted but the
terms, and a term's postings leave in one piece (:meth:`TermPostingPool.iter_terms`), for the bulk
writer to cut into blocks (:mod:`indexer.engine.segmentwriter`).

When the buffer passes ``limitmb`` the terms are written to a run file in order and the buffer
starts again; at the end the runs and the buffer are merged term by term. Documents arrive in
ascending order, so a term's postings from the runs, in the order they were written, are in
order. A run holds a term's document numbers and weights as the bytes of arrays and its values
as one tuple.
"""
from __future__ import annotations

import heapq
import pickle
from array import array
from itertools import groupby
from operator import itemgetter
from typing import Callable, Iterable, Iterator

from whoosh.util import random_name

__all__ = ["POSTING_BYTES", "TERM_BYTES", "TermPostingPool", "TermPostings"]

#: What a buffered posting costs in memory (three list slots, a share of the list's spare room,
#: a weight; the document number and most values are shared objects), and a buffered term
#: (its key, its list, the dict's slot): measured on law paragraphs when a term had three lists
#: (so they overstate a term now), to keep to ``limitmb``.
POSTING_BYTES = 40
TERM_BYTES = 400
#: Terms per pickled chunk of a run file.
RUN_CHUNK = 2_000

#: One term's postings: field name, term (UTF-8), document numbers, weights, values.
TermPostings = tuple[str, bytes, array, array, tuple]


class TermPostingPool:
    """Postings of one segment by field and term (the pool of :class:`~indexer.engine.segmentwriter.BulkSegmentWriter`).

    ``add`` takes one posting as Whoosh's writer passes it (merged segments); ``add_postings``
    takes a document's postings of one field at once.
    """

    def __init__(self, tempstore, limitmb: float = 128) -> None:
        self.tempstore = tempstore
        self.limit = limitmb * 1024 * 1024
        self.size = 0
        self.fieldnames: set[str] = set()
        self.runs: list[str] = []
        # field name -> term -> [document, weight, value, document, weight, value, ...]
        self._fields: dict[str, dict[bytes, list]] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes]) -> None:
        """Add one posting ``(field, term, document, weight, value)`` (Whoosh's pool interface)."""
        fieldname, term, docnum, weight, value = item
        self.add_postings(fieldname, docnum, ((term, 0, weight, value),))

    def add_postings(self, fieldname: str, docnum: int, items: Iterable[tuple[bytes, int, float, bytes]]) -> None:
        """Add document ``docnum``'s postings of one field: ``(term, frequency, weight, value)`` each."""
        terms = self._field_terms(fieldname)
        added = new = 0
        for term, _, weight, value in items:
            postings = terms.get(term)
            if postings is None:
                terms[term] = [docnum, weight, value]
                new += 1
            else:
                postings += (docnum, weight, value)  # one C call instead of three appends
            added += 1
        self._grown(added, new)

    def add_positions(self, fieldname: str, docnum: int, positions: dict[bytes, list], boost: float,
                      encode: Callable[[list[int]], bytes]) -> int:
        """Add document ``docnum``'s postings of one field from an analyzer's ``index_positions``
        (``term -> [weight, positions]``): each weight times ``boost``, the positions written by
        ``encode`` (the field format's). Returns the field's length (the number of positions).
        :meth:`add_postings` for a paragraph's text, without a tuple per posting in between."""
        terms = self._field_terms(fieldname)
        length = new = 0
        for term, (weight, where) in positions.items():
            # Most weights are shared objects: multiplied only where boosted.
            posting = (docnum, weight if boost == 1.0 else weight * boost, encode(where))
            postings = terms.get(term)
            if postings is None:
                terms[term] = list(posting)
                new += 1
            else:
                postings += posting
            length += len(where)
        self._grown(len(positions), new)
        return length

    def _field_terms(self, fieldname: str) -> dict[bytes, list]:
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def _grown(self, postings: int, terms: int) -> None:
        """Count what was buffered; past the limit, write the buffer to a run."""
        self.size += postings * POSTING_BYTES + terms * TERM_BYTES
        if self.size > self.limit:
            self._save()

    def _buffered(self) -> Iterator[TermPostings]:
        """The buffer's terms in order (field, then term), as arrays."""
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for term in sorted(terms):
                postings = terms[term]
                yield fieldname, term, array("I", postings[0::3]), array("d", postings[1::3]), tuple(postings[2::3])

    def _save(self) -> None:
        """Write the buffer to a run file, in order, and empty it."""
        path = f"{random_name()}.run"
        with self.tempstore.create_file(path).raw_file() as f:
            chunk = []
            for fieldname, term, ids, weights, values in self._buffered():
                # Arrays as their bytes: most terms have a posting or two, and pickling an array
                # object (its reconstructor call) costs several times what its bytes do.
                chunk.append((fieldname, term, ids.tobytes(), weights.tobytes(), values))
                if len(chunk) >= RUN_CHUNK:
                    pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                    chunk = []
            if chunk:
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        self.runs.append(path)
        self._fields = {}
        self.size = 0

    def _read_run(self, path: str) -> Iterator[TermPostings]:
        with self.tempstore.open_file(path).raw_file() as f:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    break
                for fieldname, term, ids, weights, values in chunk:
                    yield fieldname, term, array("I", ids), array("d", weights), values
        self.tempstore.delete_file(path)

    def iter_terms(self) -> Iterator[TermPostings]:
        """Every term's postings, by field and term, each term once with all its postings in
        document order (the runs' in the order they were written, then the buffer's)."""
        if not self.runs:
            yield from self._buffered()
            return
        sources = [self._read_run(path) for path in self.runs] + [self._buffered()]
        # heapq.merge is stable: of equal keys, the earlier source's comes first.
        merged = heapq.merge(*sources, key=itemgetter(0, 1))
        for (fieldname, term), group in groupby(merged, key=itemgetter(0, 1)):
            parts = list(group)
            if len(parts) == 1:
                yield parts[0]
                continue
            ids, weights, values = array("I"), array("d"), []
            for _, _, part_ids, part_weights, part_values in parts:
                ids.extend(part_ids)
                weights.extend(part_weights)
                values.extend(part_values)
            yield fieldname, term, ids, weights, tuple(values)
        self.runs = []

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """Every posting as Whoosh's pool yields it, in order (Whoosh's pool interface)."""
        for fieldname, term, ids, weights, values in self.iter_terms():
            for docnum, weight, value in zip(ids, weights, values):
                yield fieldname, term, docnum, weight, value

    def cleanup(self) -> None:
        """Remove run files left by a cancelled write."""
        for path in self.runs:
            if self.tempstore.file_exists(path):
                self.tempstore.delete_file(path)
        self.runs = []
