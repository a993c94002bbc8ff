"""Parsing queries: the user's text becomes a Whoosh query, or a :class:`QueryError` that says why not.

Whoosh's parser never rejects input: an empty, stop-word-only or unbalanced query silently becomes
nothing or something else. So the text is checked first, and the parsed query after.

Syntax: words must all match (``--match any``: any may); ``"..."`` is a phrase of inflectable
words, ``"..."~N`` allows N words between; ``Waffenliefer*`` is a prefix (of stems), ``M?ller``
a wildcard (of stems and of words as written); ``OR``, ``NOT``,
``AND``, parentheses; ``field:term`` for the fields in :data:`indexer.SEARCHABLE_FIELDS`
(``exact:"..."`` matches the wording as written). A ``?`` that ends a word is a question mark,
not a wildcard, so natural-language questions work as typed.
"""
from __future__ import annotations

import copy
import re
from datetime import timedelta
from itertools import islice, product
from typing import Callable, Literal, Sequence

from whoosh import qparser
from whoosh import query as wq

from indexer.errors import QueryError
from indexer.german import (
    GENDER_WORD_RE,
    GERMAN_STOP_WORDS,
    MAX_WORD_CHARS,
    QUESTION_WORDS,
    composed,
    exact_term,
    gender_base,
    gender_readings,
    is_stop_word,
    normalize_gender,
    split_words,
    stem_word,
)
from indexer.schema import GERMAN_FIELDS, SEARCHABLE_FIELDS

from .dates import check_order, parse_period
from .ranking import COMPOUND_PART_BOOST, EXACT_FORM_BOOST

__all__ = ["MatchMode", "check_size", "parse_query", "prepare_query_text"]

MatchMode = Literal["all", "any"]

# German typographic quotes („…“, “…”, »…«) are phrase quotes too.
_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "»": '"', "«": '"'})
# A field prefix: a name at the start of a word, a colon, and no space after it, outside phrases.
# Gender colons (Lehrer:innen) are rewritten or made phrases before this check.
_FIELD_RE = re.compile(r"(?<![^\s(])([^\W\d][\w]*):(?=\S)")
# A ? that ends a word (before space, end, or closing punctuation) is punctuation of a question;
# so is one that starts a word (a stray "?Wann"): a leading wildcard would scan every indexed word.
_QUESTION_MARK_RE = re.compile(r"\?+(?=[\s)\"'.,;:!]|$)|(?<![^\s(\"'])\?+")
# What Whoosh would read as words (_check_operators_and_fields), in a query whose phrases are
# emptied: an operator first in the query or a group (NOT may begin one) or last in it, a
# field with no word after its colon, and ~ right after a word.
_PHRASE_RE = re.compile(r'"[^"]*"')
_LEADING_OPERATOR_RE = re.compile(r"(?:^|\()\s*(AND|OR|ANDNOT|ANDMAYBE)(?=\s|$|\))")
_TRAILING_OPERATOR_RE = re.compile(r"(?<![^\s(])(AND|OR|NOT|ANDNOT|ANDMAYBE)\s*(?:$|\))")
_EMPTY_FIELD_RE = re.compile(rf"(?<![^\s(])({'|'.join(SEARCHABLE_FIELDS)}):(?=\s|$|\))")
_WORD_TILDE_RE = re.compile(r"(?<=[^\W_])~")
# A phrase's slop: ~ and a whole number from 1 (Whoosh reads anything else as words).
_BAD_SLOP_RE = re.compile(r'"~(?![1-9]\d*(?:[\s)^]|$))')
# A boost: ^ and a number right after a word, phrase or group (Whoosh reads anything else as words).
_BAD_BOOST_RE = re.compile(r"(?<![^\s(])\^|\^(?!\d+(?:\.\d+)?(?:[\s)]|$))")
# A published: value that is no range: the date it names (DATE_VALUE), read by PublishedPlugin;
# an end of a range (DATE_BOUND): a date, a quoted one, or * for an open end.
_DATE_VALUE = r'"[^"]*"|[^\s()"\[{^][^\s()^]*'
_DATE_BOUND = r'"[^"]*"|[^\s"\]}]+'
# Messages quote at most this much of a query.
_QUOTE_CHARS = 80
# What a field's value looks like, for messages (other fields: a word).
_FIELD_EXAMPLES = {"path": "seeds/000_9a32aa55c16fcf43.txt", "published": "2024-06"}
# A phrase with its slop, if any; a phrase with gender forms becomes one phrase per choice of
# feminine or base form, for at most this many forms (2 ** 3 phrases).
_MAX_GENDER_PHRASE_FORMS = 3
# Limits on what a query may ask, so that every query is answered or refused at once: its length,
# a word's length (indexer.german.MAX_WORD_CHARS), parentheses nested, and the letters a pattern
# must start with before its first * (a shorter start matches most words of the index, each of
# them searched).
MAX_QUERY_CHARS = 2_000
MAX_NESTING = 20
MIN_PATTERN_START = 2
_LONG_WORD_RE = re.compile(rf"[^\s()\"]{{{MAX_WORD_CHARS + 1},}}")
_RANGE_RE = re.compile(r"[\[{][^\]}]*[\]}]")  # [a TO b], {a TO b]: its * is an open end
_PATTERN_RE = re.compile(r"(?<![^\s(])(?:[^\W\d]\w*:)?([^\s()\"*?]*)[*?][^\s()\"]*")


def prepare_query_text(text: str) -> str:
    """Check the raw query and rewrite what Whoosh would misread; raise :class:`QueryError` on bad input.

    >>> prepare_query_text("Wer ist Präsident?"), prepare_query_text("?Wann kam er")
    ('Wer ist Präsident', 'Wann kam er')
    >>> prepare_query_text("Lehrer*innen „Waffen in die Ukraine“")
    'Lehrer*innen "Waffen in die Ukraine"'
    """
    text = composed(text).translate(_QUOTES).strip()
    check_size(text)
    if text.count('"') % 2:
        raise QueryError(f"unbalanced quote in query {_quoted(text)}: close the phrase with a second \"")
    depth = deepest = 0
    for char in _outside_quotes(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
        if depth < 0:
            break
    if depth:
        raise QueryError(f"unbalanced parenthesis in query {_quoted(text)}: every ( needs a matching )")
    if deepest > MAX_NESTING:
        raise QueryError(f"parentheses nested {deepest} deep in the query: at most {MAX_NESTING} are allowed")
    # The checks read gender forms as plain words: the colon of Lehrer:innen is no field, the
    # star of Kolleg*innen no pattern (the parser's GenderFormsPlugin reads them so too).
    plain = normalize_gender(text)
    for match in _FIELD_RE.finditer(plain):
        name = match.group(1)
        if name not in SEARCHABLE_FIELDS and plain.count('"', 0, match.start()) % 2 == 0:
            raise QueryError(f"unknown field {name!r} in query: use one of {', '.join(SEARCHABLE_FIELDS)}")
    _check_operators_and_fields(plain)
    _check_patterns(_QUESTION_MARK_RE.sub("", plain))
    return _QUESTION_MARK_RE.sub("", text)


def check_size(text: str, what: str = "query", purpose: str = "search for") -> None:
    """Refuse an empty text, and a text or a word longer than Fundstelle answers at once
    (:data:`MAX_QUERY_CHARS`, :data:`~indexer.german.MAX_WORD_CHARS`): a query, or what
    ``fundstelle analyze`` is given (``what="text"``).

    >>> check_size("x" * 101, "text", "analyze")
    Traceback (most recent call last):
    indexer.errors.QueryError: a word of the text has 101 characters (xxxxxxxxxxxxxxxxxxxx…): at most 100 are allowed
    """
    if not text.strip():
        raise QueryError(f"empty {what}: give at least one word to {purpose}")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the {what} has {len(text):,} characters: at most {MAX_QUERY_CHARS:,} are allowed")
    long_word = _LONG_WORD_RE.search(text)
    if long_word:
        raise QueryError(f"a word of the {what} has {len(long_word.group()):,} characters "
                         f"({long_word.group()[:20]}…): at most {MAX_WORD_CHARS} are allowed")


def _check_patterns(text: str) -> None:
    """Refuse a pattern with * whose start is shorter than :data:`MIN_PATTERN_START` letters:
    ``*``, ``*e*`` or ``a*`` stand for most of the index's words, every one of them searched."""
    for pattern in _PATTERN_RE.finditer(_RANGE_RE.sub("[]", _PHRASE_RE.sub('""', text))):
        if "*" in pattern.group() and len(pattern.group(1)) < MIN_PATTERN_START:
            raise QueryError(f"the pattern {pattern.group()!r} must start with at least {MIN_PATTERN_START} "
                             "letters before a * or ? (as in Waffenliefer*): it would match most words")


def _check_operators_and_fields(text: str) -> None:
    """Refuse what Whoosh would silently read as words: an operator with nothing to join
    (``Putin AND`` searched for the word "and"), a field name with no word after its colon
    (``title:`` searched for "titl"), and ``~`` after a word (``Ukraine~2`` searched for the
    phrase "ukrain 2"; ``~N`` belongs after a phrase)."""
    outside = _PHRASE_RE.sub('""', text)  # a phrase's inside is no syntax
    for pattern, problem in ((_LEADING_OPERATOR_RE, "has no word before it: put a word on both sides of AND and OR"),
                             (_TRAILING_OPERATOR_RE, "has no word after it: put a word after each AND, OR, NOT")):
        found = pattern.search(outside)
        if found:
            raise QueryError(f"operator {found.group(1)} in query {_quoted(text)} {problem}")
    found = _EMPTY_FIELD_RE.search(outside)
    if found:
        name = found.group(1)
        raise QueryError(f"nothing after {name}: in query {_quoted(text)}: write the word right after the colon, "
                         f"as in {name}:{_FIELD_EXAMPLES.get(name, 'Nordkorea')}")
    if _BAD_SLOP_RE.search(outside):
        raise QueryError(f"'~' after a phrase in query {_quoted(text)} needs a whole number from 1, the words "
                         'allowed between the phrase\'s words: "Putin Waffen"~5')
    if _BAD_BOOST_RE.search(outside):
        raise QueryError(f"'^' in query {_quoted(text)} needs a number right after a word or phrase, the weight "
                         "of that word in the ranking: Putin^2 Waffen")
    if _WORD_TILDE_RE.search(outside):
        raise QueryError(f"'~' after a word in query {_quoted(text)}: Fundstelle has no fuzzy search (a misspelt word "
                         'gets suggestions when nothing is found); ~N after a phrase allows N words between its '
                         'words: "Putin Waffen"~5')


def _quoted(text: str) -> str:
    """``text`` quoted for a message, cut after :data:`_QUOTE_CHARS` characters.

    >>> _quoted("Putin"), _quoted("a" * 100)[-3:]
    ("'Putin'", "a'…")
    """
    return repr(text) if len(text) <= _QUOTE_CHARS else f"{text[:_QUOTE_CHARS]!r}…"


def _outside_quotes(text: str) -> str:
    """The characters of ``text`` that are not inside a phrase."""
    return "".join(part for i, part in enumerate(text.split('"')) if i % 2 == 0)


def parse_query(
    text: str, schema, match: MatchMode = "all", compound_parts: Callable[[str], Sequence[str]] | None = None,
    other_forms: Callable[[str, str], Sequence[str]] | None = None, field: str = "text",
):
    """Parse a user's query against ``schema``; every word must match, or with ``match="any"`` any.

    With ``match="any"`` (natural-language questions) a word also matches its exact form and,
    through ``compound_parts`` (word → stems of its parts), the parts of a compound; a word the
    analyzer splits (``US-Außenministerium``) is then a group of words, not a phrase.
    ``other_forms`` (field, stem → stems) names the index's other forms of a word that the
    stemmer leaves apart (``Autos`` and ``Auto``): a word or phrase matches them too.

    >>> from indexer import build_schema
    >>> str(parse_query('Waffenlieferung "an die Ukraine"', build_schema()))
    '(text:waffenliefer AND text:ukrain)'
    """
    prepared = prepare_query_text(text)
    if match == "any":
        parser = QuestionParser(field, schema, group=qparser.OrGroup)
        parser.compound_parts = compound_parts
    else:
        parser = Parser(field, schema, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.SingleQuotePlugin)  # apostrophes are German punctuation
    parser.remove_plugin_class(qparser.PhrasePlugin)
    parser.add_plugins([GenderPhrasePlugin(), GenderFormsPlugin(), PublishedPlugin()])
    try:
        query = parser.parse(prepared)
    except ValueError as exc:  # Whoosh's date field raises on a range it cannot read
        raise _parse_error(text, str(exc)) from None
    except (IndexError, AssertionError):
        # Whoosh's parser fails this way on operators with nothing between them (NOT NOT Putin,
        # Putin ANDNOT ANDNOT Miller), found by fuzzing operator sequences.
        raise _parse_error(text, "operators with no word between them: put a word after each AND, OR, NOT") from None
    except Exception as exc:
        # Whoosh's date field raises a bare Exception for a range bound with no date in it
        # (published:[TO *], found by fuzzing): only that one is turned into a query error.
        if type(exc) is not Exception:
            raise
        raise _parse_error(text, str(exc)) from None
    for leaf in query.leaves():
        # Whoosh makes [Gesetz TO Verordnung] a range of the words between, in the order of their
        # letters: stems, compound parts, anything; only dates have a meaningful order.
        if isinstance(leaf, wq.TermRange):
            raise QueryError(f"a range [... TO ...] in query {_quoted(text)} is only for dates: "
                             "published:[2024-06-01 TO 2024-06-30]")
    query = _prefix_word_too(_not_excludes(query))
    if other_forms is not None:
        # Normalized again: the forms' Or merges into a question's Or of words (a flat Or of
        # words is what the posting-list ranking prunes fastest).
        query = _other_forms_too(query, other_forms).normalize()
    for node in [query, *query.leaves()]:
        # Whoosh marks a term it could not parse (a bad date, say) with an ``error`` attribute.
        if getattr(node, "error", None):
            raise _parse_error(text, str(node.error))
        # Whoosh gives every paragraph a pattern (Waffenliefer*) matches the same score, so they
        # came in index order; scored, the words it stands for rank like any other words.
        if hasattr(node, "constantscore"):
            node.constantscore = False
    if _is_empty(query):
        words = [w.lower() for w in split_words(prepared)]
        if words and all(is_stop_word(w) or (match == "any" and w in QUESTION_WORDS) for w in words):
            raise QueryError(
                f"query {_quoted(text)} has only stop words ({', '.join(words)}), which are not indexed: "
                "add a word that carries meaning"
            )
        raise QueryError(f"query {_quoted(text)} has nothing to search for: give at least one word")
    return query


class GenderFormsPlugin(qparser.TaggingPlugin):
    """Reads a gender-inclusive form (``Kolleg*innen``, ``Lehrer:innen``) as one word, before Whoosh
    would read its ``*`` as a wildcard or its ``:`` as a field. In a German field it finds its
    feminine form, and its base word where the two stem apart (``Kolleg*innen`` finds
    ``Kollegen``); in ``exact`` it is the wording as written (``exact:Lehrer*innen``).
    """

    class GenderFormNode(qparser.syntax.TextNode):
        def query(self, parser):
            fieldname = self.fieldname or parser.fieldname
            forms = [self.text]
            if fieldname in GERMAN_FIELDS:
                base = gender_base(self.text)
                forms = [normalize_gender(self.text), *([base] if base else [])]
            queries = [q for form in forms
                       if (q := parser.term_query(fieldname, form, wq.Term, boost=self.boost)) is not None]
            if not queries:
                return None
            return qparser.syntax.attach(queries[0] if len(queries) == 1 else wq.Or(queries), self)

    expr = rf"(?P<text>{GENDER_WORD_RE.pattern})"
    nodetype = GenderFormNode
    priority = -1  # before the fields' and wildcards' taggers


class PublishedPlugin(qparser.TaggingPlugin):
    """``published:DATE`` with DATE as ``--since`` reads it (:func:`queries.dates.parse_period`:
    ``2024-06-21``, ``21.06.2024``, ``2024-06``, ``"Juni 2024"``): the articles published in that
    day, month, year or minute. Whoosh's own date parsing read ``2024-06-21T09:28`` as June 2024
    and the words "21t09 28"; a value it cannot read is refused.

    A range ``published:[A TO B]`` runs from the start of A's period to the end of B's, the
    dates read alike; either end may be open (``[2019 TO]``, ``[* TO 2019]``, ``[TO 2019]``), a
    brace leaves its end's period out (``{2019 TO 2021}``: 2020). A range that ends before it
    starts is refused as ``--since`` after ``--until`` is (:func:`queries.dates.check_order`).
    """

    class PublishedNode(qparser.syntax.TextNode):
        def __init__(self, text: str, start: str | None = None, end: str | None = None, opening: str = "",
                     closing: str = "") -> None:
            super().__init__(text)
            self.start, self.end, self.opening, self.closing = start, end, opening, closing

        def query(self, parser):
            try:
                if not self.opening:
                    start, end = parse_period(self.text.strip('"'))
                else:
                    start = _range_bound(self.start, True, self.opening == "{")
                    end = _range_bound(self.end, False, self.closing == "}")
            except QueryError as exc:
                raise ValueError(str(exc)) from None  # parse_query says which date, in the query's words
            if start is not None and end is not None:
                shown = f"published:{self.opening}{self.start or ''} TO {self.end or ''}{self.closing}"
                check_order(start, end, f"the start of {shown}", "its end")
            return qparser.syntax.attach(wq.DateRange("published", start, end, boost=self.boost), self)

    expr = (rf"(?<![^\s(])published:(?:(?P<opening>[\[{{])\s*(?:(?P<start>{_DATE_BOUND})\s+)?TO"
            rf"(?:\s+(?P<end>{_DATE_BOUND}))?\s*(?P<closing>[\]}}])|(?P<text>{_DATE_VALUE}))")
    priority = -2  # before the fields' tagger, and before phrases take a quoted date

    def create(self, parser, match):
        return self.PublishedNode(**{key: value or "" if key in ("text", "opening", "closing") else value
                                     for key, value in match.groupdict().items()})


def _range_bound(text: str | None, is_start: bool, exclusive: bool):
    """The moment a range's end stands for: the first moment of the period ``text`` names for a
    start, its last for an end; None for an open end (nothing or ``*``). An exclusive end leaves
    its period out (``{2019 TO``: from the moment after 2019)."""
    if text is None or text == "*":
        return None
    first, last = parse_period(text.strip('"'))
    if is_start:
        return last + timedelta(microseconds=1) if exclusive else first
    return first - timedelta(microseconds=1) if exclusive else last


class GenderPhrasePlugin(qparser.PhrasePlugin):
    """Whoosh's phrases; in a German field a phrase with gender forms is one phrase per reading
    (:func:`indexer.german.gender_readings`): ``"Kolleg*innen streiken"`` also finds ``Kollegen
    streiken``."""

    class PhraseNode(qparser.PhrasePlugin.PhraseNode):
        def query(self, parser):
            fieldname = self.fieldname or parser.fieldname
            readings = gender_readings(self.text, _MAX_GENDER_PHRASE_FORMS) if fieldname in GERMAN_FIELDS else []
            if len(readings) < 2:
                return super().query(parser)
            phrases = []
            for reading in readings:
                node = copy.copy(self)
                node.text = reading
                phrases.append(qparser.PhrasePlugin.PhraseNode.query(node, parser))
            return qparser.syntax.attach(wq.Or(phrases), self)

    class PhraseTagger(qparser.RegexTagger):
        def create(self, parser, match):
            slop = match.group("slop")
            return GenderPhrasePlugin.PhraseNode(match.group("text"), match.start("text"), int(slop) if slop else 1)


class Parser(qparser.QueryParser):
    """Whoosh's parser; a wildcard in the text field also matches the words as written.

    The text field holds stems, so a wildcard that spans a stemmed-off ending matched no
    stem: ``M?ller`` (Müller, Miller: stems ``mull``, ``mill``), ``Waffenlieferung?n``,
    ``Präsident?n``. The exact field holds the words as written; a paragraph matches either.
    (A prefix, ``Waffen*``, stays on the stems, where it also finds compound parts.)
    """

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        q = super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        if termclass is not wq.Wildcard or fieldname != "text" or q is None:
            return q
        written = super().term_query("exact", text, termclass, boost, tokenize, removestops)
        return q if written is None else wq.Or([q, written])


class QuestionParser(Parser):
    """Whoosh's parser with the additions for --match any described in :func:`parse_query`."""

    compound_parts: Callable[[str], Sequence[str]] | None = None

    def multitoken_query(self, spec, texts, fieldname, termclass, boost):
        # A hyphenated word in a question is several words, not a phrase to match exactly.
        return super().multitoken_query("or" if spec == "phrase" else spec, texts, fieldname, termclass, boost)

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if text.lower() in QUESTION_WORDS:
            return None
        q = super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        if q is None or fieldname != "text" or termclass is not wq.Term:
            return q
        # The exact field keeps stop words; a hyphenated word's stop words (Malum-in-se) are
        # no words of the question (the text field has none of them either).
        words = [term for term in map(exact_term, split_words(text)) if term not in GERMAN_STOP_WORDS]
        extra = [wq.Term("exact", w, boost=boost * EXACT_FORM_BOOST) for w in words]
        if self.compound_parts:
            extra += [
                wq.Term("text", part, boost=boost * COMPOUND_PART_BOOST)
                for w in words
                for part in self.compound_parts(w)
            ]
        return wq.Or([q, *extra])


def _not_excludes(query):
    """``query`` with each NOT among the clauses of an OR made an exclusion from that OR, as in
    Lucene's and Elasticsearch's query syntax: ``Funkwellen Marconi NOT Tesla`` with ``--match
    any`` finds paragraphs with either word but without Tesla. Whoosh would match every paragraph
    without Tesla (NOT as one more alternative). A NOT with nothing beside it still matches what
    lacks the word.

    >>> from whoosh.query import Not, Or, Term
    >>> print(_not_excludes(Or([Term("text", "funkwell"), Term("text", "marconi"), Not(Term("text", "tesla"))])))
    ((text:funkwell OR text:marconi) ANDNOT text:tesla)
    """
    query = query.apply(_not_excludes)
    if not isinstance(query, wq.Or):
        return query
    excluded = [sub.query for sub in query.subqueries if isinstance(sub, wq.Not)]
    if not excluded or len(excluded) == len(query.subqueries):
        return query
    kept_clauses = [sub for sub in query.subqueries if not isinstance(sub, wq.Not)]
    if len(kept_clauses) == 1 and query.boost == 1:
        kept = kept_clauses[0]
    else:
        kept = copy.copy(query)
        kept.subqueries = kept_clauses
    return wq.AndNot(kept, wq.Or(excluded) if len(excluded) > 1 else excluded[0])


def _prefix_word_too(query):
    """``query`` with each prefix of the German fields also matching the word it spells: the index
    holds stems, and ``Waffen*`` would find ``Waffenlieferungen`` (``waffenliefer``) but not
    ``Waffen`` itself (``waff``). A prefix whose stem it already covers (``Präsid*``) stays as it is.

    >>> from whoosh.query import Prefix
    >>> print(_prefix_word_too(Prefix("text", "waffen"))), print(_prefix_word_too(Prefix("text", "prasid")))
    (text:waffen* OR text:waff)
    text:prasid*
    (None, None)
    """
    if not isinstance(query, wq.Prefix):
        return query.apply(_prefix_word_too)
    if query.fieldname not in GERMAN_FIELDS:
        return query
    stem = stem_word(query.text)
    if stem.startswith(query.text):
        return query
    return wq.Or([query, wq.Term(query.fieldname, stem, boost=query.boost)])


def _other_forms_too(query, other_forms: Callable[[str, str], Sequence[str]]):
    """``query`` with each word and phrase of the German fields also matching the other forms
    ``other_forms`` gives for its stems (a phrase: each combination of forms, up to
    :data:`_MAX_PHRASE_FORMS` phrases).

    >>> from whoosh.query import Phrase, Term
    >>> forms = {"auto": ["autos"], "trumps": ["trump"]}
    >>> print(_other_forms_too(Term("text", "auto"), lambda field, stem: forms.get(stem, [])))
    (text:auto OR text:autos)
    >>> print(_other_forms_too(Phrase("text", ["trumps", "zoll"]), lambda field, stem: forms.get(stem, [])))
    (text:"trumps zoll" OR text:"trump zoll")
    """
    if isinstance(query, (wq.Term, wq.Phrase)) and query.fieldname in GERMAN_FIELDS:
        fieldname = query.fieldname
        if isinstance(query, wq.Term):
            forms = other_forms(fieldname, query.text)
            return wq.Or([query, *(wq.Term(fieldname, form, boost=query.boost) for form in forms)]) if forms else query
        choices = [[word, *other_forms(fieldname, word)] for word in query.words]
        combinations = list(islice(product(*choices), _MAX_PHRASE_FORMS + 1))
        if not 1 < len(combinations) <= _MAX_PHRASE_FORMS:
            return query
        return wq.Or([wq.Phrase(fieldname, list(words), slop=query.slop, boost=query.boost) for words in combinations])
    return query.apply(lambda child: _other_forms_too(child, other_forms))


#: A phrase with more combinations of word forms than this is searched as written.
_MAX_PHRASE_FORMS = 8


def _parse_error(text: str, detail: str) -> QueryError:
    if "published:" in text:
        # A date that names no day (31.02.2024) is said as such; any other is shown how to write it.
        impossible = f" ({detail})" if detail.startswith("there is no such date") else ""
        return QueryError(
            f"cannot read the date in query {_quoted(text)}{impossible}: write published:2024-06-21, "
            "published:2024-06 or published:[2024-06-01 TO 2024-06-30]"
        )
    return QueryError(f"cannot parse query {_quoted(text)}: {detail}")


def _is_empty(query) -> bool:
    return query is wq.NullQuery or not list(query.leaves()) and not query.is_leaf()
