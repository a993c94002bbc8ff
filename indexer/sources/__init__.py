"""Input formats: each file suffix has a reader that turns a file's bytes into an :class:`Article`.

A reader is registered in :data:`READERS` by the suffixes it reads; walking a folder takes the
files that match :data:`DEFAULT_INCLUDE`, one pattern per registered suffix. A file named
directly is read whatever its suffix, as plain text where no reader claims it. Bytes become text
in one place, :func:`~indexer.sources.decoding.decode_text`.

>>> read_source(b"Titel\\n\\nEin Satz.", "artikel.txt").paragraphs[0].text
'Ein Satz.'
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .article import Article, Paragraph
from .decoding import decode_text, read_bytes
from .text import is_heading, parse_article

__all__ = ["DEFAULT_INCLUDE", "READERS", "Article", "Paragraph", "decode_text", "is_heading", "parse_article",
           "read_article", "read_bytes", "read_source"]

#: A reader: a file's bytes and its name without suffix (the title of last resort) → an article.
Reader = Callable[[bytes, str], Article]


def _read_text(data: bytes, name: str) -> Article:
    return parse_article(decode_text(data), name=name)


#: The reader of each file suffix (lower case, with its dot).
READERS: dict[str, Reader] = {".txt": _read_text}
#: File name patterns of articles when walking a folder: the registered suffixes.
DEFAULT_INCLUDE: tuple[str, ...] = tuple(f"*{suffix}" for suffix in READERS)


def read_source(data: bytes, path: str | Path) -> Article:
    """The article in ``data``, the bytes of the file at ``path``, read by its suffix's reader
    (plain text for a suffix no reader claims)."""
    path = Path(path)
    return READERS.get(path.suffix.lower(), _read_text)(data, path.stem)


def read_article(path: str | Path) -> Article:
    """Read and parse one article file; raise :class:`~indexer.errors.ArticleError` with the reason
    it cannot be used."""
    return read_source(read_bytes(Path(path)), path)
