"""Stems: the current Snowball German algorithm, and the forms of a word it leaves apart, which
the index's own vocabulary joins (a loanword's plural s, a Latin plural) or the word list does
(another loanword's plural)."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

import Stemmer  # PyStemmer: the official Snowball C stemmer

from .spelling import fold_spelling

__all__ = ["latin_form", "other_forms", "plural_form", "s_form", "stem_word", "stem_words", "stem_written"]

# No cache of its own: stem_word has one, and a word list stems uncached (stem_words) five
# times as fast as through a full cache.
_stemmer = Stemmer.Stemmer("german", 0)
# The shortest stem taken for a word with its s ending removed, or for a Latin plural.
_MIN_S_BASE = 4
# Latin and Greek singular stem endings and their plurals' (latin_form).
_LATIN_PLURALS = (("ium", "i"), ("eum", "e"), ("rum", "r"), ("mus", "m"))
# Singular endings whose plural is -en (Thema/Themen, Zyklus/Zyklen, Risiko/Risiken), and how
# much more common one form may be than the other where the index joins them (plural_form).
_EN_PLURAL_SINGULARS = ("a", "um", "us", "o")
_MAX_FORM_RATIO = 10
_VOWELS = "aeiouy"


@lru_cache(maxsize=500_000)
def stem_word(word: str) -> str:
    """Stem one lower-case word with the current Snowball German algorithm (PyStemmer), cached.

    >>> stem_word("waffenlieferungen"), stem_word("mueller"), stem_word("lehrerin")
    ('waffenliefer', 'mull', 'lehr')
    """
    return _stemmer.stemWord(word)


def stem_words(words: list[str]) -> list[str]:
    """:func:`stem_word` for many words at once, uncached (a word list's hundred thousand words
    stem in a tenth of the time one by one takes).

    >>> stem_words(["waffenlieferungen", "lehrerin"])
    ['waffenliefer', 'lehr']
    """
    return _stemmer.stemWords(words)


def stem_written(word: str) -> str:
    """The stem of a word as written (no gender mark): lower-cased, spelling folded, stemmed.

    >>> stem_written("Schifffahrt"), stem_written("Schiffahrt")
    ('schiffahrt', 'schiffahrt')
    """
    return stem_word(fold_spelling(word.lower()))


def other_forms(stem: str, frequency: Callable[[str], int], written_frequency: Callable[[str], int]) -> list[str]:
    """Stems of a word's other forms that the stemmer leaves apart, where the index suggests them:
    with or without a final s (:func:`s_form`), the plural or singular of a Latin or Greek noun
    (:func:`latin_form`). ``frequency`` counts the paragraphs with a stem, ``written_frequency``
    those with a word as written. A form the index does not hold is no match: the caller keeps
    the forms it has. (Other loanwords' plurals, :func:`plural_form`, are decided by the word
    list and indexed with the word: ``indexer.german.terms.other_number``.)

    >>> counts = {"auto": 40, "autos": 12, "ministerium": 9}
    >>> other_forms("autos", counts.get, {}.get), other_forms("ministerium", counts.get, {}.get)
    (['auto'], ['ministeriums', 'ministeri'])
    """
    forms = (s_form(stem, frequency), latin_form(stem, written_frequency))
    return [form for form in forms if form is not None]


def s_form(stem: str, frequency: Callable[[str], int | None]) -> str | None:
    """The stem of the word's form with a final s (or without it, for a stem ending in s) when
    the index's text suggests it is the same word.

    The Snowball stemmer removes a final s only after b, d, f, g, h, k, l, m, n, r, t, so the
    plural and genitive s of loanwords and names stays: ``Autos``, ``Fotos``, ``Tipps``,
    ``Trumps``, ``Chinas``, ``Kiews`` were words apart from ``Auto`` … ``Kiew`` (Lucene's light
    German stemmer, Elasticsearch's default, keeps them apart too). Whether the s is an ending
    is read from the index's text (``frequency``): the form without it must be a word at least
    half as common as the form with it (``Haus`` is not the plural of ``hau``, nor ``Hamas`` of
    ``Hama``); a base of fewer than four letters is left alone (``Mais``, ``Mai``).

    >>> s_form("trumps", {"trump": 30, "trumps": 5}.get), s_form("hamas", {"hama": 1, "hamas": 50}.get)
    ('trump', None)
    """
    if stem.endswith("s"):
        base, with_s = stem_word(stem[:-1]), stem
        other = base
    else:
        base, with_s = stem, stem + "s"
        other = with_s
    if len(base) < _MIN_S_BASE:
        return None
    return other if 2 * (frequency(base) or 0) >= (frequency(with_s) or 0) else None


def latin_form(stem: str, written_frequency: Callable[[str], int | None]) -> str | None:
    """The plural stem of a Latin or Greek noun's singular stem, or the other way round:
    ``ministerium`` and ``ministeri`` (Ministerien), ``zentrum`` and ``zentr``, ``museum`` and
    ``muse``, ``algorithmus`` and ``algorithm``. The stemmer cuts the plural's ending only.

    Only the endings whose plural stems are unambiguous: -ium/-eum/-rum → -ien/-een/-ren and
    -mus → -men (not -a → -en: ``Julia`` is no singular of ``Juli``, nor ``Angela`` of
    ``angeln``; not -tum, whose plural is -tümer). A plural stem that is also the stem of a
    singular in -ie, a word the index has as written (``written_frequency``: ``Studien`` of
    ``Studie`` and ``Studium``), is left alone.

    >>> latin_form("zentrum", {}.get), latin_form("studium", {"studie": 3}.get)
    ('zentr', None)
    """
    for singular, plural in _LATIN_PLURALS:
        if stem.endswith(singular):
            other = stem[: -len(singular)] + plural
            plural_stem = other
        elif stem.endswith(plural):
            other = stem[: -len(plural)] + singular
            plural_stem = stem
        else:
            continue
        if len(plural_stem) < _MIN_S_BASE:
            return None
        if plural == "i" and written_frequency(plural_stem + "e"):
            return None  # Studie beside Studium
        return other
    return None


def plural_form(stem: str, written_frequency: Callable[[str], float | None]) -> str | None:
    """The plural stem of a loanword's singular stem the stemmer leaves apart, or the other way
    round, where the language has both forms as written: -ien of a word ending in a consonant
    (``Material``/``Materialien``: ``material`` and ``materiali``; ``Prinzip``, ``Fossil``) and
    -en of -a, -um, -us, -o (``Thema``/``Themen``: ``thema`` and ``them``; ``Zyklus``, ``Risiko``).

    Each form must be a word as written (``written_frequency``: the word list's frequencies),
    neither ten times as common as the other (``Spanien`` is no plural of ``Span``); a plural in
    -ien that is also the plural of a singular in -ie (``Studien`` of ``Studie``) is left alone,
    and so is a plural in -en whose stem is a word not ten times rarer than the singular, alone
    or with -e (``Camp`` beside ``Campus``/``campen``; ``Kost``, ``verfahre``: a German word's
    own -en). Stems of fewer than four letters are left alone (``Viren``).

    >>> written = {"material": 40, "materialien": 25, "thema": 30, "themen": 50, "studie": 8, "studien": 9}
    >>> plural_form("materiali", written.get), plural_form("thema", written.get), plural_form("studi", written.get)
    ('material', 'them', None)
    """
    if len(stem) < _MIN_S_BASE:
        return None
    # (the other form's stem, the singular as written, the plural as written), in the order tried
    if stem.endswith("i") and stem[-2] not in _VOWELS and len(stem) > _MIN_S_BASE:
        pairs = [(stem[:-1], stem[:-1], stem + "en")]  # materiali: material, materialien
    elif stem[-1] not in _VOWELS:
        pairs = [(stem + "i", stem, stem + "ien")]  # material: materiali, materialien
        pairs += [(stem + ending, stem + ending, stem + "en") for ending in _EN_PLURAL_SINGULARS]  # them: thema
    else:
        pairs = []
    if stem.endswith(_EN_PLURAL_SINGULARS):
        base = stem[: -2 if stem.endswith(("um", "us")) else -1]  # thema: them, themen
        if len(base) >= _MIN_S_BASE and base[-1] not in _VOWELS:
            pairs.append((base, stem, base + "en"))
    for other, singular, plural in pairs:
        # The plural first: most stems have none.
        plural_count = written_frequency(plural) or 0
        singular_count = (written_frequency(singular) or 0) if plural_count else 0
        if not singular_count or max(singular_count, plural_count) > _MAX_FORM_RATIO * min(singular_count,
                                                                                              plural_count):
            continue
        if plural.endswith("ien") and written_frequency(plural[:-1]):
            continue  # Studien of Studie
        if not plural.endswith("ien") and _is_german_en(plural[:-2], singular_count, written_frequency):
            continue  # Kosten of Kost, campen of Camp
        return other
    return None


def _is_german_en(base: str, singular_count: float, written_frequency: Callable[[str], float | None]) -> bool:
    """Whether ``base`` + -en may be a German word's own -en rather than a loanword's plural:
    ``base`` or ``base`` + -e is a word not ten times rarer than the singular (``Kosten`` of
    ``Kost``, ``verfahren`` of ``verfahre``, ``campen`` of ``Camp`` beside ``Campus``). A word
    list's stray tokens (``them`` beside ``Thema``) are far rarer than the singular."""
    return any(_MAX_FORM_RATIO * (written_frequency(word) or 0) > singular_count for word in (base, base + "e"))
