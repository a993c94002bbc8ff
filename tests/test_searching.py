"""Searching the seed index: the acceptance queries, ranking data, highlights, plain-data hits."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer import IndexNotFoundError, QueryError, index_paths
from queries import Searcher, search

from .conftest import SEED_FILE, SEED_PATH


def paragraphs(index_dir: Path, query: str, **kw) -> list[int]:
    return sorted(hit.paragraph for hit in search(index_dir, query, limit=None, **kw).hits)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Waffenlieferung", [2, 3, 4]),
        ("Lieferung", [2, 3, 4, 8]),
        ("Lieferungen", [2, 3, 4, 8]),
        ("Ministerium", [5, 6]),
        ('"Lieferungen an die Ukraine"', [3, 4]),
        ('"Waffen in andere Regionen"', [2]),
        ("Aussenministerium", [5, 6]),
        ("Außenministerium", [5, 6]),
        ("Praesident", [1, 2, 3, 6, 8]),
        ("Kartoffelsalat", []),
        ('"Waffenlieferung an die Ukraine"', [3, 4]),
        ("Pjoengjang", [2]),
        ("US-Aussenministerium", [5]),
        ("Waffenliefer*", [2, 3, 4]),
        ("Präsid*", [1, 2, 3, 6, 8]),
        ('exact:"Waffenlieferungen an Nordkorea"', [2]),
        ('exact:"Waffenlieferung an Nordkorea"', []),
        ("exact:Lieferung", [8]),
        ('"Putin Pjöngjang"~5', [2]),
        ('"Putin Pjöngjang"', []),
        ("Miller OR Seoul", [4, 5, 6, 9]),
        ("Waffenlieferung NOT Ukraine", [2]),
        ("(Miller OR Seoul) Ukraine", [4, 5, 9]),
        ("heading:besorgt", [5, 6]),
        ('heading:"Putin droht"', [7, 8, 9]),
        ("title:Nordkorea Kiew", [3]),
        (f"path:{SEED_PATH} Kiew", [3]),
        ("published:2024-06-21 Kiew", [3]),
        ("published:[2024-06-01 TO 2024-06-30] Kiew", [3]),
        ("published:2023 Kiew", []),
        ("Putin?", [1, 2, 3, 7, 8]),
        ("Wer ist Putin?", []),
    ],
)
def test_seed_queries(seed_index: Path, query: str, expected: list[int]) -> None:
    assert paragraphs(seed_index, query) == expected


def test_match_any_ranks_paragraphs_with_more_matching_words_first(seed_index: Path) -> None:
    result = search(seed_index, "Wer ist der Sprecher des US-Außenministeriums?", match="any")
    assert result.hits[0].paragraph == 5
    assert {h.paragraph for h in result.hits} >= {5, 6}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Putin: ¶1 2 3 7 8; Miller: ¶5 6; Pjöngjang: ¶2.
        ("Putin Miller NOT Pjöngjang", [1, 3, 5, 6, 7, 8]),
        ("Putin NOT Miller", [1, 2, 3, 7, 8]),
        ("NOT Putin", [4, 5, 6, 9]),
    ],
)
def test_not_in_match_any_excludes_paragraphs(seed_index: Path, query: str, expected: list[int]) -> None:
    assert paragraphs(seed_index, query, match="any") == expected


@pytest.mark.parametrize(("prefix", "words"), [("Waffen*", ["Waffen", "Waffenlieferungen"]),
                                              ("Lieferungen*", ["Lieferungen"]), ("Präsidenten*", ["Präsident"])])
def test_a_prefix_finds_the_word_it_spells(seed_index: Path, prefix: str, words: list[str]) -> None:
    """The index holds stems: Waffen (waff) is no stem beginning with "waffen", yet Waffen* must find it."""
    expected = set().union(*(paragraphs(seed_index, word) for word in words))
    assert expected and expected <= set(paragraphs(seed_index, prefix))


@pytest.mark.parametrize(("pattern", "word", "match"), [("Waffenlieferung?n", "Waffenlieferungen", "all"),
                                                     ("M?ller", "Miller", "all"), ("Präsident?n", "Präsidenten", "all"),
                                                     ("Wer ist M?ller", "Miller", "any")])
def test_a_wildcard_finds_the_words_it_spells(seed_index: Path, pattern: str, word: str, match: str) -> None:
    """The stems have lost their endings (Miller: mill), so M?ller matched no stem: it also
    matches the words as written, and marks them."""
    hits = search(seed_index, pattern, limit=None, match=match).hits
    assert {h.paragraph for h in hits} == set(paragraphs(seed_index, f"exact:{word}"))
    assert all(word in [h.text[start:end] for start, end in h.highlights] for h in hits)


def test_hit_is_plain_data_with_citation_and_metadata(seed_index: Path) -> None:
    (hit,) = search(seed_index, "Matthew").hits
    assert hit.path == SEED_PATH and hit.paragraph == 5
    assert hit.citation == f"{SEED_PATH} ¶5"
    assert hit.title == 'Russischer Präsident Putin "Waffenlieferungen an Nordkorea sind möglich"'
    assert hit.published == "2024-06-21T09:28"
    assert hit.heading == "USA zeigen sich besorgt"
    assert hit.text.startswith("Der Sprecher des US-Außenministeriums, Matthew Miller")
    assert hit.score > 0 and hit.rank == 1


def test_every_paragraph_has_published_and_the_right_heading(seed_index: Path) -> None:
    hits = search(seed_index, f"path:{SEED_PATH}", limit=None).hits
    assert sorted(h.paragraph for h in hits) == list(range(1, 10))
    for hit in hits:
        assert hit.published == "2024-06-21T09:28"
        expected = {5: "USA zeigen sich besorgt", 6: "USA zeigen sich besorgt"}.get(hit.paragraph)
        if hit.paragraph >= 7:
            expected = "Putin droht Südkorea"
        assert hit.heading == expected


def highlighted(hit) -> list[str]:
    return [hit.text[s:e] for s, e in hit.highlights]


def test_highlights_mark_matched_word_forms(seed_index: Path) -> None:
    result = search(seed_index, "Praesident")
    by_paragraph = {h.paragraph: highlighted(h) for h in result.hits}
    assert by_paragraph[1] == ["Präsident"]
    assert by_paragraph[6] == ["Präsidenten"]


def test_highlights_for_prefix_exact_and_hyphenated(seed_index: Path) -> None:
    assert highlighted(search(seed_index, "Waffenliefer*").hits[0]) == ["Waffenlieferungen"] * len(
        search(seed_index, "Waffenliefer*").hits[0].highlights
    )
    (hit,) = search(seed_index, 'exact:"Waffenlieferungen an Nordkorea"').hits
    assert highlighted(hit) == ["Waffenlieferungen", "an", "Nordkorea", "Nordkorea"]
    (hit,) = search(seed_index, "US-Aussenministerium").hits
    assert highlighted(hit)[:2] == ["US", "Außenministeriums"]


def test_highlights_mark_compounds_by_the_part_the_query_named(seed_index: Path) -> None:
    by_paragraph = {h.paragraph: highlighted(h) for h in search(seed_index, "Lieferung").hits}
    assert by_paragraph[2] == ["Waffenlieferungen"]
    assert "Lieferung" in by_paragraph[8]


@pytest.mark.parametrize("query", ["Putin", "Lieferung", "Miller OR Seoul", 'exact:"an Nordkorea"', "Präsid*"])
def test_highlights_are_the_same_in_every_segment(seed_index: Path, updated_index: Path, query: str) -> None:
    """The three-copy index (several segments, deleted documents) marks the same words as the seed index."""
    expected = {h.paragraph: highlighted(h) for h in search(seed_index, query, limit=None).hits}
    hits = search(updated_index, query, limit=None).hits
    assert hits and all(highlighted(h) == expected[h.paragraph] for h in hits)


def test_a_pattern_is_highlighted_in_each_segment_by_its_words_there(tmp_path: Path) -> None:
    """A pattern's words are found segment by segment: a hit in a later segment is marked by the
    words of that segment, also those the first does not have."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Bericht\n\nDie Präsidentin sprach.\n\nDer Präsident schwieg.\n", encoding="utf-8")
    index_paths(index, [corpus])
    (corpus / "b.txt").write_text("Bericht\n\nDas Präsidium tagte.\n\nDer Präsident kam.\n", encoding="utf-8")
    index_paths(index, [corpus])
    with Searcher.open(index) as searcher:
        assert len(searcher._reader.leaf_readers()) == 2
    hits = search(index, "Präsid*", limit=None).hits
    assert sorted((Path(hit.path).name, hit.paragraph, tuple(highlighted(hit))) for hit in hits) == [
        ("a.txt", 1, ("Präsidentin",)), ("a.txt", 2, ("Präsident",)),
        ("b.txt", 1, ("Präsidium",)), ("b.txt", 2, ("Präsident",))]


@pytest.mark.parametrize(("pattern", "words"), [("Waffenliefer*", "Waffenlieferung OR Waffenlieferungen"),
                                                  ("Präsid*", "Präsident OR Präsidenten")])
def test_patterns_rank_like_the_words_they_stand_for(seed_index: Path, pattern: str, words: str) -> None:
    """Whoosh scores every paragraph a pattern matches alike (index order); here the words count."""
    by_pattern = search(seed_index, pattern, limit=None).hits
    by_words = search(seed_index, words, limit=None).hits
    assert [(h.paragraph, h.score) for h in by_pattern] == [(h.paragraph, h.score) for h in by_words]
    assert len({h.score for h in by_pattern}) > 1


def test_limit_and_total(seed_index: Path) -> None:
    result = search(seed_index, "Praesident", limit=2)
    assert len(result.hits) == 2 and result.total == 5
    assert [h.rank for h in result.hits] == [1, 2]
    assert result.hits[0].score >= result.hits[1].score


def test_searcher_serves_many_queries(seed_index: Path) -> None:
    with Searcher.open(seed_index) as searcher:
        assert [len(searcher.search(q).hits) for q in ("Putin", "Seoul", "Kartoffelsalat")] == [5, 2, 0]


def test_bad_query_raises_query_error(seed_index: Path) -> None:
    with pytest.raises(QueryError):
        search(seed_index, '"Waffen')


def test_missing_index_raises(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError, match="no index at"):
        search(tmp_path / "nothing", "Putin")


@pytest.fixture(scope="module")
def spelling_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spelling") / "schule"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Schule\n\nDie Lehrerinnen streiken.\n\nEin Lehrer sagt, daß er mitmacht.\n\n"
        "Die Schiffahrt auf dem Rhein ruht.\n\nAlle Schüler:innen haben frei.\n\n"
        "Die Kolleg*innen streiken heute.\n\nDie Kollegen sind dabei.\n\nÄrzt*innen warnen.\n\n"
        "Die Ärzte warnen auch.", encoding="utf-8")
    index_dir = folder.parent / "index"
    from indexer import index_paths

    index_paths(index_dir, [folder])
    return index_dir


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Lehrer*innen", [1, 2]),
        ("Lehrer:innen", [1, 2]),
        ("Lehrer_innen", [1, 2]),
        ("LehrerInnen", [1, 2]),
        ("Lehrerin", [1, 2]),
        ("Lehrer", [1, 2]),
        ("Schülerinnen", [4]),
        ("Schüler", [4]),
        ('"sagt dass"', [2]),
        ("Schifffahrt", [3]),
        ("Schiffahrt", [3]),
        ('exact:Lehrer', [2]),
        # The exact field has the words as written: a gender form only where it was written so.
        ("exact:Schüler:innen", [4]),
        ('exact:"Schüler:innen haben"', [4]),
        ("exact:Schülerinnen", []),
        ("exact:Lehrer*innen", []),
        ("exact:Lehrerinnen", [1]),
        # Where the feminine form stems apart from the base word, a gender form stands for both.
        ("Kolleg*innen", [5, 6]),
        ("Kollegen", [5, 6]),
        ("Kolleginnen", [5]),
        ('"Kolleg*innen streiken"', [5]),
        ('"Kolleg*innen dabei"', [6]),  # a phrase of the base form (sind: a stop word)
        ('"Kollegen streiken"', [5]),
        ("exact:Kolleg*innen", [5]),
        ("Ärzt*innen", [7, 8]),
        ("ÄrztInnen", [7, 8]),
        ("Ärzte", [7, 8]),
        ("Ärztinnen", [7]),
    ],
)
def test_gender_forms_and_old_spelling(spelling_index: Path, query: str, expected: list[int]) -> None:
    assert paragraphs(spelling_index, query) == expected


@pytest.fixture(scope="module")
def s_forms_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Words whose plural or genitive s the stemmer keeps (after a vowel or p), and Haus; Latin
    plurals (Ministerien), and Studie beside Studium (both Studien)."""
    folder = tmp_path_factory.mktemp("s-forms") / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Autos im Handel\n\n"
        "Trumps Zölle treffen Chinas Hersteller.\n\n"         # 1
        "Trump droht China mit neuen Zöllen.\n\n"                # 2
        "Neue Autos kosten mehr, die Fotos zeigen es.\n\n"      # 3
        "Ein Auto und ein Foto aus Kiew.\n\n"                    # 4
        "Das Haus steht leer.\n\n"                               # 5
        "Im Haus wohnt niemand mehr.\n\n"                        # 6
        "Vor dem Haus hauen sie Holz.\n\n"                        # 7
        "Das Ministerium prüft die Zahlen.\n\n"                   # 8
        "Beide Ministerien schweigen.\n\n"                        # 9
        "Eine neue Studie erscheint.\n\n"                         # 10
        "Sein Studium dauert lange.", encoding="utf-8")           # 11
    index_dir = folder.parent / "index"
    from indexer import index_paths

    index_paths(index_dir, [folder])
    return index_dir


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Trump", [1, 2]), ("Trumps", [1, 2]), ("China", [1, 2]), ("Chinas", [1, 2]),
        ("Auto", [3, 4]), ("Autos", [3, 4]), ("Fotos", [3, 4]), ('"neue Auto"', [3]), ('"Trump Zölle"', [1]),
        ("Autos NOT Foto", []), ("title:Auto", list(range(1, 12))),
        # Haus (three paragraphs) is no plural of hau (hauen, one): the s stays a letter.
        ("Haus", [5, 6, 7]), ("hauen", [7]),
        ("exact:Autos", [3]),
        # The plural of a Latin noun: the stemmer cuts -en from Ministerien, not -um from Ministerium.
        ("Ministerium", [8, 9]), ("Ministerien", [8, 9]), ("Studie", [10]), ("Studium", [11]),
    ],
)
def test_an_s_ending_the_stemmer_keeps_still_finds_the_other_form(s_forms_index: Path, query: str,
                                                                   expected: list[int]) -> None:
    """Snowball strips a final s only after b, d, f, g, h, k, l, m, n, r, t: Trumps, Chinas,
    Autos, Fotos were other words than Trump, China, Auto, Foto; and Ministerien than Ministerium."""
    assert paragraphs(s_forms_index, query) == expected


def test_the_other_form_is_highlighted(s_forms_index: Path) -> None:
    hits = {hit.paragraph: hit for hit in search(s_forms_index, "Trump China").hits}
    assert [hits[1].text[start:end] for start, end in hits[1].highlights] == ["Trumps", "Chinas"]


def test_searching_never_loads_the_compound_word_list(seed_index: Path) -> None:
    """The splitter's word list (wordfreq, ~1 s and 100 MB) is for indexing only: searches,
    highlights and --match any questions must not load it."""
    import subprocess
    import sys

    script = f"""
import sys
from queries import Searcher
with Searcher.open({str(seed_index)!r}) as searcher:
    for query, match in [("Lieferung", "all"), ("Waffenlieferung Ukraine", "all"), ("Putin", "all"),
                         ("Wer liefert Waffen an Nordkorea?", "any"), ("Kartoffelsalat", "all")]:
        searcher.search(query, match=match, context=1)
import indexer.german.wordlist
print("wordfreq" in sys.modules, indexer.german.wordlist.word_list.cache_info().currsize > 0)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# Paragraph scoring (TEXT_B, K1): a paragraph's length barely counts. A long report that names the
# word twice is about it; a one-line mention is not more so for being short.
COIN_REPORT = """Auktion in München

Die Goldmünze aus dem Schatzfund von 1911 wurde am Samstag im Auktionshaus am Odeonsplatz \
versteigert. Sammler aus Wien, Zürich und New York boten über das Telefon mit, im Saal saßen mehr \
als zweihundert Gäste. Nach zwanzig Minuten fiel der Hammer bei einem Preis, der das Dreifache der \
Schätzung betrug. Der Käufer, ein Museum aus Norddeutschland, will die Goldmünze im kommenden \
Frühjahr in einer Ausstellung über den Handel im Mittelalter zeigen, gemeinsam mit Urkunden, \
Siegeln und Waagen aus derselben Zeit, die bisher in keinem Katalog verzeichnet waren.
"""
COIN_NOTE = "Kurz gemeldet\n\nEine Goldmünze wurde gefunden.\n"


def _coin_order(folders: list[Path], index_dir: Path) -> list[str]:
    from indexer import index_paths

    index_paths(index_dir, folders)
    return [Path(hit.path).name for hit in search(index_dir, "Goldmünze", highlight=False).hits]


def test_more_mentions_outrank_a_shorter_paragraph_whatever_else_is_indexed(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "auktion.txt").write_text(COIN_REPORT, encoding="utf-8")
    (news / "meldung.txt").write_text(COIN_NOTE, encoding="utf-8")
    assert _coin_order([news], tmp_path / "news-index") == ["auktion.txt", "meldung.txt"]
    # 300 short paragraphs without the word lower the average length: with Whoosh's b = 0.75 (or
    # the b = 0.3 used before) the long report fell behind the note.
    laws = tmp_path / "laws"
    laws.mkdir()
    for number in range(30):
        (laws / f"law-{number}.txt").write_text(
            f"Verordnung {number}\n\n" + "\n\n".join(f"Die Frist beträgt {days} Tage." for days in range(10)),
            encoding="utf-8")
    assert _coin_order([news, laws], tmp_path / "mixed-index") == ["auktion.txt", "meldung.txt"]


def test_length_decides_between_paragraphs_that_name_the_word_equally_often(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "auktion.txt").write_text(COIN_REPORT.replace("die Goldmünze im", "sie im"), encoding="utf-8")
    (news / "meldung.txt").write_text(COIN_NOTE, encoding="utf-8")
    assert _coin_order([news], tmp_path / "index") == ["meldung.txt", "auktion.txt"]


def test_date_sort_reads_every_segment(updated_index: Path) -> None:
    """Several segments, deleted paragraphs: the dates are read per segment, in document order."""
    with Searcher.open(updated_index) as searcher:
        by_date = searcher.search("Putin", sort="date", limit=None, collapse=False)
        by_relevance = searcher.search("Putin", limit=None, collapse=False)
        assert by_date.total == by_relevance.total == len(by_date.hits) == 10
        assert sorted(h.citation for h in by_date.hits) == sorted(h.citation for h in by_relevance.hits)
        column = searcher._reader.column_reader("published_order")
        assert list(searcher._published_orders()) == [column[d] for d in range(searcher._reader.doc_count_all())]


@pytest.mark.parametrize(
    ("text", "query"),
    [("Die Materialien wurden geprüft.", "Material"), ("Das Material wurde geprüft.", "Materialien"),
     ("Drei Themen bestimmten den Gipfel.", "Thema"), ("Die Prinzipien der Stiftung.", "Prinzip"),
     ("Die Firmen klagen.", "Firma")],
)
def test_a_loanword_finds_its_other_number_in_an_archive_without_it(tmp_path: Path, text: str, query: str) -> None:
    # The word list, not the archive, says that Material and Materialien are one word.
    (tmp_path / "a.txt").write_text(f"Titel\n\n{text}", encoding="utf-8")
    index_paths(tmp_path / "index", [tmp_path / "a.txt"])
    assert paragraphs(tmp_path / "index", query) == [1]


@pytest.mark.parametrize(("text", "query"), [("Urlaub in Spanien.", "Span"), ("Die Viren breiten sich aus.", "Virus"),
                                             ("Die Kosten steigen.", "Kosta")])
def test_words_that_only_look_like_another_number_stay_apart(tmp_path: Path, text: str, query: str) -> None:
    (tmp_path / "a.txt").write_text(f"Titel\n\n{text}", encoding="utf-8")
    index_paths(tmp_path / "index", [tmp_path / "a.txt"])
    assert paragraphs(tmp_path / "index", query) == []


@pytest.mark.parametrize(("query", "expected"), [
    ("speaker:Putin", [2, 7, 8]),
    ("speaker:putin", [2, 7, 8]),
    ("speaker:Miller", [5, 6]),
    ("quote:Fehler", [8]),
    ('quote:"schwerer Fehler"', [8]),
    ("quote:Vietnam", []),  # in paragraph 2, but outside its quotation
    ("speaker:Putin quote:Waffen", [2, 8]),
    ("speaker:Pjöngjang", []),
])
def test_quotes_and_speakers(seed_index: Path, query: str, expected: list[int]) -> None:
    assert paragraphs(seed_index, query) == expected


def test_a_hit_lists_its_quotations_and_highlights_the_speaker(seed_index: Path) -> None:
    (hit,) = search(seed_index, "speaker:Putin quote:Fehler").hits
    assert [(quote.text[:29], quote.speaker) for quote in hit.quotes] == [
        ("Die Lieferung tödlicher Waffe", "Putin"), ("angemessenen Entscheidung", None)]
    assert [hit.text[start:end] for start, end in hit.highlights] == ["Fehler", "Putin"]
    assert hit.as_dict()["quotes"][1] == {"text": "angemessenen Entscheidung", "speaker": None}


def test_trend_counts_what_the_records_say(tmp_path: Path) -> None:
    """Trend counts from the index's columns (each article's own day, its paragraphs one after
    another) what the matching paragraphs' records give: over several segments, with an article
    changed (its old paragraphs deleted), a date in another zone near midnight, and undated."""
    import json
    from collections import Counter

    from indexer.german.dates import iso_moment
    from queries.trend import period_name

    corpus = tmp_path / "archiv"
    corpus.mkdir()
    paragraphs = SEED_FILE.read_text(encoding="utf-8").split("\n\n")[1:]
    dates = ["2024-06-21T09:28:00+02:00", "2024-07-01T00:30:00+02:00", "2024-06-30T23:30:00-05:00", "2024-08",
             "2024-12-30"]
    lines = [json.dumps({"title": f"Meldung {n}", "date": day, "text": paragraphs[n:n + 3]}, ensure_ascii=False)
             for n, day in enumerate(dates)]
    (corpus / "dpa.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index_paths(tmp_path / "index", [corpus])
    (corpus / "notiz.txt").write_text("Notiz\n\nPutin und die Waffenlieferungen.\n\nPutin in Pjöngjang.",
                                      encoding="utf-8")
    index_paths(tmp_path / "index", [corpus])
    (corpus / "dpa.jsonl").write_text("\n".join([lines[0].replace("Putin", "Kim"), *lines[1:]]) + "\n",
                                      encoding="utf-8")
    index_paths(tmp_path / "index", [corpus])
    with Searcher.open(tmp_path / "index") as searcher:
        for query in ("Putin", "Waffenlieferungen", "Nordkorea", "Kim"):
            hits = searcher.search(query, limit=None, collapse=False, highlight=False).hits
            assert hits
            for by in ("week", "month", "year"):
                trend = searcher.trend(query, by)
                dated = [(period_name(iso_moment(hit.published).date(), by), hit.path) for hit in hits if hit.published]
                counted = {count.period: (count.paragraphs, count.articles)
                           for count in trend.periods if count.paragraphs}
                assert counted == {period: (paragraphs, len({path for name, path in dated if name == period}))
                                   for period, paragraphs in Counter(name for name, _path in dated).items()}
                assert trend.undated == sum(1 for hit in hits if not hit.published)
