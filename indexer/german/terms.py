"""A German word's terms: the one definition of what the index keeps for a word and what a query
searches for it, used by indexing, queries, highlighting and ``fundstelle analyze`` alike.

A word as the text has it (:mod:`.words`) becomes its stem: gender forms folded (:mod:`.gender`),
lower-cased, spelling variants folded (:mod:`.spelling`), stemmed (:mod:`.stemming`). A stop word
has no terms. At index time a compound adds its parts' stems (:mod:`.compounds`), a loanword
the stem of its other number that the stemmer leaves apart (``Materialien`` and ``Material``,
by the word list: :func:`other_number`), and a gender form the stem of its base word. Change
what this module produces only together with
:data:`ANALYSIS_VERSION`, which makes old indexes ask for ``fundstelle rebuild``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .compounds import CompoundSplit, constituents
from .gender import folded_gender_forms, gender_base
from .spelling import fold_spelling, fold_umlauts
from .stemming import plural_form, stem_written
from .stopwords import GERMAN_STOP_WORDS
from .wordlist import word_list
from .words import composed, visible, word_matches

__all__ = ["ANALYSIS_VERSION", "COMPOUND_PART_WEIGHT", "AnalyzedWord", "analyze_text", "compound_part_stems",
           "exact_term", "index_terms", "other_number", "pattern_term", "query_term", "word_stem"]

#: Bump whenever a change here would index the same text differently.
ANALYSIS_VERSION = 6

#: Term frequency a compound part adds at index time, against 1 for a word as written: a
#: paragraph that says ``Lieferung`` outranks one that only has it inside ``Waffenlieferungen``,
#: and parts of long compounds weigh less against the words a question asks for (the index's one
#: tuning constant; the query side's are in ``queries.ranking``).
COMPOUND_PART_WEIGHT = 0.5


def word_stem(word: str) -> str:
    """The stem of a word as the text has it, stop word or not.

    >>> word_stem("Lehrer*innen"), word_stem("Schifffahrt"), word_stem("die")
    ('lehr', 'schiffahrt', 'die')
    """
    return stem_written(folded_gender_forms(word))


def query_term(word: str) -> str | None:
    """The term a query searches for a word: its stem; None for a stop word.

    >>> query_term("Waffenlieferungen"), query_term("Die")
    ('waffenliefer', None)
    """
    text = _lowered(word)
    return None if text is None else stem_written(text)


def index_terms(word: str) -> tuple[tuple[str, float], ...]:
    """The terms and weights the index keeps for one word: its stem, then the stems of its
    compound parts and of the inner compounds among them (:func:`.compounds.constituents`), then a
    gender form's base word's; () for a stop word. Its callers cache it: texts repeat their words.

    >>> index_terms("Waffenlieferungen"), index_terms("und"), index_terms("Kolleg*innen")
    ((('waffenliefer', 1.0), ('waff', 0.5), ('liefer', 0.5)), (), (('kolleginn', 1.0), ('kolleg', 1.0)))
    """
    text = _lowered(word)
    if text is None:
        return ()
    terms = [(stem_written(text), 1.0)]
    # Parts and inner compounds stand at the compound's own position (as Lucene's compound filters
    # put them), so that Lieferung finds Waffenlieferungen and phrases still line up; a part counts
    # less than a word as written (Whoosh adds up a term's weights as its frequency for BM25).
    # The word is split before its triple consonants are folded: schiff|fahrt, not schiffahrt.
    for part, _ in constituents(text):
        stem = stem_written(part)
        if all(stem != term for term, _ in terms):
            terms.append((stem, COMPOUND_PART_WEIGHT))
    # A loanword's other number counts as written: Materialien says Material too.
    plural = other_number(terms[0][0])
    if plural is not None and all(plural != term for term, _ in terms):
        terms.append((plural, 1.0))
    # A gender form's base word counts as written: Kolleg*innen says Kollegen too.
    base = gender_base(word)
    if base is not None:
        terms.append((stem_written(base), 1.0))
    return tuple(terms)


def other_number(stem: str) -> str | None:
    """The stem of a loanword's plural for its singular's stem, or the other way round, where
    the stemmer leaves the two apart and the language has both (:func:`.stemming.plural_form`
    over the word list's frequencies): ``materiali`` (Materialien) and ``material``, ``them``
    (Themen) and ``thema``. Decided by the language, not by what an index holds: an archive
    that has only ``Materialien`` still answers ``Material``.

    >>> other_number("materiali"), other_number("thema"), other_number("spani"), other_number("studi")
    ('material', 'them', None, None)
    """
    return plural_form(stem, word_list()[0].get)


def _lowered(word: str) -> str | None:
    """A word lower-cased with its gender form folded and ß written ss; None for a stop word."""
    text = folded_gender_forms(word).lower()
    if not text or text in GERMAN_STOP_WORDS:
        return None
    return text.replace("ß", "ss")


def compound_part_stems(word: str, split: Callable[[str], CompoundSplit]) -> list[str]:
    """The stems of a lower-case word's compound parts as ``split`` splits it (the query side
    splits by the index's own vocabulary); [] for a word that is no compound.

    >>> from indexer.german.compounds import split_compound
    >>> compound_part_stems("waffenlieferungen", split_compound)
    ['waff', 'liefer']
    """
    return [stem_written(part) for part, _ in split(word.replace("ß", "ss"))]


def pattern_term(pattern: str) -> str:
    """A prefix or wildcard pattern's text as the German fields match it: folded like a stem
    (``Präsid`` → ``prasid``), not stemmed, since a word's beginning has no ending to cut.

    >>> pattern_term("Präsid"), pattern_term("Waffenliefer"), pattern_term("Schifff")
    ('prasid', 'waffenliefer', 'schiff')
    """
    return fold_umlauts(fold_spelling(folded_gender_forms(visible(pattern)).lower()))


def exact_term(word: str) -> str:
    """The ``exact`` field's term for a word or pattern: as written, only lower-cased.

    >>> exact_term("Waffenlieferungen")
    'waffenlieferungen'
    """
    return visible(word).lower()


@dataclass(frozen=True)
class AnalyzedWord:
    """What the index makes of one word (``fundstelle analyze``)."""

    position: int  # the word's place among all words of the text
    word: str  # as written
    start: int
    end: int
    stop_word: bool
    term: str | None  # the stem searched for; None for a stop word
    parts: tuple[str, ...]  # stems of compound parts, indexed at the same position
    exact: str  # the term of the exact field
    base: str | None = None  # a gender form's base word's stem (gender_base), at the same position
    number: str | None = None  # a loanword's other number's stem (other_number), at the same position


def analyze_text(text: str) -> list[AnalyzedWord]:
    """Show how ``text`` is indexed, word by word, like Elasticsearch's ``_analyze``.

    >>> [(w.word, w.term, w.parts) for w in analyze_text("Waffenlieferungen an")]
    [('Waffenlieferungen', 'waffenliefer', ('waff', 'liefer')), ('an', None, ())]
    """
    analyzed = []
    for position, (word, match) in enumerate(word_matches(composed(text))):
        terms = [term for term, _ in index_terms(word)]
        base_word = gender_base(word) if terms else None
        base = stem_written(base_word) if base_word else None
        number = other_number(terms[0]) if terms else None
        added = {base, number}  # index_terms puts them last, after the parts
        analyzed.append(AnalyzedWord(
            position=position, word=match.group(), start=match.start(), end=match.end(), stop_word=not terms,
            term=terms[0] if terms else None, parts=tuple(term for term in terms[1:] if term not in added),
            exact=exact_term(word), base=base, number=number if number in terms else None,
        ))
    return analyzed


@lru_cache(maxsize=500_000)
def cached_index_terms(word: str) -> tuple[tuple[str, float], ...]:
    """:func:`index_terms`, cached (for the analyzer's token stream)."""
    return index_terms(word)
