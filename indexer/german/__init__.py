"""The German language, with no Whoosh: what a word is, how it is normalised and stemmed, how a
compound splits, and the one definition of a word's index and query terms (:mod:`.terms`).

One concept a module, as in Lucene's ``analysis/de``: :mod:`.words` (the word pattern and the
position rule), :mod:`.gender` (gender-inclusive forms), :mod:`.spelling` (ß, triple consonants,
umlauts), :mod:`.stemming` (Snowball, and the forms it leaves apart), :mod:`.compounds` (splitting
by any frequency source) with :mod:`.wordlist` (the index's source), :mod:`.stopwords`, and
:mod:`.terms`. ``indexer.analysis`` hands the terms to Whoosh.

>>> from indexer.german import index_terms
>>> index_terms("Waffenlieferungen")
(('waffenliefer', 1.0), ('waff', 0.5), ('liefer', 0.5))
"""
from .compounds import CompoundSplitter, split_compound
from .gender import GENDER_WORD_RE, gender_base, gender_readings, normalize_gender
from .spelling import fold_spelling, fold_umlauts
from .stemming import other_forms, stem_word, stem_written
from .stopwords import GERMAN_STOP_WORDS, QUESTION_WORDS
from .terms import (
    ANALYSIS_VERSION,
    COMPOUND_PART_WEIGHT,
    AnalyzedWord,
    analyze_text,
    compound_part_stems,
    exact_term,
    index_terms,
    pattern_term,
    query_term,
    word_stem,
)
from .words import MAX_WORD_CHARS, composed, is_stop_word, positioned, split_words, word_matches, word_spans

__all__ = [
    "ANALYSIS_VERSION", "COMPOUND_PART_WEIGHT", "GENDER_WORD_RE", "GERMAN_STOP_WORDS", "MAX_WORD_CHARS",
    "QUESTION_WORDS", "AnalyzedWord", "CompoundSplitter", "analyze_text", "composed", "compound_part_stems",
    "exact_term", "fold_spelling", "fold_umlauts", "gender_base", "gender_readings", "index_terms", "is_stop_word",
    "normalize_gender", "other_forms", "pattern_term", "positioned", "query_term", "split_compound", "split_words",
    "stem_word", "stem_written", "word_matches", "word_spans", "word_stem",
]
