"""How German news copies of one text differ, undone: the words a near-copy comparison reads.

An agency paragraph (dpa, AFP, Reuters, epd, KNA …) reaches each outlet with small edits: a
dateline put before it (``Berlin (dpa) -``), an amount's unit written out or cut short
(``Mrd.``, ``Milliarden``), other quotation marks, soft hyphens, no-break spaces. What stays
is the sequence of its words once these are undone: :func:`copy_words`. Stop words are left
out: an editor changes them most freely (``die``/``diese``), and they make no text a copy of
another.

>>> copy_words("Berlin (dpa) - Der Bund gibt 1,5 Mrd. € für „neue Brücken“ aus.")
('bund', 'gibt', '1', '5', 'milliarden', 'euro', 'neue', 'brücken')
"""
from __future__ import annotations

import re

from .stopwords import GERMAN_STOP_WORDS
from .words import LETTER_RUN_RE, lowered_keeping_words, split_words

__all__ = ["AGENCIES", "copy_words", "without_dateline"]

#: News agencies as datelines name them (``(dpa)``, ``(AFP/dpa)``, ``(dpa-AFX)``, ``(Reuters)``).
AGENCIES = ("dpa", "dpa-AFX", "AFP", "AP", "Reuters", "rtr", "epd", "KNA", "dts", "SID", "ddp", "APA", "sda",
            "KAP", "idea", "AFX", "EFE", "ANSA", "dapd")
_AGENCY = "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True))
# A dateline: up to four words of a place (``Frankfurt/Main``, ``BAD HERSFELD``) or none, the
# agencies in parentheses (``(dpa/AFP)``, ``(dpa) /``), then a dash, colon or full stop.
_DATELINE_RE = re.compile(
    rf"\A\s*(?:[^\W\d_][\w./-]*(?:\s+[^\W\d_][\w./-]*){{0,3}}\s*)?"
    rf"\((?:{_AGENCY})(?:\s*[/,]\s*(?:{_AGENCY}))*\)\s*(?:[-–—:.]\s*|/\s*)?",
    re.IGNORECASE,
)
# Units of amounts that copies write out or cut short, and symbols some write for them.
_WRITTEN_OUT = {"mrd": "milliarden", "mio": "millionen", "tsd": "tausend", "nr": "nummer", "ca": "circa",
                "bzw": "beziehungsweise"}
_SYMBOLS = {"%": " Prozent ", "€": " Euro ", "$": " Dollar "}
_SYMBOL_RE = re.compile("[%€$]")


def without_dateline(text: str) -> str:
    """``text`` without an agency's dateline before it.

    >>> without_dateline("Frankfurt/Main (dpa/AFP) - Die Börse schloss fester.")
    'Die Börse schloss fester.'
    >>> without_dateline("Die (dpa) meldete.")
    'Die (dpa) meldete.'
    """
    match = _DATELINE_RE.match(text)
    # A dateline stands before a sentence: what follows it starts with a capital or a digit.
    if match and match.end() < len(text) and not text[match.end()].islower():
        return text[match.end():]
    return text


def copy_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` that copies of it keep: no dateline, units written out, lower case,
    no stop words (see the module)."""
    text = without_dateline(text)
    if _SYMBOL_RE.search(text):  # seldom: a search is cheaper than a replacement
        text = _SYMBOL_RE.sub(lambda match: _SYMBOLS[match.group()], text)
    lowered = lowered_keeping_words(text)
    # Found in the lower-cased text where that holds the same words: a search makes the words of
    # hundreds of candidates' texts, and a lower() a word is half the time.
    words = LETTER_RUN_RE.findall(lowered) if lowered is not None else [word.lower() for word in split_words(text)]
    return tuple(_WRITTEN_OUT.get(word, word) for word in words if word not in GERMAN_STOP_WORDS)
