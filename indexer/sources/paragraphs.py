"""From an article's blocks of text to numbered paragraphs, the same for every format: which short
lines are subheadings, and paragraphs too long for one hit split at sentences."""
from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from ..errors import ArticleError
from .article import Paragraph

__all__ = ["MAX_PARAGRAPH_CHARS", "Block", "is_heading", "marked_headings", "numbered_paragraphs", "reads_as_prose",
           "split_long"]

#: A paragraph longer than this is split at sentences into parts of at most this length.
MAX_PARAGRAPH_CHARS = 2_000
# A sentence ends in one of these (quotes included: a paragraph may end inside a quotation).
_SENTENCE_END = tuple('.!?:;,…"“”»«\'’)')
_HEADING_MAX_WORDS = 10
_PROSE_MIN_WORDS = 6
_ITEM_MIN_WORDS = 9
_HEADING_MAX_CHARS = 90
# The end of a sentence inside a paragraph: . ! ? … (and closing quotes) before a space and a
# capital, a digit or an opening quote.
_SENTENCE_END_RE = re.compile(r"[.!?…][\"“”»«'’)]*(?=\s+[\"„“»«'(]?[A-ZÄÖÜ0-9])")


class Block(NamedTuple):
    """A block of an article's text, and whether it is a subheading of the blocks after it."""

    text: str
    heading: bool = False


def is_heading(block: str) -> bool:
    """Whether a block looks like a subheading: one short line that does not end like a sentence.

    >>> is_heading("Reaktionen aus Berlin"), is_heading("Berlin reagiert.")
    (True, False)
    """
    words = block.split()
    return (
        0 < len(words) <= _HEADING_MAX_WORDS
        and len(block) <= _HEADING_MAX_CHARS
        and not block.rstrip().endswith(_SENTENCE_END)
    )


def reads_as_prose(block: str) -> bool:
    """Whether a block reads as running text: a sentence of at least :data:`_PROSE_MIN_WORDS`
    words, or words enough for one without its full stop (a list item). A page's furniture
    does not (``Related Subjects German Wine Route , Sommelier``, ``Weiterführender Link``,
    ``Date 10.06.2013``).

    >>> reads_as_prose("Die Koalition hat sich auf einen Haushalt geeinigt."), reads_as_prose("Mehr zum Thema")
    (True, False)
    """
    words = len(block.split())
    return words >= _PROSE_MIN_WORDS and (block.rstrip().endswith(_SENTENCE_END) or words >= _ITEM_MIN_WORDS)


def marked_headings(blocks: list[str]) -> list[Block]:
    """Plain text's subheadings: a short line (:func:`is_heading`) followed by a paragraph that is
    not one. Several short lines in a row are a list, and a short line at the end heads nothing:
    they stay paragraphs, so nothing of a file is lost.

    >>> [b.heading for b in marked_headings(["Reaktionen", "Berlin reagiert besorgt.", "Mindestlohn",
    ...                                      "Bürgergeld", "Rente"])]
    [True, False, False, False, False]
    """
    short = [is_heading(block) for block in blocks]
    return [
        Block(block, short[i] and i + 1 < len(blocks) and not short[i + 1] and not (i and short[i - 1]))
        for i, block in enumerate(blocks)
    ]


def split_long(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """``text`` in parts of at most ``limit`` characters, cut after sentences (a sentence longer
    than that, at spaces; a word longer than that, anywhere).

    >>> split_long("Erster Satz. Zweiter Satz. Dritter.", 26)
    ['Erster Satz. Zweiter Satz.', 'Dritter.']
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    ends = [match.end() for match in _SENTENCE_END_RE.finditer(text)]
    for start, end in zip([0, *ends], [*ends, len(text)]):
        sentence = text[start:end].strip()
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        pieces.append(sentence)
    parts: list[str] = []
    for piece in pieces:
        if parts and len(parts[-1]) + 1 + len(piece) <= limit:
            parts[-1] += " " + piece
        elif piece:
            parts.append(piece)
    return parts


def numbered_paragraphs(blocks: Iterable[Block]) -> tuple[Paragraph, ...]:
    """The paragraphs of an article's blocks, numbered from 1, each under the last subheading
    before it, a long one in parts; raises :class:`ArticleError` where there is none. A block
    marked as a subheading that reads like a sentence (a lead set as ``<h4>``, say:
    :func:`is_heading`) is a paragraph: it heads nothing, and as a heading it would be lost.

    >>> [(p.number, p.heading) for p in numbered_paragraphs([Block("Ein Satz."), Block("Reaktionen", True),
    ...                                                      Block("Noch ein Satz.")])]
    [(1, None), (2, 'Reaktionen')]
    >>> [p.text for p in numbered_paragraphs([Block("Ein Vorspann, der einen Satz bildet.", True),
    ...                                       Block("Reaktionen", True), Block("Noch ein Satz.")])]
    ['Ein Vorspann, der einen Satz bildet.', 'Noch ein Satz.']
    """
    paragraphs: list[Paragraph] = []
    heading: str | None = None
    number = 0
    for block in blocks:
        if block.heading and is_heading(block.text):
            heading = block.text
            continue
        number += 1
        parts = split_long(block.text)
        for part, text in enumerate(parts, 1):
            paragraphs.append(Paragraph(number, text, heading, part if len(parts) > 1 else None))
    if not paragraphs:
        raise ArticleError("no paragraphs (only a title or headings)")
    return tuple(paragraphs)
