"""What an input format is to the rest of Fundstelle: a :class:`Reader`, registered in
:data:`indexer.sources.READERS`. Its suffixes choose it for a file and make the folder walk's
default patterns; its ``sniff`` recognises the format in a ``.txt`` file or one of a suffix no
reader claims; ``json_fields`` says that its articles' fields go by names
(``--json-field``), so that its files are read again when the names change. Adding a format is
a module with its reader and one line in ``READERS``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from .article import Article

__all__ = ["Reader", "one_article"]

#: A format's reading: a file's text, its name without suffix (the title of last resort) and the
#: JSON field names an index was given → its articles.
ReadArticles = Callable[[str, str, "Mapping[str, str] | None"], list[Article]]


@dataclass(frozen=True)
class Reader:
    """An input format.

    >>> from indexer.sources.text import READER
    >>> READER.name, READER.suffixes, READER.read("Titel\\n\\nEin Satz.", "a", None)[0].title
    ('plain text', ('.txt',), 'Titel')
    """

    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot
    read: ReadArticles
    sniff: Callable[[str], bool] | None = None  # whether a text (its head, BOM and space cut) is of this format
    json_fields: bool = False


def one_article(parse: Callable[[str, str], Article]) -> ReadArticles:
    """The reading of a format of one article a file, which has no JSON field names to be told."""
    return lambda text, name, json_fields=None: [parse(text, name)]
