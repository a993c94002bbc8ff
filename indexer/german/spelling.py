"""Spelling variants that mean the same word: ß and ss, the old and new triple consonants, and
the umlauts as the Snowball stemmer folds them (for word beginnings it does not see)."""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["fold_spelling", "fold_umlauts"]

# Old spelling wrote three equal consonants as two before a vowel (Schiffahrt, Schifffahrt):
# fold any three to two. Vowels stayed triple in both spellings (Seeelefant).
_TRIPLE_RE = re.compile(r"([b-df-hj-np-tv-z])\1\1")


@lru_cache(maxsize=200_000)
def fold_spelling(word: str) -> str:
    """ß→ss and three equal consonants to two, on a lower-case word (the 1996 reform's variants).

    >>> fold_spelling("schifffahrt"), fold_spelling("daß")
    ('schiffahrt', 'dass')
    """
    return _TRIPLE_RE.sub(r"\1\1", word.replace("ß", "ss"))


def fold_umlauts(text: str) -> str:
    """Fold a lower-case word as the Snowball German stemmer does before and after stemming:
    ä/ae→a, ö/oe→o, ü/ue→u, ß→ss; but ``ue`` after ``q``, or with its ``u`` between two vowels
    (Steuer, Feuer, Bauer: the stemmer takes that ``u`` for a consonant), stays.

    Used for words the stemmer does not see (prefix and wildcard patterns), so that ``Präsid*``
    and ``Praesid*`` both reach the stem ``prasident``, and ``Steuerp*`` reaches ``steuerpflicht``.

    >>> fold_umlauts("außenminist"), fold_umlauts("praesid"), fold_umlauts("quelle"), fold_umlauts("steuerp")
    ('aussenminist', 'prasid', 'quelle', 'steuerp')
    """
    # The stemmer's prelude, left to right: a u or y between vowels becomes U/Y (a consonant, so
    # no vowel for the next letter either), then ß, ae, oe, ue (not qu) are replaced; its
    # postlude lowers U/Y and drops the umlauts' dots.
    letters = list(text)
    for i in range(1, len(letters) - 1):
        if letters[i] in "uy" and letters[i - 1] in _STEMMER_VOWELS and letters[i + 1] in _STEMMER_VOWELS:
            letters[i] = letters[i].upper()
    text = _PRELUDE_RE.sub(lambda m: _PRELUDE_FOLDS[m.group()], "".join(letters))
    return text.translate(_POSTLUDE)


_STEMMER_VOWELS = frozenset("aeiouyäöü")
_PRELUDE_RE = re.compile("qu|ae|oe|ue|ß")
_PRELUDE_FOLDS = {"qu": "qu", "ae": "a", "oe": "o", "ue": "u", "ß": "ss"}
_POSTLUDE = str.maketrans("UYäöü", "uyaou")
