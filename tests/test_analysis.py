"""German analysis as the index and queries get it (indexer.analysis over indexer.german): words,
stop words, stemming (Snowball conformance), spelling variants, positions, pickling."""
from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from indexer.analysis import exact_analyzer, german_analyzer
from indexer.german import GERMAN_STOP_WORDS, fold_umlauts, normalize_gender, split_words, stem_word, word_matches
from indexer.german.words import PLAIN_WORD_PATTERN, WORD_RE, word_spans

from .conftest import SEED_FILE, shared_path

GOLDEN = Path(__file__).parent / "data" / "analysis-golden.json"


def terms(text: str) -> list[str]:
    return [t.text for t in german_analyzer()(text)]


def same_terms(a: str, b: str) -> bool:
    return terms(a) == terms(b) and terms(a) != []


def test_stemmer_reproduces_snowball_vocabulary() -> None:
    """stem_word gives Snowball's official stem for all 35,033 test words."""
    folder = shared_path("data", "snowball-german")
    words = (folder / "voc.txt").read_text(encoding="utf-8").splitlines()
    stems = (folder / "output.txt").read_text(encoding="utf-8").splitlines()
    assert len(words) == len(stems) == 35_033
    got = [stem_word(word) for word in words]
    mismatches = [(w, s, g) for w, s, g in zip(words, stems, got) if s != g]
    assert mismatches == []


def test_full_analyzer_departs_from_snowball_only_for_stop_words_and_triple_consonants() -> None:
    folder = shared_path("data", "snowball-german")
    words = (folder / "voc.txt").read_text(encoding="utf-8").splitlines()
    stems = (folder / "output.txt").read_text(encoding="utf-8").splitlines()
    analyzer = german_analyzer()
    for word, stem in zip(words, stems):
        got = [t.text for t in analyzer(word)]
        if got == [stem]:
            continue
        assert word in GERMAN_STOP_WORDS or any(c * 3 in word.replace("ß", "ss") for c in set(word)), word


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("US-Außenministeriums", ["US", "Außenministeriums"]),
        ("UN-Sicherheitsrates", ["UN", "Sicherheitsrates"]),
        ("Stand: 21.06.2024 09:28 Uhr", ["Stand", "21", "06", "2024", "09", "28", "Uhr"]),
        ("G7-Gipfel in Köln", ["G7", "Gipfel", "in", "Köln"]),
        ("Lehrer*innen, Lehrer:innen und Lehrer_innen", ["Lehrer*innen", "Lehrer:innen", "und", "Lehrer_innen"]),
        ("Waffen\u00adlieferung und Außen\u200bministerium", ["Waffenlieferung", "und", "Außenministerium"]),
        ("Präsident\u00a0Putin", ["Präsident", "Putin"]),
        ("„Wir begrüßen jede Unterstützung“", ["Wir", "begrüßen", "jede", "Unterstützung"]),
    ],
)
def test_words(text: str, tokens: list[str]) -> None:
    assert list(split_words(text)) == tokens
    assert [word for word, _ in word_matches(text)] == tokens


def test_word_offsets_point_into_the_text() -> None:
    text = "Der Sprecher des US-Außen\u00administeriums"
    for word, match in word_matches(text):
        assert text[match.start():match.end()].replace("\u00ad", "") == word
    for token in exact_analyzer()(text, chars=True):
        assert text[token.startchar:token.endchar].replace("\u00ad", "").lower() == token.text


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
    assert terms("die Waffen in der Ukraine") == ["waff", "ukrain"]
    assert terms("Artikel 5 Absatz 2 Satz 1") == ["artikel", "5", "absatz", "2", "satz", "1"]
    assert terms("Vitamin C") == ["vitamin", "c"]
    assert terms("dass daß") == []
    # English stop words are German words too here.
    assert terms("Will Smith") == ["smith"] and terms("The Who") == ["the", "who"]


def test_stop_words_take_no_positions() -> None:
    tokens = [(t.text, t.pos) for t in german_analyzer()("Waffen in andere Regionen", positions=True)]
    assert tokens == [("waff", 0), ("region", 1)]


def test_exact_analyzer_keeps_words_as_written() -> None:
    assert [t.text for t in exact_analyzer()("Waffenlieferungen an die Ukraine")] == [
        "waffenlieferungen", "an", "die", "ukraine",
    ]


def test_prefix_patterns_are_folded_not_stemmed() -> None:
    analyzer = german_analyzer()
    assert [t.text for t in analyzer("Waffenliefer", tokenize=False, removestops=False)] == ["waffenliefer"]
    assert [t.text for t in analyzer("Präsid", tokenize=False, removestops=False)] == ["prasid"]
    assert stem_word("präsidenten").startswith(fold_umlauts("präsid"))


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
    ("text", "expected"),
    [("Lehrer*innen", "Lehrerinnen"), ("Schüler:in", "Schülerin"), ("BürgerInnen", "Bürgerinnen"),
     ("Innenminister", "Innenminister"), ("Berlin", "Berlin"), ("in", "in")],
)
def test_normalize_gender(text: str, expected: str) -> None:
    assert normalize_gender(text) == expected


def test_analyzers_pickle_round_trip() -> None:
    """Whoosh pickles analyzers into the index: they must survive it and analyse the same."""
    for make in (german_analyzer, exact_analyzer):
        analyzer = make()
        clone = pickle.loads(pickle.dumps(analyzer))
        text = "Der Sprecher des US-Außenministeriums über Lehrer*innen"
        assert [t.text for t in clone(text)] == [t.text for t in analyzer(text)]
        assert clone == analyzer


def _stream(analyzer, text: str, **options) -> list[list]:
    return [[t.text, t.pos, t.boost, t.startchar, t.endchar]
            for t in analyzer(text, positions=True, chars=True, boosts=True, **options)]


def _golden() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", list(_golden()["texts"]), ids=lambda text: text[:30])
def test_analyzers_give_the_pinned_tokens(text: str) -> None:
    """The tokens (term, position, weight, offsets) the analyzers gave before the German rules moved
    into indexer.german (the filter chain of schema version 8), for the seed article and words
    with every German special: moving code changed nothing the index holds."""
    expected = _golden()["texts"][text]
    assert _stream(german_analyzer(), text, mode="index") == expected["index"]
    assert _stream(german_analyzer(), text, mode="query") == expected["query"]
    assert _stream(exact_analyzer(), text, mode="query") == expected["exact"]


@pytest.mark.parametrize("pattern", list(_golden()["patterns"]))
def test_patterns_give_the_pinned_terms(pattern: str) -> None:
    expected = _golden()["patterns"][pattern]

    def texts(analyzer, removestops: bool) -> list[str]:
        return [t.text for t in analyzer(pattern, tokenize=False, removestops=removestops, mode="query")]

    assert texts(german_analyzer(), False) == expected["german"]
    assert texts(german_analyzer(), True) == expected["german_stops_removed"]
    assert texts(exact_analyzer(), False) == expected["exact"]


# Words of the seed, German specials, stop words, digits, hyphens, gender marks, invisible characters.
_GERMAN_TEXT = st.lists(
    st.sampled_from(["Waffenlieferungen", "an", "die", "Ukraine", "UN-Sicherheitsrates", "Lehrer*innen",
                     "LehrerInnen", "Kolleg*innen", "ÄrztInnen", "Fachärzt:innen", "daß", "Schifffahrt",
                     "21.06.2024", "Präsident", "Außenministerium",
                     "Bundes\u00adverfassungs\u200bgericht", "I", "und", "ß", "  ", ", ", "\n\n", "Dr."])
    | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    max_size=30,
).map(" ".join)

# Word edges: gender endings, invisible characters and underscores next to letters.
_WORD_EDGES = st.lists(
    st.sampled_from(["Lehrer", "*innen", ":in", "_innen", "/-in", "/in", "\u00ad", "\u200b", "In", "nnen", "_",
                     "-", " ", "ß", "1", "*"]) | st.text(max_size=3),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_GERMAN_TEXT | _WORD_EDGES)
def test_unrolled_word_pattern_finds_the_words_of_the_plain_one(text: str) -> None:
    assert [m.span() for m in WORD_RE.finditer(text)] == [m.span() for m in re.finditer(PLAIN_WORD_PATTERN, text)]


@settings(max_examples=300, deadline=None)
@given(text=_GERMAN_TEXT | _WORD_EDGES)
@example(text="Die Lehrer*Innen und Lehrer:In")  # one word each lower-cased, two as written
@example(text="Lehrer/-In")
@example(text="Lehrerinnen in İstanbul")  # a capital whose lower case is two characters long
def test_word_spans_are_the_positions_the_analyzer_gives(text: str) -> None:
    """Highlighting finds a matched position's word by word_spans' fast path: the same positions
    as the analyzer's tokens."""
    expected = sorted({(t.pos, t.startchar, t.endchar)
                       for t in german_analyzer()(text, positions=True, chars=True, mode="query")})
    assert list(word_spans(text)) == expected


def _positions_of_tokens(analyzer, text: str) -> dict[bytes, list]:
    """What Whoosh's Positions format adds up from an analyzer's tokens: term -> [weight, positions]."""
    positions: dict[bytes, list] = {}
    for t in analyzer(text, positions=True, boosts=True, mode="index"):
        entry = positions.setdefault(t.text.encode("utf-8"), [0.0, []])
        entry[0] += t.boost
        entry[1].append(t.pos)
    return positions


@settings(max_examples=300, deadline=None)
@given(text=_GERMAN_TEXT)
def test_bulk_positions_equal_the_tokens(text: str) -> None:
    # The bulk writer (indexer.engine.segmentwriter) indexes what the analyzers' tokens say, for both.
    for analyzer in (german_analyzer(), exact_analyzer()):
        assert analyzer.index_positions(text) == _positions_of_tokens(analyzer, text)


def test_bulk_positions_on_the_seed_article() -> None:
    text = SEED_FILE.read_text(encoding="utf-8")
    for analyzer in (german_analyzer(), exact_analyzer()):
        assert analyzer.index_positions(text) == _positions_of_tokens(analyzer, text)
    fast = _stream(german_analyzer(), text, mode="index")
    compound = next(entry for entry in fast if entry[0] == "waffenliefer")
    pos, _, start, end = compound[1:]
    assert ["waff", pos, 0.5, start, end] in fast and ["liefer", pos, 0.5, start, end] in fast
