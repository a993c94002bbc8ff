"""A word's terms (indexer.german.terms): the one definition the index, queries and analyze share."""
from __future__ import annotations

import pytest

from indexer.german import analyze_text, exact_term, index_terms, pattern_term, query_term, split_words


def query_terms(text: str) -> list[str]:
    return [term for term in map(query_term, split_words(text)) if term is not None]


def same_terms(a: str, b: str) -> bool:
    return query_terms(a) == query_terms(b) and query_terms(a) != []


@pytest.mark.parametrize(
    ("variant", "original"),
    [
        ("Aussenministerium", "Außenministeriums"),
        ("Pjoengjang", "Pjöngjang"),
        ("Praesident", "Präsident"),
        ("Mueller", "Müller"),
        ("Lehrerin", "Lehrer"),
        ("Lehrerinnen", "Lehrer"),
        ("Waffenlieferung", "Waffenlieferungen"),
        ("Schiffahrt", "Schifffahrt"),
        ("Lehrer*innen", "Lehrerin"),
        ("Lehrer:innen", "Lehrerinnen"),
        ("Lehrer_innen", "Lehrer"),
        ("LehrerInnen", "Lehrerinnen"),
        ("Lehrer/-innen", "Lehrer"),
        ("Präsidenten", "Präsident"),
        ("Bürgerinnen", "Bürger"),
    ],
)
def test_spelling_and_inflection_variants_meet(variant: str, original: str) -> None:
    assert same_terms(variant, original)


def test_different_words_stay_apart() -> None:
    assert not same_terms("Waffen", "Waffenlieferung")
    assert not same_terms("Russland", "Russen")


def test_stop_words_removed_but_digits_and_single_letters_kept() -> None:
    assert query_terms("die Waffen in der Ukraine") == ["waff", "ukrain"]
    assert query_terms("Artikel 5 Absatz 2 Satz 1") == ["artikel", "5", "absatz", "2", "satz", "1"]
    assert query_terms("Vitamin C") == ["vitamin", "c"]
    assert query_terms("dass daß") == []
    # English stop words are German words too here.
    assert query_terms("Will Smith") == ["smith"] and query_terms("The Who") == ["the", "who"]


@pytest.mark.parametrize(
    ("word", "terms"),
    [
        ("Waffenlieferungen", (("waffenliefer", 1.0), ("waff", 0.5), ("liefer", 0.5))),
        # Parts first, then the inner compounds that are words: Bundesverfassung, Verfassungsgericht.
        ("Bundesverfassungsgericht", (("bundesverfassungsgericht", 1.0), ("bund", 0.5), ("verfass", 0.5),
                                      ("gericht", 0.5), ("bundesverfass", 0.5), ("verfassungsgericht", 0.5))),
        ("Wasserstoffbombe", (("wasserstoffbomb", 1.0), ("wass", 0.5), ("stoff", 0.5), ("bomb", 0.5),
                              ("wasserstoff", 0.5))),
        ("Staatsanwaltschaft", (("staatsanwaltschaft", 1.0), ("staat", 0.5), ("anwaltschaft", 0.5))),
        ("Schifffahrt", (("schiffahrt", 1.0), ("schiff", 0.5), ("fahrt", 0.5))),
        ("südkoreanische", (("sudkorean", 1.0), ("sud", 0.5), ("korean", 0.5))),
        ("afrikanische", (("afrikan", 1.0),)),
        ("Kolleg*innen", (("kolleginn", 1.0), ("kolleg", 1.0))),
        ("Lehrer*innen", (("lehr", 1.0),)),
        ("Präsident", (("prasident", 1.0),)),
        ("und", ()),
    ],
)
def test_index_terms(word: str, terms: tuple) -> None:
    assert index_terms(word) == terms


def test_a_query_term_is_the_first_index_term() -> None:
    for word in ["Waffenlieferungen", "Kolleg*innen", "Außenministerium", "daß", "Schifffahrt", "G7"]:
        terms = index_terms(word)
        assert query_term(word) == (terms[0][0] if terms else None)


@pytest.mark.parametrize(("pattern", "term"), [("Präsid", "prasid"), ("Praesid", "prasid"), ("Steuerp", "steuerp"),
                                               ("Schifff", "schiff"), ("Waffen\u00adliefer", "waffenliefer")])
def test_pattern_term_is_folded_not_stemmed(pattern: str, term: str) -> None:
    assert pattern_term(pattern) == term


def test_exact_term_is_the_word_as_written() -> None:
    assert [exact_term(w) for w in ["Lehrer*innen", "Waffen\u00adlieferung", "DIE"]] == [
        "lehrer*innen", "waffenlieferung", "die"]


def test_analyze_text_word_by_word() -> None:
    words = analyze_text("Die Waffenlieferungen an Kolleg*innen")
    assert [(w.position, w.word, w.stop_word, w.term, w.parts, w.base) for w in words] == [
        (0, "Die", True, None, (), None),
        (1, "Waffenlieferungen", False, "waffenliefer", ("waff", "liefer"), None),
        (2, "an", True, None, (), None),
        (3, "Kolleg*innen", False, "kolleginn", (), "kolleg"),
    ]
    assert words[1].exact == "waffenlieferungen" and (words[1].start, words[1].end) == (4, 21)


def test_the_language_loads_no_whoosh() -> None:
    # Issue 29: importing the German package loaded about 50 Whoosh modules through indexer/__init__.
    import subprocess
    import sys

    code = ("import sys, indexer.german, indexer.sources; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'whoosh'))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
