"""Fundstelle's query side: parse queries, search the index, format hits; the CLI lives in ``queries.cli``.

>>> from queries import search                               # doctest: +SKIP
>>> [h.citation for h in search(index_dir, "Waffenlieferung").hits]   # doctest: +SKIP
['seeds/000_9a32aa55c16fcf43.txt ¶2', ...]

Names are imported on first use (see :mod:`indexer.lazy`).
"""
from indexer.lazy import lazy_exports

_EXPORTS = {
    "ArticleGroup": "searching",
    "ContextParagraph": "searching",
    "Hit": "searching",
    "SearchResult": "searching",
    "Searcher": "searching",
    "SortOrder": "searching",
    "group_by_article": "searching",
    "search": "searching",
    "MatchMode": "parsing",
    "QUESTION_WORDS": "parsing",
    "parse_query": "parsing",
    "prepare_query_text": "parsing",
    "parse_period": "dates",
    "JSON_SCHEMA_VERSION": "formatting",
    "format_hit": "formatting",
    "hit_to_json": "formatting",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
