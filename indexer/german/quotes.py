"""Quotations in German news text: the spans inside quotation marks.

German writes „…“ and »…«, Swiss and Austrian text «…», translated and web text "…" and “…”, a
quotation inside a quotation ‚…‘ or ‘…’; pages mix them („…" or «…"). A mark is read by what
stands beside it: after a space, a bracket or a dash and before a word it opens; after a word or
a sentence's punctuation and before a space or punctuation it closes. So » opens »Daumen« and
closes «Nau», and “ closes „Zusage“ and opens “Scoop”. A single mark between letters or after
an ``s`` is an apostrophe (``gibt’s``, ``Relotius'``), and closes nothing that did not open.

A quotation runs over sentence ends until its mark closes; one still open at the paragraph's
end runs to the end (a quotation over several paragraphs opens each again), and a closing mark
with nothing open ends one that began in an earlier paragraph. Only the outermost quotation is
kept; quotations inside it are part of its text.

>>> [text for text, _, _ in quoted_spans("Er sagte: „Das ist ‚falsch‘.“ Dann ging er.")]
['Das ist ‚falsch‘.']
>>> [text for text, _, _ in quoted_spans("Der Sender «Nau» schreibt: »Es ist vorbei.«")]
['Nau', 'Es ist vorbei.']

:func:`quotations` adds who spoke (:mod:`.speakers`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .speakers import speakers_of

__all__ = ["DOUBLE_MARKS", "SINGLE_MARKS", "Quotation", "has_quotation_marks", "quotations", "quoted_spans"]

#: Marks that open or close a quotation (``„`` only opens).
DOUBLE_MARKS = "„“”\"»«"
#: Marks of a quotation inside a quotation, or apostrophes (``‚`` only opens).
SINGLE_MARKS = "‚‘’'"
_ALWAYS_OPEN = "„‚"
_MARK_RE = re.compile(f"[{DOUBLE_MARKS}{SINGLE_MARKS}]")
# What may stand before an opening mark, besides a space: brackets, dashes, a slash, other marks
# (`„‚Nein‘, sagte er“`).
_BEFORE_OPENING = "([{–—-/" + DOUBLE_MARKS + SINGLE_MARKS
# What may follow a closing mark, besides a space: punctuation, brackets, dashes, other marks.
_AFTER_CLOSING = ".,;:!?)]}–—-/…" + DOUBLE_MARKS + SINGLE_MARKS


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _AFTER_CLOSING)


@dataclass(frozen=True)
class Quotation:
    """A quotation of a paragraph: its text (``text[start:end]`` of the paragraph) and its
    speaker's name as written, with the name's offset, where the sentence names one."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None


def has_quotation_marks(text: str) -> bool:
    """Whether ``text`` holds any mark a quotation could stand in (most paragraphs hold none)."""
    return _MARK_RE.search(text) is not None


@lru_cache(maxsize=64)
def quotations(text: str) -> tuple[Quotation, ...]:
    """The quotations of a paragraph with their speakers (remembered for the next calls: indexing
    reads a paragraph's quotations for two fields, one after the other).

    >>> quotations("„Das ist ein Fehler“, sagte Neubauer.")
    (Quotation(text='Das ist ein Fehler', start=1, end=19, speaker='Neubauer', speaker_start=28),)
    """
    if not has_quotation_marks(text):
        return ()
    spans = quoted_spans(text)
    speakers = speakers_of(text, [(start, end) for _, start, end in spans])
    return tuple(Quotation(quoted, start, end, *(speaker or (None, None)))
                 for (quoted, start, end), speaker in zip(spans, speakers))


def quoted_spans(text: str) -> list[tuple[str, int, int]]:
    """Each outermost quotation of a paragraph: its text without the marks and surrounding
    spaces, and the offsets of that text (``text[start:end]``)."""
    spans: list[tuple[int, int]] = []
    # The marks open at this point: (offset of the text after the mark, whether it is single).
    stack: list[tuple[int, bool]] = []
    seen_double = False
    for found in _MARK_RE.finditer(text):
        i, mark = found.start(), found.group()
        single = mark in SINGLE_MARKS
        if single:
            if mark in _ALWAYS_OPEN or (mark != "’" and _opens(text, i) and not _closes(text, i)):
                stack.append((i + 1, True))
            elif stack and stack[-1][1] and _closes(text, i):
                start, _ = stack.pop()
                if not stack:
                    spans.append((start, i))
            continue
        open_double = next((depth for depth in range(len(stack) - 1, -1, -1) if not stack[depth][1]), None)
        if mark in _ALWAYS_OPEN:
            action = "open"
        elif open_double is not None and _closes(text, i):
            action = "close"
        elif _opens(text, i):
            action = "open"
        elif open_double is not None:
            action = "close"
        elif not seen_double and not stack and not spans:
            # A closing mark with nothing open: the quotation began in an earlier paragraph.
            spans.append((0, i))
            action = "none"
        else:
            action = "none"
        seen_double = True
        if action == "open":
            stack.append((i + 1, False))
        elif action == "close":
            start = stack[open_double][0]
            del stack[open_double:]
            if not stack:
                spans.append((start, i))
    # A double quotation still open runs to the paragraph's end; a single one was an apostrophe.
    first_double = next((start for start, single in stack if not single), None)
    if first_double is not None:
        spans.append((first_double, len(text)))
    return [_stripped(text, start, end) for start, end in spans if text[start:end].strip()]


def _stripped(text: str, start: int, end: int) -> tuple[str, int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[start:end], start, end
