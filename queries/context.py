"""Ranking questions in context: a paragraph whose neighbours also hold the question's words is on topic.

A question (``--match any``) is ranked paragraph by paragraph, and among many paragraphs from other
fields a short one that shares a single rare word with the question (``Funkwellen`` in a
regulation for boatmen) beats the paragraph of the article that answers it. Whether the paragraph
*and its neighbours* hold the question's other words tells the two apart: an article about the
topic repeats them around the answer, a stray paragraph's neighbours do not. This is passage
retrieval with document context (Callan 1994, "Passage-level evidence in document retrieval"),
kept to the next paragraphs: over the whole article, a long law covers every word by its length
alone.

The best ``CONTEXT_CANDIDATES`` paragraphs (:mod:`queries.ranking`) are ranked again by
``(score + article evidence) × (1 + CONTEXT_WEIGHT × coverage)``: the evidence is the score of the
question's words in the article's title and a share of the scores of the paragraphs within
``CONTEXT_WINDOW`` of the hit (:func:`with_article_evidence`); ``coverage`` is the idf-weighted
share of the query's terms found in those paragraphs (the hit included) or the title. What it
gains on XQuAD and GermanQuAD: docs/relevance.md.

>>> coverage_in_windows({7: [6, 7, 8]}, {"krieg": {8}, "ukrain": set()}, {"krieg": 1.0, "ukrain": 3.0})
{7: 0.25}
"""
from __future__ import annotations

from typing import Callable, Hashable, Iterator, Mapping, Sequence

from whoosh.query import AndNot, Not, Or, Term

from .postings import best_of, docs_holding, scores_of
from .ranking import (
    CONTEXT_FIELDS,
    CONTEXT_WEIGHT,
    CONTEXT_WINDOW,
    NEIGHBOUR_WEIGHT,
    TITLE_WEIGHT,
)

__all__ = ["coverage_in_windows", "rank_in_context", "wanted_terms", "with_article_evidence"]



def rank_in_context(searcher, ranked: Sequence[tuple[int, float]], query,
                    neighbours: Callable[[int, int], Sequence[int]]) -> list[tuple[int, float]]:
    """``ranked`` ((document number, score)) ranked again by each hit's article, best first: its
    score with its article's evidence added (:func:`with_article_evidence`), times its context's
    coverage of the query's terms.

    ``query`` is the parsed question; ``neighbours(docnum, radius)`` gives the document numbers of
    the paragraphs of a hit's article within ``radius`` of it, itself included; ``searcher`` is
    the Whoosh searcher the terms' idf and postings come from.
    """
    terms = list(wanted_terms(query))
    windows = {docnum: neighbours(docnum, CONTEXT_WINDOW) for docnum, _score in ranked}
    ranked = with_article_evidence(searcher, ranked, query, terms, windows)
    reader = searcher.reader()
    # A term no paragraph holds is nobody's context: it would only lower every coverage alike.
    idfs = {term: searcher.idf(*term) for term in set(terms) if term in reader}
    wanted = {docnum for window in windows.values() for docnum in window}
    holders = {term: docs_holding(searcher, *term, wanted) for term in idfs}
    # The article's words about the paragraph (its title) count as the hit's own.
    hits = set(windows)
    for (fieldname, text), docs in holders.items():
        if fieldname == "text":
            for context_field in CONTEXT_FIELDS:
                docs |= docs_holding(searcher, context_field, text, hits)
    coverage = coverage_in_windows(windows, holders, idfs)
    return best_of({docnum: score * (1 + CONTEXT_WEIGHT * coverage[docnum]) for docnum, score in ranked}, None)


def with_article_evidence(searcher, ranked: Sequence[tuple[int, float]], query, terms: Sequence[tuple[str, str]],
                          windows: Mapping[int, Sequence[int]]) -> list[tuple[int, float]]:
    """Each hit's score plus what its article says for the query: ``TITLE_WEIGHT`` × the score of
    the query's words (``terms``, its (field, text) pairs) in the article's title (a paragraph
    rarely repeats the subject its title names), and ``NEIGHBOUR_WEIGHT`` × the mean score of the
    paragraphs of its window, its own score among them (``windows``: hit → the paragraphs around
    it, itself included; the article around the answer is about the question too). With its own
    score in the mean, a paragraph alone in its article, or beside paragraphs without the
    question's words, is its own evidence rather than none. Only the hits' neighbours are scored."""
    own = dict(ranked)
    words = list(dict.fromkeys(text for fieldname, text in terms if fieldname == "text"))
    titles = scores_of(searcher, Or([Term("title", word) for word in words]), list(own)) if words else None
    nearby = scores_of(searcher, query, {n for window in windows.values() for n in window if n not in own})
    evidence = []
    for docnum, score in ranked:
        if titles:
            score += TITLE_WEIGHT * titles.get(docnum, 0.0)
        if nearby is not None:
            window = [own[n] if n in own else nearby.get(n, 0.0) for n in windows[docnum]]
            score += NEIGHBOUR_WEIGHT * sum(window) / len(window)
        evidence.append((docnum, score))
    return evidence


def coverage_in_windows(windows: Mapping[int, Sequence[int]], holders: Mapping[Hashable, set[int]],
                        idfs: Mapping[Hashable, float]) -> dict[int, float]:
    """For each hit, the idf-weighted share of the terms that a document of its window holds.

    ``windows`` maps a hit to the documents around it, ``holders`` a term to the documents (of
    those) that hold it, ``idfs`` a term to its weight.
    """
    total = sum(idfs.values()) or 1.0
    return {
        hit: sum(idfs[term] for term, docs in holders.items() if not docs.isdisjoint(window)) / total
        for hit, window in windows.items()
    }


def wanted_terms(query) -> Iterator[tuple[str, str]]:
    """The (field, text) pairs of the words ``query`` looks for: a word under NOT is not one of
    them (a neighbour holding it is no sign of the topic); patterns have no fixed words."""
    if isinstance(query, Not):
        return
    if isinstance(query, AndNot):
        yield from wanted_terms(query.a)
    elif query.is_leaf():
        if query.has_terms():
            yield from query.terms(phrases=True)
    else:
        for child in query.children():
            yield from wanted_terms(child)
