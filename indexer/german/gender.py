"""Gender-inclusive forms: ``Lehrer*innen``, ``Lehrer:innen``, ``Lehrer_innen``, ``Lehrer/-innen``,
``LehrerInnen`` are all written ``Lehrerinnen``, which stems like ``Lehrer``; where the feminine
form and the base word stem apart (``Kolleg*innen``: ``kolleginn``, ``kolleg``), the base word
is a term of the word too (:func:`gender_base`), so that ``Kollegen`` finds it.
"""
from __future__ import annotations

import re
from itertools import product

from .stemming import stem_written
from .stopwords import GERMAN_STOP_WORDS

__all__ = ["GENDER_ENDING_PATTERN", "GENDER_SUFFIX", "GENDER_WORD_RE", "folded_gender_forms", "gender_base",
           "gender_readings", "may_hold_gender_mark", "normalize_gender"]

# The mark, then the ending; a Binnen-I (LehrerInnen) follows a lower-case letter.
_GENDER_MARK = r"(?:[*:_/]|/-)"
_AFTER_LOWER_CASE = r"(?<=[a-zäöüß])"
#: A gender ending with its mark, as the word pattern takes it into a word (german.words).
GENDER_SUFFIX = rf"{_GENDER_MARK}(?:innen|in)(?![^\W_])"
_GENDER_MARKS = frozenset("*:_/")
_GENDER_MARK_RE = re.compile(rf"(?<=[^\W_]){_GENDER_MARK}(?=(?:innen|in)(?![^\W_]))")
# What every gender mark above has, found faster (no look-behind tried at every character).
_GENDER_MARK_HINT_RE = re.compile(r"[*:_/]-?in")
# Binnen-I: LehrerInnen, LehrerIn (a capital I after a lower-case letter, ending the word).
_BINNEN_I_RE = re.compile(rf"{_AFTER_LOWER_CASE}I(?=(?:nnen|n)(?![^\W_]))")
#: A gender ending with its mark or Binnen-I after a word's letters: what normalize_gender rewrites.
GENDER_ENDING_PATTERN = rf"(?:(?<=[^\W_]){_GENDER_MARK}i|{_AFTER_LOWER_CASE}I)(?:nnen|n)"
_GENDER_ENDING_RE = re.compile(GENDER_ENDING_PATTERN + "$")
#: A gender-inclusive form standing as a word (not a pattern's beginning: ``Kolleg*innen*``). It
#: starts only where a word starts: tried at every letter of a long word, it took quadratic time.
GENDER_WORD_RE = re.compile(rf"(?<![^\W_])[^\W_]+{GENDER_ENDING_PATTERN}(?![^\W_]|[*?])")


def normalize_gender(text: str) -> str:
    """Write every gender-inclusive form as the plain feminine plural, which stems like the base word.

    >>> [normalize_gender(w) for w in ["Lehrer*innen", "Lehrer:innen", "Lehrer_innen", "LehrerInnen"]]
    ['Lehrerinnen', 'Lehrerinnen', 'Lehrerinnen', 'Lehrerinnen']
    """
    return _BINNEN_I_RE.sub("i", _GENDER_MARK_RE.sub("", text))


def folded_gender_forms(word: str) -> str:
    """:func:`normalize_gender` for one word, with a fast path: a gender form has a mark or an
    inner capital I before "n"."""
    if "n" in word and (_GENDER_MARKS.intersection(word) or "In" in word):
        return normalize_gender(word)
    return word


def may_hold_gender_mark(lowered: str) -> bool:
    """Whether a lower-cased text may hold a gender mark (``*in``, ``:innen``, ``/-in``): a quick
    test that lets texts without any skip the word-by-word folding."""
    return _GENDER_MARK_HINT_RE.search(lowered) is not None


def gender_base(word: str) -> str | None:
    """The base word of a gender-inclusive form (``Kolleg*innen`` → ``Kolleg``), which the index
    keeps beside the feminine form so that ``Kollegen`` finds it too: only where the two stem
    apart (``kolleg``, ``kolleginn``; ``Lehrer*innen`` and ``Lehrer`` are both ``lehr``). None
    for other words.

    >>> gender_base("Kolleg*innen"), gender_base("ÄrztInnen"), gender_base("Lehrer*innen"), gender_base("Kollegin")
    ('Kolleg', 'Ärzt', None, None)
    """
    ending = _GENDER_ENDING_RE.search(word)
    if ending is None:
        return None
    base = word[:ending.start()]
    if base.lower() in GERMAN_STOP_WORDS or stem_written(base) == stem_written(normalize_gender(word)):
        return None
    return base



def gender_readings(text: str, limit: int) -> list[str]:
    """The readings of a text with gender forms: each form as written (its feminine reading) or as
    its base word, where the two stem apart (:func:`gender_base`); all feminine first. The text
    alone if it has no such form or more than ``limit`` of them (2 ** limit readings).

    >>> gender_readings("Ärzt*innen und Kolleg:innen", 3)
    ['Ärzt*innen und Kolleg:innen', 'Ärzt*innen und Kolleg', 'Ärzt und Kolleg:innen', 'Ärzt und Kolleg']
    """
    forms = [(form.span(), base) for form in GENDER_WORD_RE.finditer(text) if (base := gender_base(form.group()))]
    if not forms or len(forms) > limit:
        return [text]
    readings = []
    for choice in product((False, True), repeat=len(forms)):
        chosen, done = [], 0
        for ((start, end), base), as_base in zip(forms, choice):
            chosen += [text[done:start], base if as_base else text[start:end]]
            done = end
        readings.append("".join(chosen) + text[done:])
    return readings
