"""German analysis: a tokenizer and filters composed with ``|``, on the model of ``whoosh.analysis``.

Whoosh pickles each field's analyzer into the index, so every class here must stay a module-level
name of this module: renaming one breaks existing indexes. Change what an analyzer produces only
together with :data:`ANALYSIS_VERSION`, which makes old indexes ask for ``fundstelle rebuild``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import not_
from typing import Iterator

from whoosh.analysis import CompositeAnalyzer, Filter, LowercaseFilter, StopFilter, Token, Tokenizer

from .compounds import split_compound
from .stopwords import GERMAN_STOP_WORDS

__all__ = [
    "ANALYSIS_VERSION",
    "AnalyzedWord",
    "CompoundFilter",
    "ExactAnalyzer",
    "GENDER_ENDING_PATTERN",
    "GERMAN_STOP_WORDS",
    "GenderFilter",
    "GermanAnalyzer",
    "GermanStemFilter",
    "GermanTokenizer",
    "SpellingFilter",
    "WordSpans",
    "analyze_text",
    "exact_analyzer",
    "fold_umlauts",
    "gender_base",
    "german_analyzer",
    "normalize_gender",
    "stem_word",
]

#: Bump whenever a change here would index the same text differently.
ANALYSIS_VERSION = 4

#: Term frequency a compound part adds at index time, against 1 for a word as written: a
#: paragraph that says ``Lieferung`` outranks one that only has it inside ``Waffenlieferungen``,
#: and parts of long compounds weigh less against the words a question asks for.
COMPOUND_PART_WEIGHT = 0.5

# Characters that may sit inside a word without splitting it: soft hyphen, zero-width space,
# zero-width (non-)joiner, word joiner, BOM. They are dropped from the token text.
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARS}]")

# Gender-inclusive endings: Lehrer*innen, Lehrer:innen, Lehrer_innen, Lehrer/innen, Lehrer/-innen
# (the mark, then the ending); a Binnen-I (LehrerInnen) follows a lower-case letter.
_GENDER_MARK = r"(?:[*:_/]|/-)"
_AFTER_LOWER_CASE = r"(?<=[a-zäöüß])"
_GENDER_SUFFIX = rf"{_GENDER_MARK}(?:innen|in)(?![^\W_])"
# A word: letters and digits (``_`` is not a letter), invisible characters inside, and an
# optional gender ending. Hyphens split words, so US-Außenministeriums is found by its parts.
_PLAIN_WORD_PATTERN = rf"[^\W_](?:[^\W_]|[{INVISIBLE_CHARS}])*(?:{_GENDER_SUFFIX})?"
# The same words, the loop unrolled: runs of letters, then runs of invisible characters and
# letters. The plain pattern tries its alternation at every letter, 1.6 times as slow.
_WORD_RE = re.compile(rf"[^\W_]+(?:[{INVISIBLE_CHARS}]+[^\W_]*)*(?:{_GENDER_SUFFIX})?")
_GENDER_MARKS = frozenset("*:_/")
_GENDER_MARK_RE = re.compile(rf"(?<=[^\W_]){_GENDER_MARK}(?=(?:innen|in)(?![^\W_]))")
# What every gender mark above has, found 6 times as fast (no look-behind tried at every character).
_GENDER_MARK_HINT_RE = re.compile(r"[*:_/]-?in")
# Binnen-I: LehrerInnen, LehrerIn (a capital I after a lower-case letter, ending the word).
_BINNEN_I_RE = re.compile(rf"{_AFTER_LOWER_CASE}I(?=(?:nnen|n)(?![^\W_]))")
#: A gender ending with its mark or Binnen-I after a word's letters: what normalize_gender rewrites
#: (queries.parsing finds gender forms in a query by it).
GENDER_ENDING_PATTERN = rf"(?:(?<=[^\W_]){_GENDER_MARK}i|{_AFTER_LOWER_CASE}I)(?:nnen|n)"
_GENDER_ENDING_RE = re.compile(GENDER_ENDING_PATTERN + "$")
# Old spelling wrote three equal consonants as two before a vowel (Schiffahrt, Schifffahrt):
# fold any three to two. Vowels stayed triple in both spellings (Seeelefant).
_TRIPLE_RE = re.compile(r"([b-df-hj-np-tv-z])\1\1")


def normalize_gender(text: str) -> str:
    """Write every gender-inclusive form as the plain feminine plural, which stems like the base word.

    >>> [normalize_gender(w) for w in ["Lehrer*innen", "Lehrer:innen", "Lehrer_innen", "LehrerInnen"]]
    ['Lehrerinnen', 'Lehrerinnen', 'Lehrerinnen', 'Lehrerinnen']
    """
    return _BINNEN_I_RE.sub("i", _GENDER_MARK_RE.sub("", text))


def gender_base(word: str) -> str | None:
    """The base word of a gender-inclusive form (``Kolleg*innen`` → ``Kolleg``), which the index
    keeps beside the feminine form so that ``Kollegen`` finds it too: only where the two stem
    apart (``kolleg``, ``kolleginn``; ``Lehrer*innen`` and ``Lehrer`` are both ``lehr``). None
    for other words.

    >>> gender_base("Kolleg*innen"), gender_base("ÄrztInnen"), gender_base("Lehrer*innen"), gender_base("Kollegin")
    ('Kolleg', 'Ärzt', None, None)
    """
    ending = _GENDER_ENDING_RE.search(word)
    if ending is None:
        return None
    base = word[:ending.start()]
    if base.lower() in GERMAN_STOP_WORDS or _stem_of(base) == _stem_of(normalize_gender(word)):
        return None
    return base


def _stem_of(word: str) -> str:
    """The stem the German chain gives a word as written (lower-cased, spelling folded, stemmed)."""
    return stem_word(fold_spelling(word.lower()))


@lru_cache(maxsize=200_000)
def fold_spelling(word: str) -> str:
    """ß→ss and three equal consonants to two, on a lower-case word.

    >>> fold_spelling("schifffahrt"), fold_spelling("daß")
    ('schiffahrt', 'dass')
    """
    return _TRIPLE_RE.sub(r"\1\1", word.replace("ß", "ss"))


def fold_umlauts(text: str) -> str:
    """Fold a lower-case word as the Snowball German stemmer does before and after stemming:
    ä/ae→a, ö/oe→o, ü/ue→u, ß→ss; but ``ue`` after ``q``, or with its ``u`` between two vowels
    (Steuer, Feuer, Bauer: the stemmer takes that ``u`` for a consonant), stays.

    Used for words the stemmer does not see (prefix and wildcard patterns), so that ``Präsid*``
    and ``Praesid*`` both reach the stem ``prasident``, and ``Steuerp*`` reaches ``steuerpflicht``.

    >>> fold_umlauts("außenminist"), fold_umlauts("praesid"), fold_umlauts("quelle"), fold_umlauts("steuerp")
    ('aussenminist', 'prasid', 'quelle', 'steuerp')
    """
    # The stemmer's prelude, left to right: a u or y between vowels becomes U/Y (a consonant, so
    # no vowel for the next letter either), then ß, ae, oe, ue (not qu) are replaced; its
    # postlude lowers U/Y and drops the umlauts' dots.
    letters = list(text)
    for i in range(1, len(letters) - 1):
        if letters[i] in "uy" and letters[i - 1] in _STEMMER_VOWELS and letters[i + 1] in _STEMMER_VOWELS:
            letters[i] = letters[i].upper()
    text = _PRELUDE_RE.sub(lambda m: _PRELUDE_FOLDS[m.group()], "".join(letters))
    return text.translate(_POSTLUDE)


_STEMMER_VOWELS = frozenset("aeiouyäöü")
_PRELUDE_RE = re.compile("qu|ae|oe|ue|ß")
_PRELUDE_FOLDS = {"qu": "qu", "ae": "a", "oe": "o", "ue": "u", "ß": "ss"}
_POSTLUDE = str.maketrans("UYäöü", "uyaou")


_stemmer = None


@lru_cache(maxsize=500_000)
def stem_word(word: str) -> str:
    """Stem one lower-case word with the current Snowball German algorithm (PyStemmer), cached.

    >>> stem_word("waffenlieferungen"), stem_word("mueller"), stem_word("lehrerin")
    ('waffenliefer', 'mull', 'lehr')
    """
    global _stemmer
    if _stemmer is None:
        import Stemmer  # PyStemmer; imported lazily so that importing this module stays cheap

        _stemmer = Stemmer.Stemmer("german")
    return _stemmer.stemWord(word)


class GermanTokenizer(Tokenizer):
    """Split text into words of letters and digits, keeping character offsets for highlighting.

    >>> [t.text for t in GermanTokenizer()("Der US-Außenminister\\u00adium und Lehrer*innen")]
    ['Der', 'US', 'Außenministerium', 'und', 'Lehrer*innen']
    """

    def __call__(
        self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
        removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
        mode: str = "", **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # Whoosh asks for the whole string as one token for wildcard and prefix terms (it has
            # already cut the * off a prefix): mark it, so that no filter stems a word's beginning.
            token.pattern = True
            token.original = token.text = _INVISIBLE_RE.sub("", value)
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        token.pattern = False
        has_invisible = _INVISIBLE_RE.search(value) is not None  # rare: check once per text
        for pos, match in enumerate(_WORD_RE.finditer(value), start_pos):
            text = match.group()
            if has_invisible:
                text = _INVISIBLE_RE.sub("", text)
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class GenderFilter(Filter):
    """Rewrite gender-inclusive forms (Lehrer*innen, Lehrer:innen, LehrerInnen) as ``Lehrerinnen``,
    and note their base word (:func:`gender_base`) on the token for :class:`CompoundFilter`.

    Runs before lower-casing: the Binnen-I is only recognisable by its capital.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            folded = _gender_folded(t.text)
            # The base word (Kolleg of Kolleg*innen), which CompoundFilter adds at index time.
            t.gender_base = None if folded == t.text else gender_base(t.text)
            t.text = folded
            yield t


def _gender_folded(text: str) -> str:
    """``text`` with a gender-inclusive form rewritten (see :class:`GenderFilter`)."""
    # Fast path: a gender form has a marker or an inner capital I before "n".
    if "n" in text and (_GENDER_MARKS.intersection(text) or "In" in text):
        return normalize_gender(text)
    return text


class SpellingFilter(Filter):
    """Fold spelling variants of the 1996 reform: ß→ss (daß=dass) and three equal letters to two
    (Schifffahrt=Schiffahrt). Runs on lower-case text, before stemming."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold_spelling(t.text)
            yield t


class CompoundFilter(Filter):
    """At index time, add a compound's parts at the compound's own position (as Lucene's compound
    filters do), so that ``Lieferung`` finds ``Waffenlieferungen`` and phrases still line up; and
    after them a gender form's base word (``Kolleg*innen``: ``kolleg``, noted by :class:`GenderFilter`).

    The compound itself is kept; for three or more parts the right-hand sub-compounds are added
    too (``bundesverfassungsgericht`` → ``bund``, ``verfassung``, ``gericht``,
    ``verfassungsgericht``). Queries are not split: a query for the whole compound finds the
    compound only. Runs on lower-case text before stemming; the parts are stemmed after it.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            # Read the word before yielding: later filters change the (shared) token in place.
            word = t.text
            base = getattr(t, "gender_base", None)
            yield t
            if t.mode != "index" or getattr(t, "pattern", False):
                continue
            parts = split_compound(word)
            if parts:
                boost = t.boost
                # Whoosh's Positions format adds up token boosts as the term's weight (its
                # frequency for BM25): a part counts less than a word as written.
                t.boost = boost * COMPOUND_PART_WEIGHT
                for i, (part, start) in enumerate(parts):
                    t.text = part
                    yield t
                    if 0 < i < len(parts) - 1:
                        t.text = word[start:]
                        yield t
                t.boost = boost
            if base is not None:
                # A gender form's base word counts as written: Kolleg*innen says Kollegen too.
                t.text = fold_spelling(base.lower())
                yield t


class GermanStemFilter(Filter):
    """Stem with the current Snowball German algorithm (PyStemmer); ae/oe/ue count as ä/ö/ü.

    Wildcard and prefix patterns (``Waffenliefer*``) are not stemmed, only folded like the
    stemmer's output (ä→a, ß→ss), so that they still meet the indexed stems.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if getattr(t, "pattern", False):
                t.text = fold_umlauts(t.text)
            else:
                t.text = stem_word(t.text)
            yield t


def _german_chain() -> CompositeAnalyzer:
    return (
        GermanTokenizer()
        | GenderFilter()
        | LowercaseFilter()
        | StopFilter(stoplist=GERMAN_STOP_WORDS, minsize=1, renumber=True)
        | SpellingFilter()
        | CompoundFilter()
        | GermanStemFilter()
    )


def index_terms(word: str) -> tuple[tuple[str, float], ...]:
    """The terms and weights the German chain indexes for one word as the tokenizer cut it: its
    stem, then the stems of its compound parts, then a gender form's base word's; () for a stop
    word. Its callers cache it: texts repeat their words.

    >>> index_terms("Waffenlieferungen"), index_terms("und"), index_terms("Kolleg*innen")
    ((('waffenliefer', 1.0), ('waff', 0.5), ('liefer', 0.5)), (), (('kolleginn', 1.0), ('kolleg', 1.0)))
    """
    # The chain's filters, in its order, on one word (the chain's generators and token cost four
    # times as much, for every new word of a build): gender forms, lower case, stop words,
    # spelling, the word's stem, then each compound part's (and inner sub-compound's) stem, then
    # the gender base's.
    text = _gender_folded(word).lower()
    if not text or text in GERMAN_STOP_WORDS:
        return ()
    text = fold_spelling(text)
    terms = [(stem_word(text), 1.0)]
    parts = split_compound(text)
    for i, (part, start) in enumerate(parts):
        terms.append((stem_word(part), COMPOUND_PART_WEIGHT))
        if 0 < i < len(parts) - 1:
            terms.append((stem_word(text[start:]), COMPOUND_PART_WEIGHT))
    base = gender_base(word)
    if base is not None:
        terms.append((_stem_of(base), 1.0))
    return tuple(terms)


@lru_cache(maxsize=500_000)
def _index_term_bytes(word: str) -> tuple[tuple[bytes, float], ...]:
    """:func:`index_terms` with each term in UTF-8, as the index keeps it (the bulk writer's cache)."""
    return tuple((term.encode("utf-8"), weight) for term, weight in index_terms(word))


#: :func:`index_terms`, cached: for the analyzer's own fast path (a build caches in UTF-8 only).
_cached_index_terms = lru_cache(maxsize=500_000)(index_terms)


@lru_cache(maxsize=500_000)
def _exact_term_bytes(word: str) -> bytes:
    """The ``exact`` field's term of a word as the tokenizer cut it: lower-cased, in UTF-8."""
    return word.lower().encode("utf-8")


@lru_cache(maxsize=4)
def _words(value: str) -> tuple[str, ...]:
    """The words of ``value`` as :class:`GermanTokenizer` cuts them (invisible characters dropped).
    Remembered for the next few calls: a paragraph's text is indexed in two fields, one after the other."""
    words = _WORD_RE.findall(value)
    if _INVISIBLE_RE.search(value) is not None:
        words = [_INVISIBLE_RE.sub("", word) for word in words]
    return tuple(words)


class GermanAnalyzer(CompositeAnalyzer):
    """The German chain (tokenizer | gender | lower-case | stop words | spelling | compounds |
    stems), with a fast path for indexing.

    Every token through six generator filters was the largest cost of a build. All these filters
    act on one word at a time, so at index time each word's terms come from
    :func:`index_terms` (cached) and only positions are worked out here: a stop word takes no
    position (as ``StopFilter(renumber=True)`` does it) and compound parts share their word's.
    Queries, highlighting and patterns run the chain itself. It is always the German chain
    (no other filters can be passed), the one :func:`index_terms` runs.
    """

    def __init__(self) -> None:
        super().__init__(_german_chain())

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        if mode != "index" or keeporiginal or not removestops or not tokenize:
            return super().__call__(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                                    removestops=removestops, start_pos=start_pos, start_char=start_char,
                                    tokenize=tokenize, mode=mode, **kwargs)
        return self._index_tokens(value, positions, chars, start_pos, start_char, mode, kwargs)

    @staticmethod
    def _index_tokens(value: str, positions: bool, chars: bool, start_pos: int, start_char: int, mode: str,
                      kwargs: dict) -> Iterator[Token]:
        token = Token(positions, chars, removestops=True, mode=mode, **kwargs)
        token.boost = 1.0
        token.stopped = False
        token.pattern = False
        has_invisible = _INVISIBLE_RE.search(value) is not None
        pos = None
        for index, match in enumerate(_WORD_RE.finditer(value), start_pos):
            word = match.group()
            terms = _cached_index_terms(_INVISIBLE_RE.sub("", word) if has_invisible else word)
            if not terms:
                continue
            # StopFilter(renumber=True): the first word keeps its place, the next count on from it.
            pos = index if pos is None else pos + 1
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            for token.text, token.boost in terms:
                yield token

    @staticmethod
    def index_positions(value: str) -> dict[bytes, list]:
        """Each term indexing ``value`` adds (UTF-8) with ``[weight, positions]``: what Whoosh's
        ``Positions`` format adds up from the chain's tokens (a weight is the sum of the
        tokens' boosts), without a token per word. Used by the bulk writer
        (:mod:`indexer.engine.segmentwriter`).

        >>> GermanAnalyzer.index_positions("Waffen an die Waffenhändler")
        {b'waff': [1.5, [0, 1]], b'waffenhandl': [1.0, [1]], b'handl': [0.5, [1]]}
        """
        postings: dict[bytes, list] = {}
        pos = None
        for index, word in enumerate(_words(value)):
            terms = _index_term_bytes(word)
            if not terms:
                continue
            # StopFilter(renumber=True): the first word keeps its place, the next count on from it.
            pos = index if pos is None else pos + 1
            for term, weight in terms:
                entry = postings.get(term)
                if entry is None:
                    postings[term] = [weight, [pos]]
                else:
                    entry[0] += weight
                    entry[1].append(pos)
        return postings

    @staticmethod
    def word_spans(value: str) -> "WordSpans":
        """``(position, startchar, endchar)`` of each word of ``value`` that the index gives a
        position, numbered as at indexing, without stemming or splitting anything: where a
        hit's matched positions stand in its text (a stop word takes no position). The positions
        are consecutive: the first word's index among all words, then one more each.

        >>> list(GermanAnalyzer.word_spans("Waffen an die Ukraine"))
        [(0, 0, 6), (1, 14, 21)]
        """
        lowered = value.lower()
        # A text whose lower-casing keeps every character one character long keeps its offsets: its
        # words are found lower-cased, ready for the stop test, which then runs in C over all
        # words (a Python step per word was most of highlighting a long hit). Gender marks are
        # looked for in the lower-cased text: Lehrer*Innen is one word there, two as written.
        if len(lowered) == len(value) and _INVISIBLE_RE.search(value) is None \
                and _GENDER_MARK_HINT_RE.search(lowered) is None:
            matches = list(_WORD_RE.finditer(lowered))
            stops = list(map(GERMAN_STOP_WORDS.__contains__, map(re.Match.group, matches)))
        else:
            # The chain's stop test: invisible characters out, gender forms folded, lower-cased.
            matches = list(_WORD_RE.finditer(value))
            stops = [_gender_folded(_INVISIBLE_RE.sub("", match.group())).lower() in GERMAN_STOP_WORDS
                     for match in matches]
        if all(stops):
            return WordSpans(0, [])
        # StopFilter(renumber=True): the first word keeps its place, the next count on from it.
        return WordSpans(stops.index(False), list(compress(matches, map(not_, stops))))


class WordSpans(Sequence):
    """:meth:`GermanAnalyzer.word_spans`: ``(position, startchar, endchar)`` of a text's words,
    each made when read (a long hit has thousands of words; highlighting reads a few).

    >>> spans = GermanAnalyzer.word_spans("Waffen an die Ukraine")
    >>> spans[-1], spans[:1], len(spans)
    ((1, 14, 21), [(0, 0, 6)], 2)
    """

    __slots__ = ("_first", "_matches")

    def __init__(self, first: int, matches: list[re.Match]) -> None:
        self._first = first
        self._matches = matches

    def __len__(self) -> int:
        return len(self._matches)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._matches)))]
        match = self._matches[index]
        return self._first + index % len(self._matches), match.start(), match.end()


def german_analyzer() -> GermanAnalyzer:
    """The analyzer of the searchable ``text``, ``title`` and ``heading`` fields.

    >>> [t.text for t in german_analyzer()("Waffenlieferungen an die Ukraine")]
    ['waffenliefer', 'ukrain']
    """
    return GermanAnalyzer()


class ExactAnalyzer(CompositeAnalyzer):
    """Words as written, only lower-cased (tokenizer | lower-case), with the bulk writer's
    :meth:`index_positions` as :class:`GermanAnalyzer` has it."""

    def __init__(self) -> None:
        super().__init__(GermanTokenizer(), LowercaseFilter())

    @staticmethod
    def index_positions(value: str) -> dict[bytes, list]:
        """Each term (UTF-8) with ``[weight, positions]``, every word counting 1.

        >>> ExactAnalyzer.index_positions("Die Waffen, die")
        {b'die': [2.0, [0, 2]], b'waffen': [1.0, [1]]}
        """
        postings: dict[bytes, list] = {}
        for pos, word in enumerate(_words(value)):
            term = _exact_term_bytes(word)
            entry = postings.get(term)
            if entry is None:
                postings[term] = [1.0, [pos]]
            else:
                entry[0] += 1.0
                entry[1].append(pos)
        return postings


def exact_analyzer() -> ExactAnalyzer:
    """The analyzer of the ``exact`` field: words as written, only lower-cased, no stop words removed.

    >>> [t.text for t in exact_analyzer()("Waffenlieferungen an Nordkorea")]
    ['waffenlieferungen', 'an', 'nordkorea']
    """
    return ExactAnalyzer()


@dataclass(frozen=True)
class AnalyzedWord:
    """What the index makes of one word (``fundstelle analyze``)."""

    position: int
    word: str  # as written
    start: int
    end: int
    stop_word: bool
    term: str | None  # the stem searched for; None for a stop word
    parts: tuple[str, ...]  # stems of compound parts, indexed at the same position
    exact: str  # the term of the exact field
    base: str | None = None  # a gender form's base word's stem (gender_base), at the same position


def analyze_text(text: str) -> list[AnalyzedWord]:
    """Show how ``text`` is indexed, word by word, like Elasticsearch's ``_analyze``.

    >>> [(w.word, w.term, w.parts) for w in analyze_text("Waffenlieferungen an")]
    [('Waffenlieferungen', 'waffenliefer', ('waff', 'liefer')), ('an', None, ())]
    """
    analyzer = german_analyzer()
    words = []
    for position, token in enumerate(GermanTokenizer()(text, chars=True)):
        word, start, end = token.text, token.startchar, token.endchar
        terms = [t.text for t in analyzer(word, mode="index")]
        base_word = gender_base(word) if terms else None
        base = _stem_of(base_word) if base_word else None
        words.append(AnalyzedWord(
            position=position, word=text[start:end], start=start, end=end, stop_word=not terms,
            term=terms[0] if terms else None, parts=tuple(terms[1:len(terms) - (base is not None)]),
            exact=word.lower(), base=base,
        ))
    return words
