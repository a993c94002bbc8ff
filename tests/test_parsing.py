"""Query parsing: every query form, and every way a query is rejected."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from indexer import QueryError, build_schema
from queries.parsing import MatchMode, parse_query, prepare_query_text

SCHEMA = build_schema()


@pytest.mark.parametrize(
    ("query", "parsed"),
    [
        ("Waffenlieferung", "text:waffenliefer"),
        ("Waffenlieferung Ukraine", "(text:waffenliefer AND text:ukrain)"),
        ('"Waffen in andere Regionen"', 'text:"waff region"'),
        ("„Waffen in andere Regionen“", 'text:"waff region"'),
        ("Putin OR Miller", "(text:putin OR text:mill)"),
        ("Putin NOT Ukraine", "(text:putin AND NOT text:ukrain)"),
        ("(Putin OR Miller) Südkorea", "((text:putin OR text:mill) AND text:sudkorea)"),
        ("title:Nordkorea", "title:nordkorea"),
        ("heading:besorgt", "heading:besorgt"),
        ('exact:"Waffenlieferungen an Nordkorea"', 'exact:"waffenlieferungen an nordkorea"'),
        # A prefix also matches the word it spells, as a stem (waffenliefer -> waffenlief: no word,
        # so nothing more; Waffen* -> also waff, the stem of Waffen itself).
        ("Waffenliefer*", "(text:waffenliefer* OR text:waffenlief)"),
        ("Waffen*", "(text:waffen* OR text:waff)"),
        ("exact:Waffen*", "exact:waffen*"),
        ("Präsid*", "text:prasid*"),
        ("Steuerp*", "text:steuerp*"),  # the u of Steuer is between vowels: no ü to fold
        # A wildcard also matches the words as written (the exact field): stems lose endings.
        ("M?ller", "(text:m?ller OR exact:m?ller)"),
        ("Präsident?n", "(text:prasident?n OR exact:präsident?n)"),
        ("title:M?ller", "title:m?ller"),
        ("US-Außenministerium", 'text:"us aussenministerium"'),
        ("Lehrer*innen", "text:lehr"),
        ("Wer ist Präsident?", "(text:wer AND text:prasident)"),
        ("Pjöngjang? Seoul?", "(text:pjongjang AND text:seoul)"),
        ("?Wann kam Putin", "(text:wann AND text:kam AND text:putin)"),
        ("(?Putin)", "text:putin"),
        ("Uhr 09:28", '(text:uhr AND text:"09 28")'),
        ("Putin die", "text:putin"),
    ],
)
def test_query_forms(query: str, parsed: str) -> None:
    assert str(parse_query(query, SCHEMA)) == parsed


def test_phrase_slop() -> None:
    query = parse_query('"Putin Pjöngjang"~5', SCHEMA)
    assert (query.words, query.slop) == (["putin", "pjongjang"], 5)


def test_match_any_is_an_or_query_with_exact_forms() -> None:
    assert str(parse_query("Putin Miller", SCHEMA, match="any")) == (
        "(text:putin OR exact:putin^0.3 OR text:mill OR exact:miller^0.3)"
    )


@pytest.mark.parametrize(
    ("query", "match", "parsed"),
    [
        # A NOT among OR clauses excludes from them (Lucene's reading), not "or anything without".
        ("Putin NOT Miller", "any", "((text:putin OR exact:putin^0.3) ANDNOT (text:mill OR exact:miller^0.3))"),
        ("Putin Seoul NOT Miller NOT Kim", "any",
         "((text:putin OR exact:putin^0.3 OR text:seoul OR exact:seoul^0.3) "
         "ANDNOT ((text:mill OR exact:miller^0.3) OR (text:kim OR exact:kim^0.3)))"),
        ("Putin OR NOT Miller", "all", "(text:putin ANDNOT text:mill)"),
        # Alone, NOT still matches what lacks the word.
        ("NOT Miller", "any", "NOT (text:mill OR exact:miller^0.3)"),
    ],
)
def test_not_among_or_clauses_excludes(query: str, match: str, parsed: str) -> None:
    assert str(parse_query(query, SCHEMA, match=match)) == parsed


def test_match_any_drops_question_words_and_splits_hyphenated_words() -> None:
    assert str(parse_query("Wer ist der US-Präsident?", SCHEMA, match="any")) == (
        "(text:us OR text:prasident OR exact:us^0.3 OR exact:präsident^0.3)"
    )


def test_match_any_gives_a_hyphenated_words_stop_words_no_exact_form() -> None:
    """The exact field keeps stop words: ``exact:in`` matched every paragraph with "in"."""
    assert str(parse_query("Was sind Malum-in-se-Erwägungen?", SCHEMA, match="any")) == (
        "(text:malum OR text:se OR text:erwag OR exact:malum^0.3 OR exact:se^0.3 OR exact:erwägungen^0.3)"
    )


def test_match_any_adds_compound_parts() -> None:
    def parts(word: str) -> list[str]:
        return {"waffenlieferungen": ["waff", "liefer"]}.get(word, [])

    query = parse_query("Waffenlieferungen Nordkorea", SCHEMA, match="any", compound_parts=parts)
    assert str(query) == (
        "(text:waffenliefer OR exact:waffenlieferungen^0.3 OR text:waff^0.5 OR text:liefer^0.5 "
        "OR text:nordkorea OR exact:nordkorea^0.3)"
    )
    # Compounds stay whole in the default mode: a compound finds the compound only.
    assert str(parse_query("Waffenlieferungen", SCHEMA, compound_parts=parts)) == "text:waffenliefer"


def test_other_forms_of_words_and_phrases_are_matched_too() -> None:
    def forms(fieldname: str, stem: str) -> list[str]:
        return {"autos": ["auto"], "trumps": ["trump"], "zoll": []}.get(stem, [])

    def parsed(text: str, match: MatchMode = "all") -> str:
        return str(parse_query(text, SCHEMA, match=match, other_forms=forms))

    assert parsed("Autos") == "(text:autos OR text:auto)"
    assert parsed("Trumps Zoll") == "((text:trumps OR text:trump) AND text:zoll)"
    assert parsed('"Trumps Zoll"') == '(text:"trumps zoll" OR text:"trump zoll")'
    assert parsed("title:Autos NOT Trumps") == "((title:autos OR title:auto) AND NOT (text:trumps OR text:trump))"
    assert parsed("exact:Autos") == "exact:autos"
    # In a question the forms join the Or of words, flat (the fast ranking path takes flat Ors).
    assert parsed("Wie teuer sind Autos?", "any") == (
        "(text:teu OR exact:teuer^0.3 OR text:autos OR text:auto OR exact:autos^0.3)"
    )


def test_match_any_keeps_quoted_phrases() -> None:
    assert 'text:"waffenliefer ukrain"' in str(parse_query('"Waffenlieferung an die Ukraine" Putin', SCHEMA,
                                                          match="any"))


def test_match_any_question_of_only_question_words() -> None:
    with pytest.raises(QueryError, match="has only stop words"):
        parse_query("Wer und wann?", SCHEMA, match="any")


def test_published_range() -> None:
    assert "published:[" in str(parse_query("published:[2024-06-01 TO 2024-06-30]", SCHEMA))


def test_a_question_mark_inside_a_word_is_still_a_wildcard() -> None:
    assert str(parse_query("Wa?fen", SCHEMA)) == "(text:wa?fen OR exact:wa?fen)"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query: give at least one word to search for"),
        ("   ", "empty query: give at least one word to search for"),
        ('"Waffen', "unbalanced quote in query '\"Waffen': close the phrase with a second \""),
        ('Putin "an die', "unbalanced quote in query 'Putin \"an die': close the phrase with a second \""),
        ("(Putin OR Miller", "unbalanced parenthesis in query '(Putin OR Miller': every ( needs a matching )"),
        ("Putin)", "unbalanced parenthesis in query 'Putin)': every ( needs a matching )"),
        ("die und",
         "query 'die und' has only stop words (die, und), which are not indexed: add a word that carries meaning"),
        ('"in der"',
         "query '\"in der\"' has only stop words (in, der), which are not indexed: add a word that carries meaning"),
        ("???", "query '???' has nothing to search for: give at least one word"),
        ("autor:Miller",
         "unknown field 'autor' in query: use one of text, exact, title, heading, quote, speaker, path, published"),
        (
            "published:gestern",
            "cannot read the date in query 'published:gestern': write published:2024-06-21, "
            "published:2024-06 or published:[2024-06-01 TO 2024-06-30]",
        ),
        (
            "published:[gestern TO heute]",
            "cannot read the date in query 'published:[gestern TO heute]': write published:2024-06-21, "
            "published:2024-06 or published:[2024-06-01 TO 2024-06-30]",
        ),
        # Whoosh read these as words: "and", "titl", the phrase "ukrain 2".
        ("Putin AND", "operator AND in query 'Putin AND' has no word after it: put a word after each AND, OR, NOT"),
        ("(Putin OR) Seoul",
         "operator OR in query '(Putin OR) Seoul' has no word after it: put a word after each AND, OR, NOT"),
        ("OR Putin", "operator OR in query 'OR Putin' has no word before it: put a word on both sides of AND and OR"),
        ("title: Nordkorea",
         "nothing after title: in query 'title: Nordkorea': write the word right after the colon, "
         "as in title:Nordkorea"),
        ("published: 2024", "nothing after published: in query 'published: 2024': write the word right after the "
                            "colon, as in published:2024-06"),
        ("Ukraine~2", "'~' after a word in query 'Ukraine~2': Fundstelle has no fuzzy search (a misspelt word gets "
                      'suggestions when nothing is found); ~N after a phrase allows N words between its words: '
                      '"Putin Waffen"~5'),
        # Whoosh read these as something else: the phrase "gesetz abc", the phrase and the word "1", June
        # 2024 and the phrase "21t25 00", a range of stems in alphabetical order.
        ("Gesetz^abc", "'^' in query 'Gesetz^abc' needs a number right after a word or phrase, the weight of that "
                       "word in the ranking: Putin^2 Waffen"),
        ("Putin ^2", "'^' in query 'Putin ^2' needs a number right after a word or phrase, the weight of that "
                     "word in the ranking: Putin^2 Waffen"),
        ('"a b"~-1', "'~' after a phrase in query '\"a b\"~-1' needs a whole number from 1, the words allowed "
                     "between the phrase's words: \"Putin Waffen\"~5"),
        ('"a b"~0', "'~' after a phrase in query '\"a b\"~0' needs a whole number from 1, the words allowed "
                    "between the phrase's words: \"Putin Waffen\"~5"),
        ("published:2024-06-21T25:00",
         "cannot read the date in query 'published:2024-06-21T25:00' (there is no such date as "
         "'2024-06-21T25:00'): write published:2024-06-21, published:2024-06 or published:[2024-06-01 TO 2024-06-30]"),
        ("[Gesetz TO Verordnung]", "a range [... TO ...] in query '[Gesetz TO Verordnung]' is only for dates: "
                                   "published:[2024-06-01 TO 2024-06-30]"),
        # A long query is quoted up to 80 characters.
        ("die " * 30, f"query {'die ' * 20!r}… has only stop words ({', '.join(['die'] * 30)}), which are not "
                      "indexed: add a word that carries meaning"),
        # Found by the fuzz test below: Whoosh raised a bare Exception for a bound with no date.
        (
            "published:[Juni TO *]",
            "cannot read the date in query 'published:[Juni TO *]': write published:2024-06-21, "
            "published:2024-06 or published:[2024-06-01 TO 2024-06-30]",
        ),
        ("published:[2019 TO 2018]", "the start of published:[2019 TO 2018] is after its end: nothing can match"),
    ],
)
def test_unusable_queries_are_rejected_with_a_message(query: str, message: str) -> None:
    with pytest.raises(QueryError) as excinfo:
        parse_query(query, SCHEMA)
    assert str(excinfo.value) == message


def test_parentheses_inside_a_phrase_do_not_count() -> None:
    assert prepare_query_text('"Waffen (Präzision"') == '"Waffen (Präzision"'


@pytest.mark.parametrize("query", ['NOT Putin', '"Putin Waffen"~5', 'Putin AND "Waffen OR"', 'exact:"Putin sagt"',
                                   '"Ukraine~2" Putin', "Frage: Putin", "(NOT Putin) Seoul", "ORF Putin NOTAR"])
def test_operators_fields_and_tildes_that_are_fine(query: str) -> None:
    assert prepare_query_text(query) == query


@pytest.mark.parametrize(
    ("query", "prepared"),
    [
        # Elsewhere a gender form finds its base words; in the exact field it is the word as
        # written, as a phrase of its own would be: its * is no wildcard and its : no field.
        ("Lehrer*innen exact:Lehrer*innen", 'Lehrerinnen exact:"Lehrer*innen"'),
        ("exact:Schüler:innen streiken", 'exact:"Schüler:innen" streiken'),
        ('exact:"Lehrer_innen streiken" Lehrer_innen', 'exact:"Lehrer_innen streiken" Lehrerinnen'),
        ("exact:(LehrerInnen OR Waffen*) Lehrer/innen", 'exact:("LehrerInnen" OR Waffen*) Lehrerinnen'),
        ('exact:(Lehrer*innen "(Schüler:innen") Lehrer*innen', 'exact:("Lehrer*innen" "(Schüler:innen") Lehrerinnen'),
        ("(exact:Lehrer*in)", '(exact:"Lehrer*in")'),
        ("Waffen exact:Waffen* title:Lehrer*innen", "Waffen exact:Waffen* title:Lehrerinnen"),
        # Where the feminine form stems apart from the base word, either form; in a phrase, one
        # phrase per choice, each with the slop.
        ("Kolleg*innen exact:Kolleg*innen", '(Kolleginnen OR Kolleg) exact:"Kolleg*innen"'),
        ('title:"Ärzt*innen und Kolleg:innen"~2',
         'title:("Ärztinnen und Kolleginnen"~2 OR "Ärztinnen und Kolleg"~2 OR "Ärzt und Kolleginnen"~2 '
         'OR "Ärzt und Kolleg"~2)'),
    ],
)
def test_gender_forms_stay_as_written_in_the_exact_field(query: str, prepared: str) -> None:
    """The parser reads each gender form as the spelled-out query does (GenderFormsPlugin,
    GenderPhrasePlugin)."""
    assert str(parse_query(query, SCHEMA)) == str(parse_query(prepared, SCHEMA))


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_string_parses_or_raises_query_error(text: str) -> None:
    for match in ("all", "any"):
        try:
            parse_query(text, SCHEMA, match=match)
        except QueryError:
            pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(['"', "(", ")", "*", "?", ":", "~", "^", "[", "]", "{", "}", "TO", "AND", "OR",
                                 "NOT", "ANDNOT", "ANDMAYBE", "title:", "published:", "exact:", "Putin", "die", " ",
                                 "-", "2024"])))
@example(["NOT", " ", "NOT", " ", "Putin"])
@example(["AND", " ", "ANDNOT", " ", "ANDNOT", " ", "NOT"])
@example(["published:", "[", "TO", "*", "]"])
def test_query_syntax_soup_parses_or_raises_query_error(parts: list[str]) -> None:
    for match in ("all", "any"):
        try:
            parse_query("".join(parts), SCHEMA, match=match)
        except QueryError:
            pass


@pytest.mark.parametrize("query", ["NOT NOT Putin", "Putin ANDNOT ANDNOT Miller", "Putin OR NOT NOT Miller"])
def test_operators_without_words_between_are_refused(query: str) -> None:
    for match in ("all", "any"):
        with pytest.raises(QueryError, match="operators with no word between them: put a word after each AND, OR, NOT"):
            parse_query(query, SCHEMA, match=match)


@pytest.mark.parametrize(
    ("query", "parsed"),
    [
        ("Gesetz^2 Verordnung", "(text:gesetz^2.0 AND text:verordn)"),
        ("published:2024-06-21T09:28", "published:[63854558880000000 TO 63854558939999999]"),
        ("published:21.06.24", "published:[63854524800000000 TO 63854611199999999]"),
        ('published:"21. Juni 2024"', "published:[63854524800000000 TO 63854611199999999]"),
        ("published:2024-06-21", "published:[63854524800000000 TO 63854611199999999]"),
    ],
)
def test_boosts_and_dates_as_documented(query: str, parsed: str) -> None:
    assert str(parse_query(query, SCHEMA)) == parsed
