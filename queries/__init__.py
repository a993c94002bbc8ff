"""Fundstelle's query side: parse queries, search the index, format hits; the CLI lives in ``queries.cli``.

>>> from queries import search                               # doctest: +SKIP
>>> [h.citation for h in search(index_dir, "Waffenlieferung").hits]   # doctest: +SKIP
['seeds/000_9a32aa55c16fcf43.txt ¶2', ...]
"""
from .dates import parse_period
from .formatting import JSON_SCHEMA_VERSION, format_hit, hit_to_json
from .parsing import MatchMode, parse_query, prepare_query_text
from .searching import ArticleGroup, ContextParagraph, Hit, Searcher, SearchResult, SortOrder, group_by_article, search

__all__ = [
    "JSON_SCHEMA_VERSION", "ArticleGroup", "ContextParagraph", "Hit", "MatchMode", "SearchResult", "Searcher",
    "SortOrder", "format_hit", "group_by_article", "hit_to_json", "parse_period", "parse_query", "prepare_query_text",
    "search",
]
