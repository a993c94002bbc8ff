"""The German terms of :mod:`indexer.german`, handed to Whoosh as analyzers (tokens with positions,
character offsets and weights).

Whoosh pickles each field's analyzer into the index, so both classes here keep their names in
this module (``indexer.engine.safepickle`` lists them): they hold no state and no filters, all
their language is :mod:`indexer.german`'s.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from whoosh.analysis import Analyzer, Token

from .german import exact_term, index_terms, is_stop_word, pattern_term, positioned, query_term, split_words
from .german.quotes import quotations
from .german.terms import cached_index_terms, word_stem
from .german.words import visible, word_matches

__all__ = ["ExactAnalyzer", "GermanAnalyzer", "QuoteAnalyzer", "SpeakerAnalyzer", "exact_analyzer",
           "german_analyzer", "quote_analyzer", "speaker_analyzer"]


class GermanAnalyzer(Analyzer):
    """The German fields' analyzer: a word's stem (:func:`indexer.german.query_term`), and at index
    time its compound parts and gender base too (:func:`indexer.german.index_terms`), all at the
    word's position; stop words take no position. A pattern (Whoosh passes a prefix or wildcard
    with ``tokenize=False``) is folded, not stemmed (:func:`indexer.german.pattern_term`).

    >>> [t.text for t in german_analyzer()("Waffenlieferungen an die Ukraine")]
    ['waffenliefer', 'ukrain']
    >>> [(t.text, t.pos, t.boost) for t in german_analyzer()("Waffenhändler", positions=True, mode="index")]
    [('waffenhandl', 0, 1.0), ('waff', 0, 0.5), ('handl', 0, 0.5)]
    """

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        if not tokenize:
            yield from _pattern_token(token, value, pattern_term, is_stop_word(visible(value)), keeporiginal,
                                      start_pos, start_char)
            return
        terms_of = cached_index_terms if mode == "index" else _query_terms
        words = word_matches(value)
        for pos, (word, match), terms in positioned(words, lambda item: terms_of(item[0]), keep_stops=not removestops):
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            if keeporiginal:
                token.original = word
            if not terms:  # a stop word, kept with removestops=False (as Whoosh's StopFilter marks it)
                token.stopped, token.text, token.boost = True, word_stem(word), 1.0
                yield token
                continue
            token.stopped = False
            for token.text, token.boost in terms:
                yield token

    @staticmethod
    def index_positions(value: str) -> dict[bytes, list]:
        """Each term indexing ``value`` adds (UTF-8) with ``[weight, positions]``: what Whoosh's
        ``Positions`` format adds up from the analyzer's tokens (a weight is the sum of the
        tokens' boosts), without a token per word. Used by the bulk writer
        (:mod:`indexer.engine.segmentwriter`).

        >>> GermanAnalyzer.index_positions("Waffen an die Waffenhändler")
        {b'waff': [1.5, [0, 1]], b'waffenhandl': [1.0, [1]], b'handl': [0.5, [1]]}
        """
        return _added_up(positioned(split_words(value), _index_term_bytes))


class QuoteAnalyzer(GermanAnalyzer):
    """The ``quote`` field's analyzer: given a paragraph, the German terms of the words inside its
    quotations (:func:`indexer.german.quotes.quotations`), at their places in the paragraph, so a
    hit's quoted words are highlighted where they stand. A query is German text as in ``text``.

    >>> [t.text for t in QuoteAnalyzer()("Der Minister sagte: „Wir liefern Waffen.“", mode="index")]
    ['lief', 'waff']
    """

    def __call__(self, value: str, positions: bool = False, chars: bool = False, mode: str = "",
                 tokenize: bool = True, **kwargs: object) -> Iterator[Token]:
        if mode != "index" or not tokenize:
            yield from super().__call__(value, positions=positions, chars=chars, mode=mode, tokenize=tokenize,
                                        **kwargs)
            return
        spans = _quotation_spans(value)
        for token in super().__call__(value, positions=positions, chars=True, mode=mode, **kwargs):
            if _within(token.startchar, spans):
                yield token

    @staticmethod
    def index_positions(value: str) -> dict[bytes, list]:
        """:meth:`GermanAnalyzer.index_positions` of the quoted words only.

        >>> QuoteAnalyzer.index_positions("Waffen, sagte er: „Keine Waffen!“")
        {b'waff': [1.0, [2]]}
        """
        spans = _quotation_spans(value)
        if not spans:
            return {}
        words = positioned(word_matches(value), lambda item: _index_term_bytes(item[0]))
        return _added_up((pos, item, terms) for pos, item, terms in words if _within(item[1].start(), spans))


class ExactAnalyzer(Analyzer):
    """The ``exact`` field's analyzer: words as written, only lower-cased, stop words kept.

    >>> [t.text for t in exact_analyzer()("Waffenlieferungen an Nordkorea")]
    ['waffenlieferungen', 'an', 'nordkorea']
    """

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        token.stopped = False
        if not tokenize:
            yield from _pattern_token(token, value, exact_term, False, keeporiginal, start_pos, start_char)
            return
        for pos, (word, match) in enumerate(word_matches(value), start_pos):
            token.text = exact_term(word)
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            if keeporiginal:
                token.original = word
            yield token

    @staticmethod
    def index_positions(value: str) -> dict[bytes, list]:
        """Each term (UTF-8) with ``[weight, positions]``, every word counting 1.

        >>> ExactAnalyzer.index_positions("Die Waffen, die")
        {b'die': [2.0, [0, 2]], b'waffen': [1.0, [1]]}
        """
        postings: dict[bytes, list] = {}
        for pos, word in enumerate(split_words(value)):
            term = _exact_term_bytes(word)
            entry = postings.get(term)
            if entry is None:
                postings[term] = [1.0, [pos]]
            else:
                entry[0] += 1.0
                entry[1].append(pos)
        return postings


class SpeakerAnalyzer(ExactAnalyzer):
    """The ``speaker`` field's analyzer: given a paragraph, the words of the names its quotations'
    speakers go by, lower-cased, at their places among the paragraph's words (as ``exact`` numbers
    them), so ``speaker:renkema`` finds ``Kim Renkema`` and highlights the name. A query is read
    as in ``exact``.

    >>> SpeakerAnalyzer.index_positions("„Das bleibt so“, sagte Kim Renkema.")
    {b'kim': [1.0, [4]], b'renkema': [1.0, [5]]}
    """

    def __call__(self, value: str, positions: bool = False, chars: bool = False, mode: str = "",
                 tokenize: bool = True, **kwargs: object) -> Iterator[Token]:
        names = _speaker_spans(value) if mode == "index" and tokenize else None
        for token in super().__call__(value, positions=positions, chars=True, mode=mode, tokenize=tokenize,
                                      **kwargs):
            if names is None or _within(token.startchar, names):
                yield token

    @staticmethod
    def index_positions(value: str) -> dict[bytes, list]:
        """Each name word's term (UTF-8) with ``[weight, positions]``."""
        names = _speaker_spans(value)
        if not names:
            return {}
        return _added_up((pos, word, ((_exact_term_bytes(word), 1.0),))
                         for pos, (word, match) in enumerate(word_matches(value)) if _within(match.start(), names))


def _quotation_spans(value: str) -> list[tuple[int, int]]:
    """Where a paragraph's quotations stand, as offsets (none without a quotation mark)."""
    return [(quotation.start, quotation.end) for quotation in quotations(value)]


def _speaker_spans(value: str) -> list[tuple[int, int]]:
    """Where the speakers' names stand in a paragraph, as offsets."""
    return [(quotation.speaker_start, quotation.speaker_start + len(quotation.speaker))
            for quotation in quotations(value) if quotation.speaker_start is not None]


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _added_up(words: Iterable[tuple[int, object, Iterable[tuple[bytes, float]]]]) -> dict[bytes, list]:
    """Each term of ``(position, word, terms)`` with ``[weight, positions]``: what Whoosh's
    ``Positions`` format adds up (a weight is the sum of the tokens' boosts)."""
    postings: dict[bytes, list] = {}
    for pos, _, terms in words:
        for term, weight in terms:
            entry = postings.get(term)
            if entry is None:
                postings[term] = [weight, [pos]]
            else:
                entry[0] += weight
                entry[1].append(pos)
    return postings


def _pattern_token(token: Token, value: str, term_of, stopped: bool, keeporiginal: bool, start_pos: int,
                   start_char: int) -> Iterator[Token]:
    """The one token of a pattern: Whoosh asks for the whole text as one token for a prefix,
    wildcard or range (it has cut the ``*`` off a prefix). A stop word is dropped or marked
    stopped, as ``token.removestops`` asks."""
    if stopped and token.removestops:
        return
    token.stopped = stopped
    token.text = term_of(value)
    if keeporiginal:
        token.original = visible(value)
    if token.positions:
        token.pos = start_pos
    if token.chars:
        token.startchar = start_char
        token.endchar = start_char + len(value)
    yield token


def _query_terms(word: str) -> tuple[tuple[str, float], ...]:
    """A word's query term with its weight, as :func:`indexer.german.index_terms` gives terms; ()
    for a stop word."""
    term = query_term(word)
    return () if term is None else ((term, 1.0),)


@lru_cache(maxsize=500_000)
def _index_term_bytes(word: str) -> tuple[tuple[bytes, float], ...]:
    """:func:`indexer.german.index_terms` with each term in UTF-8, as the index keeps it (the bulk
    writer's cache)."""
    return tuple((term.encode("utf-8"), weight) for term, weight in index_terms(word))


@lru_cache(maxsize=500_000)
def _exact_term_bytes(word: str) -> bytes:
    """:func:`indexer.german.exact_term` in UTF-8."""
    return exact_term(word).encode("utf-8")


def german_analyzer() -> GermanAnalyzer:
    """The analyzer of the searchable ``text``, ``title`` and ``heading`` fields."""
    return GermanAnalyzer()


def quote_analyzer() -> QuoteAnalyzer:
    """The analyzer of the ``quote`` field."""
    return QuoteAnalyzer()


def speaker_analyzer() -> SpeakerAnalyzer:
    """The analyzer of the ``speaker`` field."""
    return SpeakerAnalyzer()


def exact_analyzer() -> ExactAnalyzer:
    """The analyzer of the ``exact`` field."""
    return ExactAnalyzer()
