"""Counting every paragraph a query matches, with set operations on posting lists.

Whoosh counts a result (``len(results)``) by running the whole query again and stepping its
matcher tree one document at a time in Python: on half a million paragraphs that was a third of
the time of a search for a frequent word. Here each term's posting list is read block by block
into a set, and the query's ``And``/``Or`` structure becomes set intersections and unions in C.
Queries of other kinds (phrases, ranges) are handed to Whoosh, only for their own subtree.

>>> with Searcher.open(index_dir) as searcher:                       # doctest: +SKIP
...     count_matches(searcher._searcher, parse_query("Waffenlieferung", searcher.schema))
3
"""
from __future__ import annotations

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

__all__ = ["count_matches"]


def count_matches(searcher, query, filter_query=None) -> int:
    """How many live documents match ``query`` (and ``filter_query``, if given)."""
    subsearchers = searcher.subsearchers or [(searcher, 0)]
    total = 0
    for subsearcher, _offset in subsearchers:
        docs = _docset(query, subsearcher)
        if filter_query is not None and docs:
            docs &= _docset(filter_query, subsearcher)
        total += len(docs)
    return total


def _docset(query, searcher) -> set[int]:
    """Segment-local numbers of the documents matching ``query`` in one segment's searcher."""
    reader = searcher.reader()
    if isinstance(query, wq.Term):
        if (query.fieldname, query.text) not in reader:
            return set()
        return _posting_ids(reader, query.fieldname, query.text)
    if isinstance(query, (wq.Prefix, wq.Wildcard)):
        return _docset(query.simplify(reader), searcher)  # the Or of the terms it expands to
    if isinstance(query, wq.And):
        sets = sorted((_docset(sub, searcher) for sub in query.subqueries), key=len)
        return set.intersection(*sets) if sets else set()
    if isinstance(query, wq.Or) and not query.minmatch:
        return set().union(*(_docset(sub, searcher) for sub in query.subqueries))
    if isinstance(query, wq.AndNot):
        return _docset(query.a, searcher) - _docset(query.b, searcher)
    if isinstance(query, wq.AndMaybe):
        return _docset(query.a, searcher)
    if query is wq.NullQuery:
        return set()
    return set(query.docs(searcher))


def _posting_ids(reader, fieldname: str, text) -> set[int]:
    matcher = reader.postings(fieldname, text)
    deleted: frozenset[int] = frozenset()
    if isinstance(matcher, FilterMatcher):
        # How a segment with deleted documents hides them (reading.py: exclude=True).
        deleted, matcher = matcher._ids, matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        return set(matcher.all_ids()) - deleted
    # Whoosh 2.7.4's block reader (the version is pinned): take each block's decoded ids at once
    # instead of stepping through them one call at a time.
    ids: set[int] = set()
    while matcher.is_active():
        matcher.id()  # loads the current block's ids
        ids.update(matcher._ids)
        matcher._next_block()
    return ids - deleted
