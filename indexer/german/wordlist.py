"""The German word list compounds are split by at index time: ``wordfreq``'s frequencies.

Only words of frequency ≥ :data:`MIN_FREQUENCY` are kept (rarer ones can never be parts nor
outweigh parts). Loading takes about two seconds, so it happens on the first word to split:
searching never loads it, nor does an index run with nothing to analyse.
"""
from __future__ import annotations

from functools import lru_cache

from .stemming import stem_words

__all__ = ["MIN_FREQUENCY", "MIN_PREFIX", "stem_frequencies", "word_list"]

MIN_FREQUENCY = 1e-7
#: The shortest beginning of a word kept in the prefixes (the shortest compound modifier).
MIN_PREFIX = 4


@lru_cache(maxsize=1)
def word_list() -> tuple[dict[str, float], frozenset[str], dict[str, float]]:
    """The German words with their relative frequencies, every beginning of :data:`MIN_PREFIX`
    or more letters of every one of them (a modifier must be one), and the frequency of each stem
    (all its forms together)."""
    # Imported here, not above: importing wordfreq takes a while, which no search should pay.
    from wordfreq import get_frequency_dict

    frequencies = {
        word: freq
        for word, freq in get_frequency_dict("de", wordlist="large").items()
        if freq >= MIN_FREQUENCY and word.isalpha()
    }
    prefixes = frozenset(word[:end] for word in frequencies for end in range(MIN_PREFIX, len(word) + 1))
    return frequencies, prefixes, stem_frequencies(frequencies)


def stem_frequencies(frequencies: dict[str, float]) -> dict[str, float]:
    """The frequency of each stem of ``frequencies``' words, all its forms together, stemmed as
    the splitter stems a part (ß written ss; triple consonants as written).

    >>> stem_frequencies({"stoff": 3e-5, "stoffe": 1e-5})
    {'stoff': 4e-05}
    """
    stems: dict[str, float] = {}
    for stem, freq in zip(stem_words([word.replace("ß", "ss") for word in frequencies]), frequencies.values()):
        stems[stem] = stems.get(stem, 0.0) + freq
    return stems
