"""Stems (indexer.german.stemming): Snowball conformance, and the forms the stemmer leaves apart."""
from __future__ import annotations

import pytest

from indexer.german import fold_umlauts, stem_word
from indexer.german.stemming import latin_form, other_forms, plural_form, s_form

from .conftest import shared_path


def test_stemmer_reproduces_snowball_vocabulary() -> None:
    """stem_word gives Snowball's official stem for all 35,033 test words."""
    folder = shared_path("data", "snowball-german")
    words = (folder / "voc.txt").read_text(encoding="utf-8").splitlines()
    stems = (folder / "output.txt").read_text(encoding="utf-8").splitlines()
    assert len(words) == len(stems) == 35_033
    got = [stem_word(word) for word in words]
    mismatches = [(w, s, g) for w, s, g in zip(words, stems, got) if s != g]
    assert mismatches == []


@pytest.mark.parametrize(
    ("word", "prefix"),
    [("Steuerpflichtigen", "Steuerp"), ("Feuerwehr", "Feuerw"), ("Bauernverband", "Bauern"),
     ("Abenteuerspielplatz", "Abenteuer"), ("Neuerungen", "Neuer"), ("Quellen", "Quel"), ("Präsidenten", "Praesid"),
     ("Außenministerium", "Außenminis"), ("Grüße", "Gruess"), ("Versteuerung", "Versteuer")],
)
def test_a_prefix_is_folded_as_its_word_is_stemmed(word: str, prefix: str) -> None:
    """The stemmer takes a u between vowels for a consonant: Steuer keeps its ue (no ü→u)."""
    assert stem_word(word.lower()).startswith(fold_umlauts(prefix.lower()))


def test_every_prefix_within_the_stem_finds_its_word() -> None:
    """For each of Snowball's 35,033 test words, every prefix of it whose folded form is no longer
    than its stem is the beginning of that stem (so ``Prefix*`` finds the word)."""
    folder = shared_path("data", "snowball-german")
    missed = []
    for word in (folder / "voc.txt").read_text(encoding="utf-8").splitlines():
        stem = stem_word(word)
        for end in range(1, len(word)):
            folded = fold_umlauts(word[:end])
            if len(folded) <= len(stem) and not stem.startswith(folded):
                missed.append((word[:end], folded, stem))
    assert missed == []


@pytest.mark.parametrize(
    ("stem", "counts", "form"),
    [
        ("autos", {"auto": 40, "autos": 12}, "auto"),  # Autos: the plural s the stemmer keeps
        ("trump", {"trump": 30, "trumps": 5}, "trumps"),
        ("hamas", {"hama": 1, "hamas": 50}, None),  # Hama is rarer than Hamas: no plural of it
        ("mais", {"mai": 90, "mais": 5}, None),  # too short a base
    ],
)
def test_s_form_by_the_index_frequencies(stem: str, counts: dict, form: str | None) -> None:
    assert s_form(stem, counts.get) == form


@pytest.mark.parametrize(
    ("stem", "written", "form"),
    [
        ("ministerium", {}, "ministeri"), ("ministeri", {}, "ministerium"), ("zentrum", {}, "zentr"),
        ("museum", {}, "muse"), ("algorithmus", {}, "algorithm"),
        ("studium", {"studie": 4}, None),  # Studien are also Studie's
        ("julia", {}, None),  # no -a rule: Julia is no singular of Juli
    ],
)
def test_latin_form(stem: str, written: dict, form: str | None) -> None:
    assert latin_form(stem, written.get) == form


# Written forms as an index of news and laws would count them (paragraphs with the word as written).
WRITTEN = {"material": 40, "materialien": 25, "mineral": 5, "mineralien": 12, "prinzip": 30, "prinzipien": 20,
           "fossil": 3, "fossilien": 9, "thema": 30, "themen": 50, "zyklus": 4, "zyklen": 3, "risiko": 60,
           "risiken": 45, "studium": 20, "studien": 30, "studie": 25, "span": 2, "spanien": 300, "campus": 8,
           "campen": 2, "camp": 10, "julia": 5, "daten": 900, "datum": 40}


@pytest.mark.parametrize(
    ("stem", "form"),
    [
        ("material", "materiali"), ("materiali", "material"), ("minerali", "mineral"), ("prinzip", "prinzipi"),
        ("fossili", "fossil"), ("thema", "them"), ("them", "thema"), ("zyklus", "zykl"), ("risiko", "risik"),
        ("risik", "risiko"),
        ("studi", None),  # Studien: of Studie and Studium, left alone
        ("span", None), ("spani", None),  # Spanien, thirty times as common, is no plural of Span
        ("campus", None),  # camp is a word of its own
        ("julia", None), ("datum", None), ("dat", None),  # stems too short to tell
        ("prasident", None),  # no written plural in -ien
    ],
)
def test_plural_form(stem: str, form: str | None) -> None:
    assert plural_form(stem, WRITTEN.get) == form


def test_other_forms_are_both_kinds() -> None:
    assert other_forms("ministerium", {"ministerium": 9}.get, {}.get) == ["ministeriums", "ministeri"]
