"""Did you mean: the cheap bound that rules candidates out never rules out a close word."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.support.levenshtein import damerau_levenshtein

from queries.suggestions import letters_apart

# Stems of few letters, so that close words are common among the drawn pairs.
_STEMS = st.text(alphabet="aeinrsäöuß", min_size=1, max_size=12)


@settings(max_examples=500)
@given(_STEMS, _STEMS)
def test_letters_apart_is_never_more_than_the_edit_distance(stem: str, word: str) -> None:
    assert letters_apart(Counter(stem), word) <= damerau_levenshtein(word, stem)


@pytest.mark.parametrize(("stem", "word", "apart"), [
    ("bundesregier", "bundesregir", 1),  # a letter dropped
    ("waffenliefer", "waffenlifer", 1),
    ("prasident", "prasidnet", 0),  # two letters swapped: the same letters
    ("ministerium", "ministerin", 2),
    ("nordkorea", "nordkorean", 1),
])
def test_letters_apart_of_german_misspellings(stem: str, word: str, apart: int) -> None:
    assert letters_apart(Counter(stem), word) == apart
