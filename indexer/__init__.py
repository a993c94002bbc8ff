"""Fundstelle's indexer: German articles → paragraph documents → a Whoosh index on disk.

>>> from indexer import parse_article
>>> [p.number for p in parse_article("Titel\\n\\nEin Satz.\\n\\nNoch ein Satz.").paragraphs]
[1, 2]
"""
# The name packed posting blocks call their unpacker by (indexer.engine.postingblocks.PICKLED_NAME).
from .engine.postingblocks import unpack_postings  # isort: skip

from .building import (
    IndexReport,
    SourceFile,
    find_sources,
    index_paths,
    rebuild_index,
    recorded_paths,
    remove_paths,
)
from .errors import (
    ArticleError,
    FundstelleError,
    IndexDamagedError,
    IndexLockedError,
    IndexNotFoundError,
    IndexVersionError,
    QueryError,
    SourceNotFoundError,
)
from .german import ANALYSIS_VERSION, GERMAN_STOP_WORDS, analyze_text, stem_word
from .schema import SCHEMA_VERSION, SEARCHABLE_FIELDS, build_schema
from .sources import DEFAULT_INCLUDE, Article, Paragraph, decode_text, parse_article, read_article
from .store import check_index, default_index_dir, index_exists, index_stats, is_unused_location, open_live_index

__all__ = [
    "ANALYSIS_VERSION", "DEFAULT_INCLUDE", "GERMAN_STOP_WORDS", "SCHEMA_VERSION", "SEARCHABLE_FIELDS", "Article",
    "ArticleError", "FundstelleError", "IndexDamagedError", "IndexLockedError", "IndexNotFoundError", "IndexReport",
    "IndexVersionError", "Paragraph", "QueryError", "SourceFile", "SourceNotFoundError", "analyze_text",
    "build_schema", "check_index", "decode_text", "default_index_dir", "find_sources", "index_exists", "index_paths",
    "index_stats", "is_unused_location", "open_live_index", "parse_article", "read_article", "rebuild_index",
    "recorded_paths", "remove_paths", "stem_word", "unpack_postings",
]
