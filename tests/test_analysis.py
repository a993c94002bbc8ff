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

from indexer.analysis import QuoteAnalyzer, SpeakerAnalyzer, exact_analyzer, german_analyzer
from indexer.german import GERMAN_STOP_WORDS, fold_umlauts, stem_word
from indexer.german.words import (
    LETTER_RUN_RE,
    PLAIN_WORD_PATTERN,
    WORD_RE,
    lowered_keeping_words,
    split_words,
    word_spans,
)

from .conftest import SEED_FILE, shared_path

GOLDEN = Path(__file__).parent / "data" / "analysis-golden.json"


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


def test_exact_offsets_point_into_the_text() -> None:
    text = "Der Sprecher des US-Außen\u00administeriums"
    for token in exact_analyzer()(text, chars=True):
        assert text[token.startchar:token.endchar].replace("\u00ad", "").lower() == token.text


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


@settings(max_examples=300, deadline=None)
@given(text=_GERMAN_TEXT | _WORD_EDGES)
@example(text="Die Lehrer*Innen und Lehrer:In")
@example(text="Lehrerinnen in İstanbul")
@example(text="Waffen\u00adlieferung")
def test_a_text_lowered_keeping_its_words_holds_them_lowered(text: str) -> None:
    """Where lowered_keeping_words gives the lower-cased text, runs of letters there are the words
    as written, lower-cased, at the same offsets (highlighting and copy comparison rely on it)."""
    lowered = lowered_keeping_words(text)
    if lowered is not None:
        assert [m.span() for m in LETTER_RUN_RE.finditer(lowered)] == [m.span() for m in WORD_RE.finditer(text)]
        assert LETTER_RUN_RE.findall(lowered) == [word.lower() for word in split_words(text)]


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


QUOTED = ("Putin sagte in Vietnam: „Die Lieferung tödlicher Waffen in das Kriegsgebiet wäre ein sehr "
          "schwerer Fehler“, so Putin. Er drohte mit einer „angemessenen Entscheidung“.")


def _added_up(tokens) -> dict[bytes, list]:
    postings: dict[bytes, list] = {}
    for token in tokens:
        entry = postings.setdefault(token.text.encode("utf-8"), [0.0, []])
        entry[0] += token.boost
        entry[1].append(token.pos)
    return postings


@pytest.mark.parametrize("analyzer", [QuoteAnalyzer(), SpeakerAnalyzer()])
def test_quote_and_speaker_fields_index_as_their_tokens_add_up(analyzer) -> None:
    """The bulk writer's positions are the ones Whoosh's own writer gets from the tokens."""
    assert type(analyzer).index_positions(QUOTED) == _added_up(analyzer(QUOTED, positions=True, mode="index"))


def test_quoted_words_keep_their_places_in_the_paragraph() -> None:
    """``quote`` holds the quoted words only, at the positions ``text`` gives them (so highlighting
    finds them in the paragraph); a query is read as German text."""
    text_positions = german_analyzer().index_positions(QUOTED)
    quote_positions = QuoteAnalyzer.index_positions(QUOTED)
    assert {b"waff", b"fehl", b"entscheid"} <= set(quote_positions) < set(text_positions)
    assert b"putin" not in quote_positions and b"vietnam" not in quote_positions
    for term, (_, positions) in quote_positions.items():
        assert set(positions) <= set(text_positions[term][1])
    assert [t.text for t in QuoteAnalyzer()("Fehlers", mode="query")] == [t.text for t in german_analyzer()("Fehlers")]


def test_speakers_are_the_names_at_their_places() -> None:
    assert SpeakerAnalyzer.index_positions(QUOTED) == {b"putin": [1.0, [17]]}
    assert SpeakerAnalyzer.index_positions("Keine Anführungszeichen, sagte Putin.") == {}


def test_quote_and_speaker_analyzers_pickle_under_their_names() -> None:
    for analyzer in (QuoteAnalyzer(), SpeakerAnalyzer()):
        assert type(pickle.loads(pickle.dumps(analyzer))) is type(analyzer)
