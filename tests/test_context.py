"""Ranking questions in context (queries.context)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import index_paths
from queries import Searcher, context, search
from queries.context import coverage_in_windows, wanted_terms
from queries.parsing import parse_query

from .conftest import SEED_FILE

QUESTION = "Wer schickte zuerst Funkwellen über den Atlantik?"

# An article about the topic: the answer names two of the question's words, its neighbours the others.
RADIO_HISTORY = """Geschichte des Funks

Guglielmo Marconi schickte Signale ohne Draht von Cornwall nach Amerika.

Im Dezember 1901 empfing sein Mitarbeiter in Neufundland drei kurze Zeichen, den Buchstaben S im \
Morsealphabet: die Funkwellen hatten den Atlantik überquert, und die Zeitungen berichteten am nächsten \
Tag in langen Artikeln über den Erfolg des jungen Erfinders und seiner Gesellschaft.

Wer zuerst sendete, blieb lange umstritten, denn auch Nikola Tesla beanspruchte das Patent.
"""
# A regulation that shares the same two words with the question, in a short paragraph.
BOATMEN_REGULATION = """Verordnung über die Ausbildung der Binnenschiffer

Die Prüfung umfasst die folgenden Fächer der Ausbildung an Bord.

Kenntnisse über Funkwellen und das Radar auf dem Atlantik.

Die mündliche Prüfung dauert höchstens zwei Stunden je Bewerber.
"""


@pytest.fixture(scope="module")
def topic_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("topic-corpus")
    (corpus / "funk.txt").write_text(RADIO_HISTORY, encoding="utf-8")
    (corpus / "binnenschiffer.txt").write_text(BOATMEN_REGULATION, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("topic-index")
    index_paths(index_dir, [corpus])
    return index_dir


def _citations(index_dir: Path, query: str) -> list[str]:
    return [_citation(hit) for hit in search(index_dir, query, match="any", highlight=False).hits]


def _citation(hit) -> str:
    return f"{Path(hit.path).name} ¶{hit.paragraph}"


def test_the_paragraph_whose_neighbours_hold_the_question_wins(topic_index: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert _citations(topic_index, QUESTION)[0] == "funk.txt ¶2"
    # The neighbours' scores alone lift it too.
    monkeypatch.setattr(context, "CONTEXT_WEIGHT", 0.0)
    assert _citations(topic_index, QUESTION)[0] == "funk.txt ¶2"
    # Without context the short paragraph comes first.
    monkeypatch.setattr(context, "NEIGHBOUR_WEIGHT", 0.0)
    assert _citations(topic_index, QUESTION)[0] == "binnenschiffer.txt ¶2"


# The article's title names the subject; its paragraphs say "die Liga". Another article's paragraph
# names the question's other words.
LEAGUE = """Premier League

Die Liga begann im August 1992 mit 22 Vereinen.

Seit 1995 spielen in ihr nur noch 20 Mannschaften.
"""
FOOTBALL = """Fußball in England

Die Football League, die erste Liga der Welt, begann im September 1888 mit zwölf Vereinen.
"""


@pytest.fixture(scope="module")
def league_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("league-corpus")
    (corpus / "premier-league.txt").write_text(LEAGUE, encoding="utf-8")
    (corpus / "fussball.txt").write_text(FOOTBALL, encoding="utf-8")
    # Other articles, so that the words' idf is an archive's, not that of two paragraphs.
    (corpus / "funk.txt").write_text(RADIO_HISTORY, encoding="utf-8")
    (corpus / "binnenschiffer.txt").write_text(BOATMEN_REGULATION, encoding="utf-8")
    shutil.copy(SEED_FILE, corpus / "seed.txt")
    index_dir = tmp_path_factory.mktemp("league-index")
    index_paths(index_dir, [corpus])
    return index_dir


def test_the_article_title_names_what_its_paragraph_is_about(league_index: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    question = "Mit wie vielen Vereinen begann die Premier League?"
    assert _citations(league_index, question)[0] == "premier-league.txt ¶1"
    # The title's words are not the paragraph's: not highlighted.
    hit = search(league_index, question, match="any").hits[0]
    assert [hit.text[start:end] for start, end in hit.highlights] == ["begann", "Vereinen"]
    # Without the title (as evidence and as context), the other article's paragraph comes first.
    monkeypatch.setattr(context, "TITLE_WEIGHT", 0.0)
    monkeypatch.setattr(context, "CONTEXT_FIELDS", ())
    assert _citations(league_index, question)[0] == "fussball.txt ¶1"


@pytest.mark.parametrize(
    "index_name, question, article, share",
    [
        # Alone in its article: its own score is the whole window.
        ("league_index", "Mit wie vielen Vereinen begann die Premier League?", "fussball.txt", 1.0),
        # Beside two paragraphs without the question's words: a third of the window.
        ("topic_index", QUESTION, "binnenschiffer.txt", 1 / 3),
    ],
)
def test_a_paragraph_counts_in_its_own_window(index_name: str, question: str, article: str, share: float,
                                               request: pytest.FixtureRequest) -> None:
    """The article's evidence is the mean of the window's scores, the hit's own among them: a
    paragraph whose neighbours say nothing (or that has none) keeps a share of its own score."""
    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        parsed = searcher.parse(question, "any")
        ranked = searcher._rank(parsed, None, None, "relevance").docs
        docnum, score = next((d, s) for d, s in ranked if Path(searcher._record(d)["path"]).name == article)
        terms = list(wanted_terms(parsed))
        window = searcher._neighbours(docnum, context.CONTEXT_WINDOW)
        [(_docnum, evidence)] = context.with_article_evidence(searcher._searcher, [(docnum, score)], parsed, terms,
                                                              {docnum: window})
    assert len(window) == round(1 / share)
    assert evidence == pytest.approx(score * (1 + context.NEIGHBOUR_WEIGHT * share))


def test_context_changes_the_order_only(topic_index: Path) -> None:
    with Searcher.open(topic_index) as searcher:
        result = searcher.search(QUESTION, limit=None, match="any", highlight=False)
        assert result.total == len(result.hits) == 4
        scores = [hit.score for hit in result.hits]
        assert scores == sorted(scores, reverse=True)
        assert searcher.search(QUESTION, limit=2, match="any", highlight=False).hits == result.hits[:2]
        # Every word must match (the default): no context, scores as Whoosh gives them.
        assert [_citation(h) for h in searcher.search("Funkwellen", limit=None).hits] == [
            "binnenschiffer.txt ¶2", "funk.txt ¶2"]


def test_words_of_the_question_in_a_hit_alone_count_too(topic_index: Path) -> None:
    """A paragraph that holds the question's words itself needs no neighbours."""
    assert _citations(topic_index, "Welche Kenntnisse über Funkwellen braucht man auf dem Atlantik?")[0] == (
        "binnenschiffer.txt ¶2")


def test_a_word_under_not_is_no_context(topic_index: Path) -> None:
    """``Tesla`` stands next to the answer: excluding it must not change the answer's score
    (``Kartoffel``, a word of no paragraph, is excluded for comparison)."""
    excluding_tesla, excluding_nothing = (
        {_citation(h): h.score for h in search(topic_index, query, match="any", highlight=False).hits}
        for query in ("Funkwellen AND NOT Tesla", "Funkwellen AND NOT Kartoffel")
    )
    assert excluding_tesla == excluding_nothing


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Funkwellen NOT Tesla", [("text", "funkwell"), ("exact", "funkwellen")]),
        # The pattern has no fixed words; the word its letters spell, as a stem, is one.
        ('"Funkwellen über den Atlantik" Waffenliefer*', [("text", "funkwell"), ("text", "atlant"),
                                                          ("text", "waffenlief")]),
        ("Funkwellen AND NOT Tesla", [("text", "funkwell"), ("exact", "funkwellen")]),
    ],
)
def test_wanted_terms_leave_out_not_and_patterns(topic_index: Path, query: str, expected) -> None:
    with Searcher.open(topic_index) as searcher:
        parsed = parse_query(query, searcher.schema, match="any", compound_parts=searcher.compound_parts)
    assert sorted(wanted_terms(parsed)) == sorted(expected)


@pytest.mark.parametrize(
    "windows, holders, expected",
    [
        ({7: [6, 7, 8]}, {"krieg": {8}, "ukrain": set()}, {7: 0.25}),
        ({7: [6, 7, 8]}, {"krieg": {6}, "ukrain": {7}}, {7: 1.0}),
        ({7: [6, 7, 8], 20: [19, 20]}, {"krieg": {8, 19}, "ukrain": {21}}, {7: 0.25, 20: 0.25}),
        ({7: [7]}, {}, {7: 0.0}),
    ],
)
def test_coverage_is_the_idf_weighted_share_of_terms_in_the_window(windows, holders, expected) -> None:
    assert coverage_in_windows(windows, holders, {"krieg": 1.0, "ukrain": 3.0}) == expected


def test_neighbours_are_the_nearest_paragraphs_of_the_article(updated_index: Path) -> None:
    """Neighbours are taken by document number: the builder must add an article's paragraphs in
    order, also when it is updated (several segments, deleted documents)."""
    with Searcher.open(updated_index) as searcher:
        live = list(searcher._reader.all_doc_ids())
        for docnum in live:
            record = searcher._record(docnum)
            neighbours = [searcher._record(n) for n in searcher._neighbours(docnum, 2)]
            assert {n["source"] for n in neighbours} == {record["source"]}
            numbers = [n["paragraph"] for n in neighbours]
            assert numbers == list(range(max(record["paragraph"] - 2, 1), record["paragraph"] + 3))[:len(numbers)]
            assert record["paragraph"] in numbers and len(numbers) >= 3
