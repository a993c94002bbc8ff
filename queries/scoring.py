"""The one scorer: Fundstelle's BM25F, for Whoosh's matchers and for ranking on the posting lists.

:class:`Bm25` is a Whoosh weighting (``BM25F``), so the queries Whoosh evaluates itself (a NOT
alone, ranges) are scored by the same model with the same constants; and it gives a
:class:`TermScorer` per word and segment, which every ranking path of :mod:`queries.postings`
uses (document by document, block bounds, numpy arrays). The formula is Whoosh's, term for term:
the same scores, so the two evaluations can be compared hit for hit (tests/test_postings.py).
The constants are :mod:`queries.ranking`'s.

>>> scorer = paragraph_scorer()
>>> scorer.K1, scorer.field_b["text"]
(0.8, 0.02)
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from whoosh.scoring import BM25F

from indexer.engine.fieldlengths import LENGTHS, length_bytes
from indexer.engine.readers import per_document_reader
from indexer.schema import PARAGRAPH_FIELDS

from .ranking import K1, TEXT_B

__all__ = ["Bm25", "TermScorer", "paragraph_scorer"]


class TermScorer:
    """One word's BM25F in one segment: a document's score is ``idf * tf / (tf + norms[lengths[doc]])``.

    That is Whoosh's ``idf * tf * (K1 + 1) / (tf + K1 * ((1 - B) + B * fl / avgfl))``, with
    ``K1 + 1`` and the query's boost folded into ``idf``, the length part worked out once for each
    of the 256 length bytes (``norms``), and ``lengths`` the segment's length byte per document.
    """

    __slots__ = ("idf", "norms", "lengths")

    def __init__(self, idf: float, norms: Sequence[float], lengths: bytes) -> None:
        self.idf, self.norms, self.lengths = idf, norms, lengths

    def of(self, weight, norm):
        """The score of a term frequency ``weight`` in a paragraph of length part ``norm``: floats,
        or numpy arrays of them (element by element)."""
        return self.idf * weight / (weight + norm)

    def scores(self, ids: Sequence[int], weights: Sequence[float]) -> list[float]:
        """The scores of the postings ``ids`` with their ``weights``."""
        idf, norms, lengths = self.idf, self.norms, self.lengths
        # :meth:`of` written out: a call per posting costs a third more on a frequent word.
        return [idf * weight / (weight + norms[lengths[doc]]) for doc, weight in zip(ids, weights)]

    def bound(self, weight: float, length_byte: int) -> float:
        """The highest score a posting block can hold, from its largest weight and shortest
        paragraph (block-max scoring)."""
        return self.of(weight, self.norms[length_byte])

    def array_scores(self, ids, weights):
        """:meth:`scores` of numpy arrays of ids and weights, as an array."""
        import numpy as np  # here only: the short lists are scored without it

        return self.of(weights, np.array(self.norms)[np.frombuffer(self.lengths, dtype=np.uint8)[ids]])

    def add(self, blocks: Iterable[tuple[Sequence[int], Sequence[float], object]], scores: dict[int, float]) -> None:
        """Add the scores of the postings of ``blocks`` (ids, weights, anything) to ``scores``."""
        if not scores:
            for ids, weights, _values in blocks:
                scores.update(zip(ids, self.scores(ids, weights)))
            return
        get = scores.get
        for ids, weights, _values in blocks:
            for doc, score in zip(ids, self.scores(ids, weights)):
                scores[doc] = get(doc, 0.0) + score


class Bm25(BM25F):
    """Whoosh's BM25F with a B per field (``field_b``), which also scores a word in one segment
    for the posting-list ranking (:meth:`term`)."""

    def __init__(self, B: float = 0.75, K1: float = 1.2, field_b: Mapping[str, float] | None = None) -> None:
        self.field_b = dict(field_b or {})
        super().__init__(B=B, K1=K1, **{f"{name}_B": b for name, b in self.field_b.items()})

    def term(self, top, reader, fieldname: str, text: str, boost: float = 1.0) -> TermScorer:
        """The scorer of one word in the segment of ``reader``, with the statistics of the whole
        index (idf, average length) from ``top``, the searcher of all segments, as Whoosh's
        BM25FScorer takes them."""
        B = self.field_b.get(fieldname, self.B)
        idf = top.idf(fieldname, text) * boost * (self.K1 + 1)
        k_short, k_long = self.K1 * (1 - B), self.K1 / (top.avg_field_length(fieldname) or 1) * B
        return TermScorer(idf, _length_norms(k_short, k_long), length_bytes(per_document_reader(reader), fieldname))


@lru_cache(maxsize=64)
def _length_norms(k_short: float, k_long: float) -> tuple[float, ...]:
    """The length part of each of the 256 length bytes: the same for every word of a field (a
    pattern's thousand words would each work it out again)."""
    return tuple(k_short + k_long * length for length in LENGTHS)


def paragraph_scorer() -> Bm25:
    """The scorer of Fundstelle's searches: the paragraph fields' B and K1 of :mod:`queries.ranking`."""
    return Bm25(B=0.75, K1=K1, field_b={name: TEXT_B for name in PARAGRAPH_FIELDS})
