"""Fundstelle's indexer: German articles → paragraph documents → a Whoosh index on disk.

>>> from indexer import parse_article
>>> [p.number for p in parse_article("Titel\\n\\nEin Satz.\\n\\nNoch ein Satz.").paragraphs]
[1, 2]
"""
from .analysis import ANALYSIS_VERSION, GERMAN_STOP_WORDS, exact_analyzer, german_analyzer, stem_word
from .articles import Article, Paragraph, decode_text, parse_article, read_article
from .building import DEFAULT_INCLUDE, IndexReport, SourceFile, find_sources, index_paths, rebuild_index
from .errors import (
    ArticleError,
    FundstelleError,
    IndexLockedError,
    IndexNotFoundError,
    IndexVersionError,
    QueryError,
    SourceNotFoundError,
)
from .schema import SCHEMA_VERSION, SEARCHABLE_FIELDS, build_schema
from .store import default_index_dir, index_exists, is_unused_location, open_live_index

__all__ = [
    "ANALYSIS_VERSION",
    "Article",
    "ArticleError",
    "DEFAULT_INCLUDE",
    "FundstelleError",
    "GERMAN_STOP_WORDS",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexReport",
    "IndexVersionError",
    "Paragraph",
    "QueryError",
    "SCHEMA_VERSION",
    "SEARCHABLE_FIELDS",
    "SourceFile",
    "SourceNotFoundError",
    "build_schema",
    "decode_text",
    "default_index_dir",
    "exact_analyzer",
    "find_sources",
    "german_analyzer",
    "index_exists",
    "index_paths",
    "is_unused_location",
    "open_live_index",
    "parse_article",
    "read_article",
    "rebuild_index",
    "stem_word",
]
