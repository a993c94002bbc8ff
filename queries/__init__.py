"""Fundstelle's query side: parse queries, search the index, format hits; the CLI lives in ``queries.cli``.

>>> from queries import search                               # doctest: +SKIP
>>> [h.citation for h in search(index_dir, "Waffenlieferung").hits]
['seeds/000_9a32aa55c16fcf43.txt ¶2', ...]
"""
from .formatting import JSON_SCHEMA_VERSION, format_hit, hit_to_json
from .parsing import MatchMode, parse_query, prepare_query_text
from .searching import Hit, SearchResult, Searcher, search

__all__ = [
    "Hit",
    "JSON_SCHEMA_VERSION",
    "MatchMode",
    "SearchResult",
    "Searcher",
    "format_hit",
    "hit_to_json",
    "parse_query",
    "prepare_query_text",
    "search",
]
