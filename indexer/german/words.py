"""What a German word is in a text, and the position the index gives it.

A word is a run of letters and digits (``_`` is no letter), with invisible characters inside it
and an optional gender-inclusive ending (``Lehrer*innen``). Hyphens split words, so
``US-Außenministeriums`` is found by its parts. Stop words take no position: the first word that
is not one keeps its place among all words, and each next one counts on from it (what Whoosh's
``StopFilter(renumber=True)`` does), so a phrase matches across the stop words between its words.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import not_
from typing import Callable, Iterable, Iterator, TypeVar

from .gender import GENDER_SUFFIX, folded_gender_forms, may_hold_gender_mark
from .stopwords import GERMAN_STOP_WORDS

__all__ = ["INVISIBLE_CHARS", "LETTER_RUN_RE", "MAX_WORD_CHARS", "PLAIN_WORD_PATTERN", "WORD_RE", "WordSpans",
           "composed", "is_stop_word", "lowered_keeping_words", "positioned", "split_words", "visible",
           "word_matches", "word_spans"]

# Characters that may sit inside a word without splitting it: soft hyphen, zero-width space,
# zero-width (non-)joiner, word joiner, BOM. They are dropped from the word.
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARS}]")
#: A word: letters and digits, invisible characters inside, an optional gender ending.
PLAIN_WORD_PATTERN = rf"[^\W_](?:[^\W_]|[{INVISIBLE_CHARS}])*(?:{GENDER_SUFFIX})?"
#: The same words, the loop unrolled: runs of letters, then runs of invisible characters and
#: letters. The plain pattern tries its alternation at every letter, which is slower.
WORD_RE = re.compile(rf"[^\W_]+(?:[{INVISIBLE_CHARS}]+[^\W_]*)*(?:{GENDER_SUFFIX})?")
#: The words of a text :func:`lowered_keeping_words` returns (no invisible characters, no gender
#: marks): runs of letters and digits alone, what :data:`WORD_RE` finds there, found sooner.
LETTER_RUN_RE = re.compile(r"[^\W_]+")

#: The longest word Fundstelle analyses as a word of the language (the longest German words in
#: use have about 60 letters): a query with a longer one is refused, and a longer run of letters
#: in a text is indexed as it is, never split into compound parts.
MAX_WORD_CHARS = 100

T = TypeVar("T")


def composed(text: str) -> str:
    """``text`` in Unicode's composed form (NFC): ``ä`` as one character, not ``a`` and a combining
    diaeresis, as macOS file names and some publishing systems write it (NFD). Every text and
    query passes here before its words are found: a combining mark is no letter of the word
    pattern, so decomposed text would fall apart into ``Gurtla`` and ``nge``.

    >>> composed("Gurtla\u0308nge") == "Gurtlänge"
    True
    """
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def visible(text: str) -> str:
    """``text`` without its invisible characters.

    >>> visible("Waffen\\u00adlieferung")
    'Waffenlieferung'
    """
    return _INVISIBLE_RE.sub("", text) if _INVISIBLE_RE.search(text) else text


def word_matches(text: str) -> Iterator[tuple[str, re.Match]]:
    """Each word of ``text`` (invisible characters dropped) with its match, for its offsets.

    >>> [(word, m.span()) for word, m in word_matches("Der US-Außen\\u00administer")]
    [('Der', (0, 3)), ('US', (4, 6)), ('Außenminister', (7, 21))]
    """
    has_invisible = _INVISIBLE_RE.search(text) is not None  # rare: checked once per text
    for match in WORD_RE.finditer(text):
        yield (_INVISIBLE_RE.sub("", match.group()) if has_invisible else match.group()), match


@lru_cache(maxsize=4)
def split_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (invisible characters dropped). Remembered for the next few calls: a
    paragraph's text is indexed in two fields, one after the other.

    >>> split_words("Der US-Außenminister und Lehrer*innen")
    ('Der', 'US', 'Außenminister', 'und', 'Lehrer*innen')
    """
    words = WORD_RE.findall(text)
    if _INVISIBLE_RE.search(text) is not None:
        words = [_INVISIBLE_RE.sub("", word) for word in words]
    return tuple(words)


def is_stop_word(word: str) -> bool:
    """Whether a word as the text has it is a stop word (gender forms folded, lower-cased).

    >>> is_stop_word("Die"), is_stop_word("Waffen")
    (True, False)
    """
    return folded_gender_forms(word).lower() in GERMAN_STOP_WORDS


def positioned(items: Iterable[T], terms_of: Callable[[T], Sequence],
               keep_stops: bool = False) -> Iterator[tuple[int, T, Sequence]]:
    """``(position, item, terms)`` for each item with terms (a stop word has none), numbered as
    the index numbers words: the first keeps its place among all items, the next count on from it.
    ``keep_stops`` also yields the stop words, each at its place among all items (as Whoosh's
    ``StopFilter`` marks them when asked not to remove them).

    >>> list(positioned(["die", "Waffen", "an", "Kiew"], lambda w: [] if w in ("die", "an") else [w.lower()]))
    [(1, 'Waffen', ['waffen']), (2, 'Kiew', ['kiew'])]
    """
    pos = None
    for index, item in enumerate(items):
        terms = terms_of(item)
        if not terms:
            if keep_stops:
                yield index, item, terms
            continue
        pos = index if pos is None else pos + 1
        yield pos, item, terms


def lowered_keeping_words(text: str) -> str | None:
    """``text`` lower-cased, where its words are the same words there, lower-cased, at the same
    offsets; None where they may not be.

    Lower-casing that keeps every character one character long keeps the offsets; an invisible
    character inside a word is dropped from it as written; gender marks are looked for in the
    lower-cased text, since the word pattern reads them by case (``Lehrer*Innen`` is one word
    lower-cased, two as written).

    >>> lowered_keeping_words("Der Bund"), lowered_keeping_words("Lehrer*Innen")
    ('der bund', None)
    """
    lowered = text.lower()
    if len(lowered) == len(text) and _INVISIBLE_RE.search(text) is None and not may_hold_gender_mark(lowered):
        return lowered
    return None


def word_spans(text: str) -> "WordSpans":
    """``(position, startchar, endchar)`` of each word of ``text`` that the index gives a
    position (:func:`positioned`), without stemming or splitting anything: where a hit's matched
    positions stand in its text.

    >>> list(word_spans("Waffen an die Ukraine"))
    [(0, 0, 6), (1, 14, 21)]
    """
    lowered = lowered_keeping_words(text)
    # Words found lower-cased are ready for the stop test, which then runs in C over all words (a
    # Python step per word was most of highlighting a long hit).
    if lowered is not None:
        matches = list(LETTER_RUN_RE.finditer(lowered))
        stops = list(map(GERMAN_STOP_WORDS.__contains__, map(re.Match.group, matches)))
    else:
        words = list(word_matches(text))
        matches = [match for _, match in words]
        stops = [is_stop_word(word) for word, _ in words]
    if all(stops):
        return WordSpans(0, [])
    # positioned(): the first word that is no stop word keeps its place, the next count on from it.
    return WordSpans(stops.index(False), list(compress(matches, map(not_, stops))))


class WordSpans(Sequence):
    """:func:`word_spans`: ``(position, startchar, endchar)`` of a text's words, each made when
    read (a long hit has thousands of words; highlighting reads a few).

    >>> spans = word_spans("Waffen an die Ukraine")
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
