"""Fundstelle's indexer: German articles → paragraph documents → a Whoosh index on disk.

>>> from indexer import parse_article
>>> [p.number for p in parse_article("Titel\\n\\nEin Satz.\\n\\nNoch ein Satz.").paragraphs]
[1, 2]
"""
from .lazy import lazy_exports

_EXPORTS = {
    "index_stats": "store",
    "analyze_text": "analysis",
    "ANALYSIS_VERSION": "analysis",
    "Article": "sources",
    "ArticleError": "errors",
    "DEFAULT_INCLUDE": "sources",
    "FundstelleError": "errors",
    "GERMAN_STOP_WORDS": "analysis",
    "IndexLockedError": "errors",
    "IndexNotFoundError": "errors",
    "IndexReport": "building",
    "IndexVersionError": "errors",
    "Paragraph": "sources",
    "QueryError": "errors",
    "SCHEMA_VERSION": "schema",
    "SEARCHABLE_FIELDS": "schema",
    "SourceFile": "building",
    "SourceNotFoundError": "errors",
    "build_schema": "schema",
    "decode_text": "sources",
    "default_index_dir": "store",
    "exact_analyzer": "analysis",
    "find_sources": "building",
    "german_analyzer": "analysis",
    "index_exists": "store",
    "index_paths": "building",
    "is_unused_location": "store",
    "open_live_index": "store",
    "parse_article": "sources",
    "read_article": "sources",
    "rebuild_index": "building",
    "stem_word": "analysis",
    # The name packed posting blocks call their unpacker by (indexer.engine.postingblocks).
    "unpack_postings": "engine.postingblocks",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
