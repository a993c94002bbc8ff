"""Counting and ranking on the posting lists must agree with Whoosh stepping through every match."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from whoosh.query import AndMaybe, AndNot, Phrase

from indexer import index_paths
from queries import Searcher, postings
from queries.parsing import parse_query
from queries.postings import Matching, all_scores, count_matches, rank_matches, scores_of

from .conftest import shared_path

QUERIES = [
    ("Putin", "all"), ("Lieferung", "all"), ("Waffenliefer*", "all"), ("Präsid*", "all"),
    ('"Lieferungen an die Ukraine"', "all"), ("Miller OR Seoul", "all"), ("Waffenlieferung NOT Ukraine", "all"),
    ("(Miller OR Seoul) Ukraine", "all"), ('"Putin Waffen"~5', "all"), ('"Waffen Putin"~5', "all"),
    ('exact:"Waffenlieferungen an Nordkorea"', "all"), ('"Lieferungen an die Ukraine" Kiew', "all"),
    ('"Putin" OR "Kim Jong Un"', "all"), ("Lief*ung Putin", "all"), ("Waffen* OR Nordk?rea", "all"),
    ('"Russland Nordkorea Russland"~9', "all"), ("published:[2024-06-01 TO 2024-06-30] Kiew", "all"),
    ("Kartoffelsalat", "all"), ("exact:Lieferung", "all"), ("title:Nordkorea Kiew", "all"),
    ("Wer ist der Sprecher des US-Außenministeriums?", "any"), ("Was sagt Putin über Waffen?", "any"),
    ("Putin NOT Miller NOT Seoul", "all"), ('"Lieferungen an die Ukraine" NOT Kiew', "all"),
    ("Waffen* NOT Nordk?rea", "all"), ("Putin Miller NOT Pjöngjang", "any"), ("(Putin NOT Kiew) Miller", "all"),
    ("Was sagt Putin über Waffen NOT Nordkorea?", "any"), ("NOT Putin", "all"), ("NOT Putin NOT Miller", "all"),
    ("(sagt OR Putin OR Waffen) ANDMAYBE (Kiew OR Seoul OR Nordkorea)", "all"),
]
# A NOT alone, and ranges: ranked by Whoosh itself (rank_matches gives None).
LEFT_TO_WHOOSH = {"NOT Putin", "NOT Putin NOT Miller", "published:[2024-06-01 TO 2024-06-30] Kiew"}


@pytest.mark.parametrize(("query", "match"), QUERIES)
@pytest.mark.parametrize("index_name", ["seed_index", "updated_index"])
def test_count_agrees_with_whoosh(request: pytest.FixtureRequest, index_name: str, query: str, match: str) -> None:
    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        parsed = parse_query(query, searcher.schema, match=match, compound_parts=searcher.compound_parts)
        assert count_matches(searcher._searcher, parsed) == len(_whoosh_docs(searcher, parsed))


@pytest.mark.parametrize(("query", "match"), QUERIES)
@pytest.mark.parametrize("index_name", ["seed_index", "updated_index"])
@pytest.mark.parametrize("array_min_postings", [0, None], ids=["read-whole", "as-sets"])
def test_matches_as_an_array_are_those_of_the_sets(request: pytest.FixtureRequest, index_name: str, query: str,
                                                  match: str, array_min_postings: int | None,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A trend's matches (a numpy array: words and adjacent words read whole) are the documents
    the plan's sets give, with and without a date range."""
    from whoosh.query import DateRange

    from queries.postings import matching_doc_array, matching_docs

    if array_min_postings is not None:
        monkeypatch.setattr(postings, "ARRAY_MIN_POSTINGS", array_min_postings)
        monkeypatch.setattr(postings, "LOADED_ARRAY_MIN_POSTINGS", array_min_postings)
    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        parsed = parse_query(query, searcher.schema, match=match, compound_parts=searcher.compound_parts)
        for date_filter in (None, DateRange("published", datetime(2024, 6, 1), datetime(2024, 6, 30)),
                            DateRange("published", datetime(2023, 1, 1), datetime(2023, 12, 31))):
            as_array = matching_doc_array(searcher._searcher, parsed, date_filter)
            assert sorted(as_array.tolist()) == matching_docs(searcher._searcher, parsed, date_filter)


def test_deleted_documents_are_not_counted(seed_index: Path, updated_index: Path) -> None:
    with Searcher.open(seed_index) as searcher:
        in_seed = count_matches(searcher._searcher, parse_query("Putin", searcher.schema))
    with Searcher.open(updated_index) as searcher:
        assert searcher._searcher.reader().has_deletions()
        # a.txt and c.txt still name Putin; the changed b.txt no longer does.
        assert count_matches(searcher._searcher, parse_query("Putin", searcher.schema)) == 2 * in_seed == 10


def test_count_with_a_date_filter(updated_index: Path) -> None:
    from whoosh.query import DateRange

    with Searcher.open(updated_index) as searcher:
        parsed = parse_query("Putin", searcher.schema)
        inside = DateRange("published", datetime(2024, 6, 1), datetime(2024, 6, 30))
        outside = DateRange("published", datetime(2023, 1, 1), datetime(2023, 12, 31))
        everything = count_matches(searcher._searcher, parsed)
        assert count_matches(searcher._searcher, parsed, inside) == everything > 0
        assert count_matches(searcher._searcher, parsed, outside) == 0


def test_ranking_with_a_date_filter_agrees_with_whoosh(updated_index: Path) -> None:
    from whoosh.query import DateRange

    with Searcher.open(updated_index) as searcher:
        parsed = parse_query("Putin Miller", searcher.schema, match="any")
        for since, until in [((2024, 6, 1), (2024, 6, 30)), ((2023, 1, 1), (2023, 12, 31))]:
            date_filter = DateRange("published", datetime(*since), datetime(*until))
            ranked, total = rank_matches(searcher._searcher, parsed, 4, date_filter)
            expected = searcher._searcher.search(parsed, limit=4, filter=date_filter)
            _assert_same_ranking(ranked, [(hit.docnum, hit.score) for hit in expected])
            assert total == count_matches(searcher._searcher, parsed, date_filter)


@pytest.fixture(scope="module")
def long_dated_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 articles of 8 paragraphs a day apart, each naming the Haushalt: its lists are several
    posting blocks (128 postings each); one article changed after the first build (deletions)."""
    import json
    from datetime import date, timedelta

    corpus, index = tmp_path_factory.mktemp("long-dated"), tmp_path_factory.mktemp("long-dated-index")

    def write(day: int, verb: str) -> None:
        text = [f"Der Haushalt wurde {verb}{' und erneut beraten' * (number % 4)}." for number in range(8)]
        article = {"title": "Haushaltsdebatte", "date": (date(2020, 1, 1) + timedelta(days=day)).isoformat(),
                   "text": text + ["Der Haushaltsausschuss tagte."]}
        (corpus / f"{day:02}.json").write_text(json.dumps(article), encoding="utf-8")

    for day in range(60):
        write(day, "beschlossen")
    index_paths(index, [corpus])
    write(20, "vertagt")
    index_paths(index, [corpus])
    return index


@pytest.mark.parametrize("query", ["Haushalt", "Haushalt*", "Haushalt beraten", '"erneut beraten"',
                                   "Haushalt NOT erneut", "Haushaltsausschuss OR erneut"])
@pytest.mark.parametrize(("since", "until"), [((2020, 1, 10), (2020, 1, 25)), ((2020, 2, 1), (2020, 2, 1)),
                                              ((2019, 1, 1), (2020, 12, 31))])
@pytest.mark.parametrize("as_runs", [False, True])
def test_ranking_in_a_date_range_over_several_posting_blocks(long_dated_index: Path, query: str, since: tuple,
                                                             until: tuple, as_runs: bool,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A date range's documents are in ascending order, as a set or as runs (a large range): they
    find each word's posting blocks to read, and a block inside a run is taken whole."""
    from whoosh.query import DateRange

    if as_runs:
        monkeypatch.setattr(postings, "RUNS_FROM", 0)
    with Searcher.open(long_dated_index) as searcher:
        whoosh = searcher._searcher
        assert whoosh.reader().has_deletions()
        parsed = parse_query(query, whoosh.schema)
        date_filter = DateRange("published", datetime(*since), datetime(*until, 23, 59))
        ranked, total = rank_matches(whoosh, parsed, 5, date_filter)
        expected = whoosh.search(parsed, limit=5, filter=date_filter)
        _assert_same_ranking(ranked, [(hit.docnum, hit.score) for hit in expected])
        assert total == len(expected) == count_matches(whoosh, parsed, date_filter) > 0
        assert count_matches(whoosh, date_filter) == len(whoosh.search(date_filter, limit=None))


def test_search_total_counts_beyond_the_limit(updated_index: Path) -> None:
    with Searcher.open(updated_index) as searcher:
        result = searcher.search("Putin", limit=2)
        assert len(result.hits) == 2
        assert result.total == count_matches(searcher._searcher, parse_query("Putin", searcher.schema)) > 2


def _whoosh_docs(searcher: Searcher, parsed) -> set[int]:
    """What Whoosh matches; an AndNot as its sides' difference (see the test of Whoosh's own below)."""
    if isinstance(parsed, AndNot):
        return _whoosh_docs(searcher, parsed.a) - _whoosh_docs(searcher, parsed.b)
    return set(searcher._searcher.docs_for_query(parsed))


def _whoosh_ranking(searcher: Searcher, parsed, limit: int | None) -> list[tuple[int, float]]:
    if isinstance(parsed, AndMaybe):
        # Whoosh 2.7.4's AndMaybe matcher drops documents of the top on an index of several
        # segments (test below): the reference is made of its two sides.
        optional = dict(_whoosh_ranking(searcher, parsed.b, None))
        ranked = [(doc, score + optional.get(doc, 0.0)) for doc, score in _whoosh_ranking(searcher, parsed.a, None)]
        return sorted(ranked, key=lambda item: (-item[1], item[0]))[:limit]
    if isinstance(parsed, AndNot):
        excluded = _whoosh_docs(searcher, parsed.b)
        ranked = [(doc, score) for doc, score in _whoosh_ranking(searcher, parsed.a, None) if doc not in excluded]
        return ranked[:limit]
    return [(hit.docnum, hit.score) for hit in searcher._searcher.search(parsed, limit=limit)]


@pytest.mark.parametrize(("query", "match"), QUERIES)
@pytest.mark.parametrize("index_name", ["seed_index", "updated_index"])
@pytest.mark.parametrize("asked_before_all", [5000, 0])
def test_matching_among_some_documents_agrees_with_whoosh(request: pytest.FixtureRequest, index_name: str,
                                                          query: str, match: str, asked_before_all: int,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Asked of a few documents at a time, and (once asked of many) from every match read at once."""
    from whoosh.query import DateRange

    monkeypatch.setattr(postings, "ASKED_BEFORE_ALL", asked_before_all)
    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        parsed = parse_query(query, searcher.schema, match=match, compound_parts=searcher.compound_parts)
        everything = set(range(searcher._reader.doc_count_all()))
        expected = _whoosh_docs(searcher, parsed) & set(searcher._reader.all_doc_ids())
        for some in (everything, set(range(0, len(everything), 3)), {len(everything) - 1}, set()):
            assert Matching(searcher._searcher, parsed).among(some) == expected & some
        june = DateRange("published", datetime(2024, 6, 1), datetime(2024, 6, 30))
        assert Matching(searcher._searcher, parsed, june).among(everything) == expected
        assert Matching(searcher._searcher, parsed, DateRange("published", None, datetime(2023, 12, 31))).among(
            everything) == set()


def test_whoosh_own_and_maybe_drops_a_paragraph_of_the_top(updated_index: Path) -> None:
    """Whoosh 2.7.4's AndMaybe matcher, on this index of several segments, leaves out a paragraph
    that scores as high as the best (the same paragraph of an identical article); ranking here
    keeps it."""
    with Searcher.open(updated_index) as searcher:
        parsed = parse_query("(sagt OR Putin OR Waffen) ANDMAYBE (Kiew OR Seoul OR Nordkorea)", searcher.schema)
        whoosh = [hit.docnum for hit in searcher._searcher.search(parsed, limit=3)]
        ranked, _total = rank_matches(searcher._searcher, parsed, 3)
        assert ranked[0][1] == ranked[1][1] and ranked[1][0] not in whoosh


def test_whoosh_own_and_not_can_keep_an_excluded_paragraph(updated_index: Path) -> None:
    """Whoosh 2.7.4's AndNot matcher, on this index of several segments with deleted documents,
    keeps a paragraph that holds the excluded word; counting and ranking here leave it out."""
    with Searcher.open(updated_index) as searcher:
        parsed = parse_query("Was sagt Putin über Waffen NOT Nordkorea?", searcher.schema, match="any")
        excluded = set(searcher._searcher.docs_for_query(parsed.b))
        whoosh_kept = set(searcher._searcher.docs_for_query(parsed)) & excluded
        ranked, total = rank_matches(searcher._searcher, parsed, None)
        assert whoosh_kept and not excluded & {doc for doc, _ in ranked}
        assert total == len(ranked) == count_matches(searcher._searcher, parsed) == len(_whoosh_docs(searcher, parsed))


def _assert_same_ranking(got: list[tuple[int, float]], expected: list[tuple[int, float]]) -> None:
    assert [doc for doc, _ in got] == [doc for doc, _ in expected]
    assert [score for _, score in got] == pytest.approx([score for _, score in expected], rel=1e-9)


@pytest.mark.parametrize(("query", "match"), QUERIES)
@pytest.mark.parametrize("index_name", ["seed_index", "updated_index"])
@pytest.mark.parametrize("limit", [None, 3])
def test_ranking_agrees_with_whoosh(request: pytest.FixtureRequest, index_name: str, query: str, match: str,
                                    limit: int | None) -> None:
    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        parsed = parse_query(query, searcher.schema, match=match, compound_parts=searcher.compound_parts)
        fast = rank_matches(searcher._searcher, parsed, limit)
        if query in LEFT_TO_WHOOSH:
            assert fast is None
            return
        ranked, total = fast
        _assert_same_ranking(ranked, _whoosh_ranking(searcher, parsed, limit))
        assert total == count_matches(searcher._searcher, parsed)


@pytest.mark.parametrize(("query", "match"), QUERIES)
@pytest.mark.parametrize("index_name", ["seed_index", "updated_index"])
def test_scores_of_some_documents_are_their_scores_among_all(request: pytest.FixtureRequest, index_name: str,
                                                             query: str, match: str) -> None:
    """Scoring only some documents (every third, and the matches among them) gives each the score
    it has among all: the same float, whatever the query's shape."""
    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        parsed = parse_query(query, searcher.schema, match=match, compound_parts=searcher.compound_parts)
        everything = all_scores(searcher._searcher, parsed)
        some = set(range(0, searcher._reader.doc_count_all(), 3))
        if everything is None:
            assert scores_of(searcher._searcher, parsed, some) is None
            return
        assert scores_of(searcher._searcher, parsed, some) == {doc: everything[doc] for doc in some & everything.keys()}


def test_ranking_agrees_with_whoosh_on_every_xquad_question(tmp_path: Path) -> None:
    """1,190 real German questions (--match any) over 240 Wikipedia passages: the same top 10."""
    from benchmarks.corpora import write_passages, xquad_questions

    shared_path("data", "xquad-de")
    index_dir = tmp_path / "index"
    write_passages(tmp_path / "xquad")
    index_paths(index_dir, [tmp_path / "xquad"])
    phrases = 0
    with Searcher.open(index_dir) as searcher:
        for question in xquad_questions():
            parsed = parse_query(question.text, searcher.schema, match="any", compound_parts=searcher.compound_parts)
            fast = rank_matches(searcher._searcher, parsed, 10)
            assert fast is not None, question.text
            _assert_same_ranking(fast[0], _whoosh_ranking(searcher, parsed, 10))
            phrases += any(isinstance(leaf, Phrase) for leaf in parsed.children()) or isinstance(parsed, Phrase)
    # Questions that quote a name („Happy Days“) search it as a phrase.
    assert phrases == 11


@pytest.fixture(scope="module")
def law_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 law paragraphs: frequent words have posting lists of many blocks."""
    from benchmarks.corpora import write_law_articles

    shared_path("data", "gesetze")
    corpus = tmp_path_factory.mktemp("laws")
    write_law_articles(corpus, 3_000)
    index_dir = tmp_path_factory.mktemp("law-index")
    index_paths(index_dir, [corpus])
    return index_dir


@pytest.fixture(scope="module")
def updated_law_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 3,000 law paragraphs, then a law in the middle shortened and indexed again: its old
    paragraphs are deleted documents inside long posting lists, blocks before and after them not."""
    from benchmarks.corpora import write_law_articles

    shared_path("data", "gesetze")
    corpus = tmp_path_factory.mktemp("laws")
    write_law_articles(corpus, 3_000)
    index_dir = tmp_path_factory.mktemp("updated-law-index")
    index_paths(index_dir, [corpus])
    laws = sorted(corpus.glob("*.txt"), key=lambda law: law.stat().st_size)
    changed = laws[-1]  # the longest: its paragraphs span many blocks of the frequent words
    paragraphs = changed.read_text(encoding="utf-8").split("\n\n")
    changed.write_text("\n\n".join(paragraphs[: len(paragraphs) // 2]) + "\n", encoding="utf-8")
    index_paths(index_dir, [corpus])
    return index_dir


@pytest.mark.parametrize("index_name", ["law_index", "updated_law_index"])
def test_long_posting_lists_agree_with_whoosh(request: pytest.FixtureRequest, index_name: str) -> None:
    """Words, And, Or, phrases and patterns over lists of many blocks: And and phrases skip the
    blocks of a frequent word that hold none of a rarer word's documents.
    On the updated index, only the blocks that hold deleted documents are filtered."""
    from whoosh.query import And, Not, Or, Prefix, Term

    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        if index_name == "updated_law_index":
            assert searcher._reader.doc_count_all() - searcher._reader.doc_count() > 128
        reader = searcher._reader
        by_frequency = sorted(((reader.doc_frequency("text", t), t.decode("utf-8"))
                               for t in reader.lexicon("text")), reverse=True)
        assert by_frequency[0][0] > 8 * 128
        frequent = [word for _, word in by_frequency[:12]]
        rarer = [word for _, word in by_frequency[300:312]]
        queries = [Term("text", word) for word in frequent + rarer]
        queries += [And([Term("text", a), Term("text", b)]) for a, b in zip(frequent, rarer)]
        queries += [Phrase("text", [a, b], slop=slop) for a, b in zip(frequent, frequent[1:]) for slop in (1, 3)]
        queries += [Prefix("text", word[:4], constantscore=False) for word in frequent[:4]]
        # A pattern boosted, and one beside a word.
        queries += [Prefix("text", frequent[4][:3], boost=2.0, constantscore=False),
                    Or([Prefix("text", frequent[5][:3], constantscore=False), Term("text", rarer[0], boost=0.5)])]
        # Or of rare and frequent words, boosted and exact as a question's.
        queries += [Or([Term("text", a), Term("text", b, boost=0.5), Term("text", c), Term("exact", c, boost=0.3)])
                    for a, b, c in zip(rarer, frequent, frequent[3:])]
        # NOT: a frequent word excluded from an Or, and from a word (Whoosh's And with a Not child).
        queries += [AndNot(Or([Term("text", a), Term("text", b)]), Term("text", c))
                    for a, b, c in zip(rarer, frequent, frequent[1:4])]
        queries += [And([Term("text", a), Not(Term("text", b))]) for a, b in zip(frequent[:3], frequent[3:6])]
        found = {}
        for query in queries:
            for limit in (1, 10, None):
                ranked, total = rank_matches(searcher._searcher, query, limit)
                _assert_same_ranking(ranked, _whoosh_ranking(searcher, query, limit))
                assert total == len(list(searcher._searcher.docs_for_query(query)))
            found[type(query).__name__] = found.get(type(query).__name__, 0) + (total > 0)
        assert found == {"Term": 24, "And": found["And"], "Phrase": found["Phrase"], "Prefix": 5, "Or": 10, "AndNot": 3}
        assert found["And"] >= 6 and found["Phrase"] >= 6


@pytest.mark.parametrize("index_name", ["law_index", "updated_law_index"])
@pytest.mark.parametrize("array_min_postings", [0, None], ids=["read-whole", "by-blocks"])
def test_a_pattern_ranked_by_its_frequent_word_agrees_with_whoosh(request: pytest.FixtureRequest,
                                                                   index_name: str, array_min_postings: int | None,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A prefix whose most frequent word has most of its postings is ranked by block-max scoring
    on that word, its other words' paragraphs scored whole (with the frequent word's list read
    whole or the blocks that hold them): the same ranking and count as Whoosh, where the frequent
    word comes first among the pattern's words and where it does not."""
    from whoosh.query import Prefix

    if array_min_postings is not None:
        monkeypatch.setattr(postings, "ARRAY_MIN_POSTINGS", array_min_postings)
        monkeypatch.setattr(postings, "LOADED_ARRAY_MIN_POSTINGS", array_min_postings)
    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        reader = searcher._reader
        lexicon = [term.decode("utf-8") for term in reader.lexicon("text")]
        frequency = {word: reader.doc_frequency("text", word) for word in lexicon}
        first_or_not = {True: [], False: []}  # such prefixes, by whether the frequent word is their first
        for word in sorted(lexicon, key=frequency.__getitem__, reverse=True)[:100]:
            for length in range(3, len(word) + 1):
                words = [other for other in lexicon if other.startswith(word[:length])]
                rest = sum(map(frequency.__getitem__, words)) - frequency[word]
                if max(words, key=frequency.__getitem__) == word and 0 < rest \
                        and frequency[word] >= postings.PATTERN_BLOCK_MAX_RATIO * rest:
                    first_or_not[words[0] == word].append(word[:length])
                    break
        assert len(first_or_not[True]) >= 5 and len(first_or_not[False]) >= 3
        prefixes = first_or_not[True][:5] + first_or_not[False][:3]
        for query in [Prefix("text", prefix, constantscore=False) for prefix in prefixes] \
                + [Prefix("text", prefixes[-1], boost=2.0, constantscore=False)]:
            for limit in (1, 10):
                ranked, total = rank_matches(searcher._searcher, query, limit)
                _assert_same_ranking(ranked, _whoosh_ranking(searcher, query, limit))
                assert total == len(list(searcher._searcher.docs_for_query(query)))


@pytest.mark.parametrize("index_name", ["law_index", "updated_law_index"])
def test_matching_among_documents_at_block_boundaries(request: pytest.FixtureRequest, index_name: str) -> None:
    """Asked of a few documents, a word with a list of many blocks reads only the blocks that
    would hold them, and a pattern reads its short lists whole: each block's last document and
    those beside it, a few at a time and all at once, match as Whoosh says."""
    from whoosh.query import Prefix, Term

    from indexer.engine.postingblocks import PostingList

    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        reader = searcher._reader
        frequent = [t.decode("utf-8") for _, t in sorted(((reader.doc_frequency("text", t), t)
                                                          for t in reader.lexicon("text")), reverse=True)[:3]]
        boundaries: set[int] = set()
        for subsearcher, offset in postings.segments(searcher._searcher):
            for word in frequent:
                if ("text", word) in subsearcher.reader():
                    for header in PostingList.from_reader(subsearcher.reader(), "text", word).headers:
                        boundaries.update(offset + header[1] + step for step in (-1, 0, 1))
        boundaries &= set(range(reader.doc_count_all()))
        assert len(boundaries) > 3 * 8
        ordered = sorted(boundaries)
        for query in [Term("text", word) for word in frequent] + [Prefix("text", word[:4]) for word in frequent]:
            expected = set(searcher._searcher.docs_for_query(query))
            matching = Matching(searcher._searcher, query)
            for start in range(0, len(ordered), 4):
                some = set(ordered[start:start + 4])
                assert matching.among(some) == expected & some, (query, sorted(some))
            assert Matching(searcher._searcher, query).among(boundaries) == expected & boundaries


def _ranked_both_ways(searcher: Searcher, query, limit: int, monkeypatch: pytest.MonkeyPatch):
    """``rank_matches`` with long posting lists read whole with numpy and block by block (a
    dictionary): asserted equal to the last bit, and returned."""
    from queries import postings

    ways = []
    for array_min_postings in (0, 10**9):
        monkeypatch.setattr(postings, "ARRAY_MIN_POSTINGS", array_min_postings)
        monkeypatch.setattr(postings, "LOADED_ARRAY_MIN_POSTINGS", array_min_postings)
        ways.append(rank_matches(searcher._searcher, query, limit))
    numpy_way, dictionary_way = ways
    assert numpy_way == dictionary_way
    return numpy_way


@pytest.mark.parametrize("index_name", ["law_index", "updated_law_index"])
def test_or_of_rare_and_frequent_words_agrees_with_whoosh(request: pytest.FixtureRequest, index_name: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Ors of words of every frequency, as --match any questions give, scored whole with numpy
    (long lists) and in a dictionary (short ones): Whoosh's ranking, and the same scores to the
    last bit either way (deleted paragraphs left out by both)."""
    from whoosh.query import Or, Term

    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        reader = searcher._reader
        by_frequency = [t for _, t in sorted(((reader.doc_frequency("text", t), t.decode("utf-8"))
                                              for t in reader.lexicon("text")), reverse=True)]
        exact = max(reader.lexicon("exact"), key=lambda t: reader.doc_frequency("exact", t)).decode("utf-8")
        queries = [Or([Term("text", by_frequency[rank + shift]) for rank in (400, 150, 40, 41, 12, 13)])
                   for shift in range(0, 60, 3)]
        # Boosted, with an exact form: a question's Or.
        queries.append(Or([Term("text", by_frequency[5]), Term("text", by_frequency[60], boost=0.5),
                           Term("exact", exact, boost=0.3)], boost=2.0))
        for query in queries:
            for limit in (1, 3, 10):
                ranked, total = _ranked_both_ways(searcher, query, limit, monkeypatch)
                _assert_same_ranking(ranked, _whoosh_ranking(searcher, query, limit))
                assert total == len(list(searcher._searcher.docs_for_query(query)))


@pytest.mark.parametrize("index_name", ["law_index", "updated_law_index"])
def test_and_of_frequent_words_agrees_with_whoosh(request: pytest.FixtureRequest, index_name: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Ands of two and three frequent words, boosted, with a NOT beside them, scored
    whole with numpy (the rarest word's list long) and word by word in dictionaries: Whoosh's
    ranking, and the same scores to the last bit either way."""
    from whoosh.query import And, Not, Term

    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        reader = searcher._reader
        by_frequency = [t for _, t in sorted(((reader.doc_frequency("text", t), t.decode("utf-8"))
                                              for t in reader.lexicon("text")), reverse=True)]
        queries = [And([Term("text", by_frequency[a + shift]), Term("text", by_frequency[b + shift])])
                   for a, b in ((0, 1), (2, 40), (5, 150)) for shift in range(0, 12, 3)]
        queries += [And([Term("text", by_frequency[shift]), Term("text", by_frequency[shift + 7], boost=0.5),
                         Term("text", by_frequency[shift + 30], boost=0.3)]) for shift in (1, 4)]
        queries += [And([Term("text", by_frequency[3]), Term("text", by_frequency[9]),
                         Not(Term("text", by_frequency[2]))])]
        for query in queries:
            for limit in (1, 3, 10):
                ranked, total = _ranked_both_ways(searcher, query, limit, monkeypatch)
                _assert_same_ranking(ranked, _whoosh_ranking(searcher, query, limit))
                assert total == len(list(searcher._searcher.docs_for_query(query)))


@pytest.mark.parametrize("index_name", ["law_index", "updated_law_index"])
def test_adjacent_words_agree_both_ways_and_with_whoosh(request: pytest.FixtureRequest, index_name: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Phrases of two adjacent words, the commonest pairs of the law paragraphs (stems and words
    as written), read whole with numpy (long lists) and block by block: the same paragraphs and
    scores to the last bit, as Whoosh's."""
    from collections import Counter

    with Searcher.open(request.getfixturevalue(index_name)) as searcher:
        pairs: Counter = Counter()
        for docnum in range(0, 600):
            text = searcher._record(docnum)["text"]
            for fieldname in ("text", "exact"):
                tokens = [(t.pos, t.text) for t in searcher.schema[fieldname].analyzer(text, positions=True)]
                pairs.update((fieldname, a, b) for (p, a), (q, b) in zip(tokens, tokens[1:]) if q == p + 1 and a != b)
        phrases = [Phrase(fieldname, [a, b]) for (fieldname, a, b), _ in pairs.most_common(12)]
        assert {phrase.fieldname for phrase in phrases} == {"text", "exact"}
        for phrase in phrases:
            ranked, total = _ranked_both_ways(searcher, phrase, 10, monkeypatch)
            assert total > 20
            _assert_same_ranking(ranked, _whoosh_ranking(searcher, phrase, 10))
            assert total == len(list(searcher._searcher.docs_for_query(phrase)))


def test_a_search_reads_each_posting_list_once(law_index: Path) -> None:
    """Inside shared_posting_blocks (one search) a term's list is read once and each block decoded
    once, whatever reads it; the next search reads afresh."""
    from queries.postings import _posting_blocks, _PostingBlocks, segments, shared_posting_blocks

    with Searcher.open(law_index) as searcher:
        reader = segments(searcher._searcher)[0][0].reader()
        word = max(reader.lexicon("text"), key=lambda t: reader.doc_frequency("text", t)).decode("utf-8")
        with shared_posting_blocks():
            blocks = _PostingBlocks.read(reader, "text", word)
            assert len(blocks.headers) > 8 and _PostingBlocks.read(reader, "text", word.encode("utf-8")) is blocks
            first = list(_posting_blocks(reader, "text", word, values=True))
            again = list(_posting_blocks(reader, "text", word, within={first[3][0][0]}, whole_blocks=True))
            assert again[0][0] is first[3][0]
            # Ranking and highlighting with the shared lists leave them as they were.
            searcher.search(word, limit=5)
            assert list(_posting_blocks(reader, "text", word, values=True)) == first
        assert _PostingBlocks.read(reader, "text", word) is not blocks


def test_a_search_keeps_a_bounded_number_of_decoded_blocks(law_index: Path) -> None:
    """Past its budget a search decodes blocks again instead of keeping them (a pattern of
    thousands of words would otherwise hold all its postings)."""
    from queries.postings import _SHARED_BLOCKS, _posting_blocks, segments, shared_posting_blocks

    with Searcher.open(law_index) as searcher:
        reader = segments(searcher._searcher)[0][0].reader()
        word = max(reader.lexicon("text"), key=lambda t: reader.doc_frequency("text", t)).decode("utf-8")
        with shared_posting_blocks():
            _SHARED_BLOCKS.get().blocks_left = 2
            first = list(_posting_blocks(reader, "text", word))
            again = list(_posting_blocks(reader, "text", word))
            assert [(ids, list(weights)) for ids, weights, _ in again] == [
                (ids, list(weights)) for ids, weights, _ in first]
            assert [a[0] is b[0] for a, b in zip(first, again)] == [True, True] + [False] * (len(first) - 2)


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles a minute, a day and years apart, one without a date, in two updates (two segments)."""
    import json

    corpus, index = tmp_path_factory.mktemp("dated"), tmp_path_factory.mktemp("dated-index")
    moments = ["2019-12-31T23:59", "2020-01-01T00:00", "2020-01-01T00:01", "2020-06-15", "2021-03", None]
    for batch in (moments[:3], moments[3:]):
        for moment in batch:
            article = {"title": "Haushalt", "text": ["Der Haushalt wurde beschlossen."]}
            if moment:
                article["date"] = moment
            (corpus / f"{moment or 'ohne'}.json".replace(":", "-")).write_text(json.dumps(article), encoding="utf-8")
        index_paths(index, [corpus])
    return index


@pytest.mark.parametrize(("since", "until"), [
    (datetime(2020, 1, 1), None),
    (None, datetime(2019, 12, 31, 23, 59, 59, 999999)),
    (datetime(2020, 1, 1), datetime(2020, 1, 1, 0, 0, 59, 999999)),
    (datetime(2019, 12, 31, 23, 59, 30), datetime(2020, 1, 1, 0, 0, 30)),
    (datetime(2020, 1, 1, 0, 1), datetime(2020, 1, 1, 0, 1)),
    (datetime(2020, 2, 1), datetime(2021, 12, 31)),
    (datetime(2030, 1, 1), None),
])
def test_date_ranges_match_on_the_column_as_on_the_field(dated_index: Path, since, until) -> None:
    """A date range is matched on the ``published_order`` column: the same paragraphs as Whoosh's
    range over the ``published`` field's terms, boundaries and undated articles included."""
    from whoosh.query import DateRange

    from queries.postings import matching_docs

    with Searcher.open(dated_index) as searcher:
        whoosh = searcher._searcher
        expected = sorted(DateRange("published", since, until).docs(whoosh))
        found = matching_docs(whoosh, parse_query("Haushalt", whoosh.schema), DateRange("published", since, until))
        assert found == expected


@pytest.mark.parametrize(("rarest", "other", "whole"), [
    (4505, 56254, True),  # verordn AND inkrafttret at 1M: nearly every block of verordn holds one
    (100, 200_000, False),  # a rare word AND gesetz: a hundred of gesetz's 1,563 blocks
    (40, 60, False),  # too few postings to pay for numpy's arrays the size of the segment
])
def test_an_and_is_read_whole_where_its_blocks_would_nearly_all_be_decoded_one_at_a_time(
        rarest: int, other: int, whole: bool) -> None:
    import numpy  # noqa: F401 (loaded: the rule is for a process that has it)

    assert postings._whole_lists_pay([rarest, other]) is whole


@pytest.mark.parametrize("word", ["putin", "waff", "ukrain"])
def test_postings_of_a_list_read_whole_are_looked_up_as_decoded(updated_index: Path, word: str) -> None:
    """Within a search, a list read whole (a question's words) gives the postings of a few documents
    (its hits' neighbours) from its arrays: the same ids and weights as decoding its blocks,
    deleted documents left out."""
    with Searcher.open(updated_index) as searcher:
        for subsearcher, _offset in postings.segments(searcher._searcher):
            reader = subsearcher.reader()
            if ("text", word) not in reader:
                continue
            every = set(range(reader.doc_count_all()))
            for docs in (every, set(range(0, reader.doc_count_all(), 3)), {reader.doc_count_all() - 1}, set()):
                decoded = [posting for ids, weights, _ in postings._posting_blocks(reader, "text", word, within=docs)
                           for posting in zip(ids, weights)]
                with postings.shared_posting_blocks():
                    postings._word_arrays(reader, "text", word, postings._live_documents(reader))
                    assert postings._PostingBlocks.read(reader, "text", word).whole is not None
                    looked_up = [posting for ids, weights, _ in postings._posting_blocks(reader, "text", word,
                                                                                          within=docs)
                                 for posting in zip(ids, weights)]
                assert looked_up == decoded
