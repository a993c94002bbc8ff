"""Fundstelle's indexer: German articles → paragraph documents → a Whoosh index on disk.

The names below are imported from their modules when first used (PEP 562): ``import
indexer.german`` loads the language and no Whoosh, ``from indexer import index_paths`` the engine.

>>> from indexer import parse_article
>>> [p.number for p in parse_article("Titel\\n\\nEin Satz.\\n\\nNoch ein Satz.").paragraphs]
[1, 2]
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

#: Each public name and the module (of this package) that defines it.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("BuildOptions", "IndexReport", "SourceFile", "find_sources", "index_paths", "rebuild_index",
                     "recorded_paths", "remove_paths"), ".building"),
    **dict.fromkeys(("ArticleError", "FundstelleError", "IndexDamagedError", "IndexLockedError", "IndexNotFoundError",
                     "IndexVersionError", "QueryError", "SourceNotFoundError"), ".errors"),
    **dict.fromkeys(("ANALYSIS_VERSION", "GERMAN_STOP_WORDS", "analyze_text", "stem_word"), ".german"),
    **dict.fromkeys(("SCHEMA_VERSION", "SEARCHABLE_FIELDS", "build_schema"), ".schema"),
    **dict.fromkeys(("DEFAULT_INCLUDE", "Article", "Paragraph", "decode_text", "parse_article", "read_article"),
                    ".sources"),
    **dict.fromkeys(("check_index", "default_index_dir", "index_exists", "index_stats", "is_unused_location",
                     "open_live_index"), ".store"),
    # The name packed posting blocks call their unpacker by (indexer.engine.postingblocks.PICKLED_NAME):
    # unpickling a block looks it up here.
    "unpack_postings": ".engine.postingblocks",
}

__all__ = sorted(_EXPORTS, key=lambda name: (not name.isupper(), name[0].islower(), name))


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # found once: the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
