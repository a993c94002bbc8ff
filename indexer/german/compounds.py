"""German compound splitting by word frequencies (Koehn & Knight 2003).

``Waffenlieferungen`` is split into ``waffen`` + ``lieferungen`` because both parts are frequent
German words and their geometric mean frequency beats that of the whole word; ``Präsident`` stays
whole because ``präsi`` + ``dent`` are rare. Linking elements (Fugen-s, -es, -n, -en, -e, -er,
-ens, -ns) may stand between parts, and a modifier may have lost its final e (Schul|buch).

The splitter takes its frequencies as a function: the index splits by the German word list
(:func:`split_compound`, :mod:`.wordlist`), the query side by the index's own vocabulary.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable, Container

from .stopwords import GERMAN_STOP_WORDS
from .wordlist import MIN_FREQUENCY, MIN_PREFIX, word_list

__all__ = ["CompoundSplit", "CompoundSplitter", "split_compound"]

#: A compound's parts and where each starts in the word.
CompoundSplit = tuple[tuple[str, int], ...]

_LINKS = ("", "s", "es", "n", "en", "e", "er", "ens", "ns")
_MAX_LINK = max(map(len, _LINKS))
_MIN_PART = MIN_PREFIX  # modifiers (all parts but the last)
_MIN_HEAD = 3  # the last part: Rat, Amt, Hof
_MIN_FREQ = MIN_FREQUENCY  # a part must be a real word, not a frequent fragment of the word list
_MIN_SHORT_HEAD_FREQ = 1e-5  # a 3-letter head must be common (rat, amt), not noise (ung, gen)
_MAX_PARTS = 4
# Never parts: function words (Hinter|grund, Unter|stützung), the feminine ending (Lehrer|innen)
# and derivational endings that are also listed as words (bürger|lichen, vor|sitz|ende).
_NOT_PARTS = {w.replace("ß", "ss") for w in GERMAN_STOP_WORDS} | set(
    """über unter hinter gegen ober wider neben wieder ohne selbst zusammen voll fest best ende
    innen inne nen erin erinn ungen heit keit schaft igen lich liche lichen licher liches lichem
    isch ische ischen tion ität ling chen lein nis sal tum bar sam haft weise""".split()
)
# A link makes a split a little less likely: einkommen|steuer beats einkommen|s|teuer.
_LINK_PENALTY = math.log(0.5)
_MEMO_SIZE = 1_000_000  # partial splits remembered per splitter


class CompoundSplitter:
    """Koehn & Knight splitting over any word frequency function (relative frequencies, 0 for unknown).

    The index uses the German word list (:func:`split_compound`); the query side uses the index's
    own vocabulary, so that searching never loads the word list.
    """

    def __init__(self, frequency: Callable[[str], float], prefixes: Container[str] | None = None) -> None:
        """``prefixes``, if given, holds every beginning of four or more letters of every word
        that has a frequency: a modifier must be one, so a word is searched for modifiers only as
        far as its beginning is one (most of the work of splitting a long word otherwise)."""
        self._frequency = frequency
        self._prefixes = prefixes
        self._best: dict[tuple[str, int], tuple[float, CompoundSplit] | None] = {}
        # Log frequency of a word as a modifier / as the head, or None: a compound's vocabulary
        # is split again and again (every word starting with ``bundes``), so each is looked up once.
        self._modifier_logs: dict[str, float | None] = {}
        self._head_logs: dict[str, float | None] = {}
        self._modifier_memo: dict[str, tuple[tuple[int, str, float, float], ...]] = {}

    def _part_frequency(self, part: str, is_head: bool) -> float:
        if len(part) < (_MIN_HEAD if is_head else _MIN_PART) or part in _NOT_PARTS:
            return 0.0
        freq = self._frequency(part)
        if not is_head:
            freq = max(freq, self._frequency(part + "e"))  # Schul|buch: the e of Schule elided
        if len(part) < _MIN_PART and freq < _MIN_SHORT_HEAD_FREQ:
            return 0.0
        return freq if freq >= _MIN_FREQ else 0.0

    def _log_frequency(self, part: str, is_head: bool) -> float | None:
        """``log`` of :meth:`_part_frequency`, None where that is 0; remembered."""
        memo = self._head_logs if is_head else self._modifier_logs
        if part in memo:
            return memo[part]
        freq = self._part_frequency(part, is_head)
        log = math.log(freq) if freq else None
        if len(memo) < _MEMO_SIZE:
            memo[part] = log
        return log

    def _modifiers(self, word: str) -> tuple[tuple[int, str, float, float], ...]:
        """Every way ``word`` can begin with a modifier: (where the rest starts, the modifier, its
        log frequency, the link's penalty), shortest first, then in the order of ``_LINKS``."""
        found = self._modifier_memo.get(word)
        if found is None:
            logs = self._modifier_logs
            prefixes = self._prefixes
            options = []
            dead = len(word) + 1  # no modifier is this long or longer
            for end in range(_MIN_PART, len(word) - _MIN_HEAD + 1):
                if prefixes is not None and dead > end and word[:end] not in prefixes:
                    dead = end
                if end - _MAX_LINK >= dead:
                    break
                for link, penalty in _links_ending(word[max(0, end - _MAX_LINK):end]):
                    if end - len(link) >= dead:
                        continue
                    modifier = word[: end - len(link)]
                    log = logs[modifier] if modifier in logs else self._log_frequency(modifier, False)
                    if log is not None:
                        options.append((end, modifier, log, penalty))
            found = tuple(options)
            if len(self._modifier_memo) < _MEMO_SIZE:
                self._modifier_memo[word] = found
        return found

    def _best_split(self, word: str, parts: int) -> tuple[float, CompoundSplit] | None:
        """The split of ``word`` into exactly ``parts`` parts with the highest sum of log frequencies
        (of equal scores, the one with the shortest first modifier, then the link first in ``_LINKS``)."""
        key = (word, parts)
        if key in self._best:
            return self._best[key]
        best = None
        if parts == 1:
            log = self._log_frequency(word, is_head=True)
            best = (log, ((word, 0),)) if log is not None else None
        else:
            rest_end = rest = None
            for end, modifier, log, penalty in self._modifiers(word):
                if end != rest_end:
                    rest_end, rest = end, self._best_split(word[end:], parts - 1)
                if rest is None:
                    continue
                score = log + rest[0] + penalty
                if best is None or score > best[0]:
                    best = (score, ((modifier, 0), *((p, s + end) for p, s in rest[1])))
        if len(self._best) < _MEMO_SIZE:
            self._best[key] = best
        return best

    def split(self, word: str) -> CompoundSplit:
        """Split a lower-case word (ß written ss) into parts with their start offsets; () if it is no compound."""
        if len(word) < _MIN_PART + _MIN_HEAD or not word.isalpha():
            return ()
        options = [s for n in range(2, _MAX_PARTS + 1) if (s := self._best_split(word, n))]
        if not options:
            return ()
        score, parts = max(options, key=lambda option: option[0] / len(option[1]))
        # Split only where the parts' geometric mean frequency beats the whole word's.
        if math.exp(score / len(parts)) <= self._frequency(word):
            return ()
        return parts


@lru_cache(maxsize=4096)
def _links_ending(tail: str) -> tuple[tuple[str, float], ...]:
    """The linking elements a modifier ending in ``tail`` (its last three letters) may carry, in
    the order of ``_LINKS``, each with its score penalty (none for no link)."""
    return tuple((link, _LINK_PENALTY if link else 0.0) for link in _LINKS if tail.endswith(link))


_word_list_splitter: CompoundSplitter | None = None


@lru_cache(maxsize=500_000)
def split_compound(word: str) -> CompoundSplit:
    """Split a lower-case word (ß written ss) by the German word list; () if it is no compound.

    >>> split_compound("waffenlieferungen")
    (('waffen', 0), ('lieferungen', 6))
    >>> split_compound("präsident")
    ()
    """
    global _word_list_splitter
    if _word_list_splitter is None:
        frequencies, prefixes = word_list()
        _word_list_splitter = CompoundSplitter(lambda part: frequencies.get(part, 0.0), prefixes)
    return _word_list_splitter.split(word)
