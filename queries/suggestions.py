"""Did you mean: for a query word no paragraph holds, the closest words the index does hold."""
from __future__ import annotations

import re
from collections import Counter

from whoosh.query import Term
from whoosh.support.levenshtein import damerau_levenshtein

from indexer.german import query_term, split_words, stem_word

from .parsing import prepare_query_text

__all__ = ["close_stems", "did_you_mean", "letters_apart", "surface_word"]

_MAX_SUGGESTIONS = 3
_MAX_SURFACE_CANDIDATES = 2000


def did_you_mean(reader, query: str, parsed) -> dict[str, list[str]]:
    """For each word of ``query`` (``parsed``) that no paragraph contains, the closest indexed words.

    Close means within two edits of the word's stem; a suggestion is shown as a word as it
    stands in the text (``waffenliferung`` → ``waffenlieferungen``).
    """
    unknown = {
        leaf.text for leaf in parsed.leaves()
        if isinstance(leaf, Term) and leaf.fieldname == "text" and reader.doc_frequency("text", leaf.text) == 0
    }
    if not unknown:
        return {}
    words = {}
    for word in split_words(prepare_query_text(query)):
        words.setdefault(query_term(word), word)
    result = {}
    for stem in sorted(unknown):
        surface = [surface_word(reader, s) for s in close_stems(reader, stem)]
        if surface:
            result[words.get(stem, stem)] = list(dict.fromkeys(surface))
    return result


def close_stems(reader, stem: str, maxdist: int = 2) -> list[str]:
    """Indexed stems within ``maxdist`` edits of ``stem``, closest first, then most frequent.

    Candidates share the first letters (two; three for a word of eight or more, where German
    compounds make a two-letter start shared by thousands of words) and differ in length by at
    most ``maxdist``. Misspellings rarely touch the start of a word, and the edit distance, a
    Python loop per letter pair, then runs for a few hundred words (Whoosh's corrector computes
    it for every word of the prefix, and ranks by frequency alone).
    """
    close = []
    letters = Counter(stem)
    for raw in reader.expand_prefix("text", stem[:3 if len(stem) >= 8 else 2]):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if abs(len(term) - len(stem)) > maxdist or term == stem or letters_apart(letters, term) > maxdist:
            continue
        distance = damerau_levenshtein(term, stem, limit=maxdist)
        if distance <= maxdist:
            close.append((distance, -reader.frequency("text", term), term))
    return [term for _, _, term in sorted(close)[:_MAX_SUGGESTIONS]]


def letters_apart(letters: Counter, word: str) -> int:
    """How many letters of ``word`` are not among ``letters`` (a word's letters, counted), or of
    those not in ``word``, whichever is more: a lower bound of their edit distance (an edit
    changes at most one letter on each side, a transposition none), counted in C where the
    distance is a Python loop per letter pair. Most words that share a stem's first letters and
    its length are ruled out by it.

    >>> letters_apart(Counter("bundesregierung"), "bundesregirung"), letters_apart(Counter("waffe"), "affen")
    (1, 1)
    """
    theirs = Counter(word)
    return max(sum((theirs - letters).values()), sum((letters - theirs).values()))


def surface_word(reader, stem: str) -> str:
    """The most common written form of a stem (the exact field's words that start with it)."""
    # Folding makes the stem differ from the written word from its first umlaut or ß on
    # (prasident, präsident): look among the words sharing the part before it.
    prefix = re.split(r"[aous]", stem, maxsplit=1)[0] or stem[:1]
    candidates = []
    for i, term in enumerate(reader.expand_prefix("exact", prefix)):
        if i >= _MAX_SURFACE_CANDIDATES:
            break
        term = term.decode("utf-8") if isinstance(term, bytes) else term
        if stem_word(term) == stem:
            candidates.append((reader.doc_frequency("exact", term), term))
    return max(candidates)[1] if candidates else stem
