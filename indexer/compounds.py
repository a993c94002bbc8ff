"""German compound splitting by word frequencies (Koehn & Knight 2003), used at index time only.

``Waffenlieferungen`` is split into ``waffen`` + ``lieferungen`` because both parts are frequent
German words and their geometric mean frequency beats that of the whole word; ``Präsident`` stays
whole because ``präsi`` + ``dent`` are rare. Linking elements (Fugen-s, -es, -n, -en, -e, -er,
-ens, -ns) may stand between parts, and a modifier may have lost its final e (Schul|buch).

Frequencies come from ``wordfreq`` (German; the words of frequency ≥ 1e-6, as rarer ones can
never be parts nor outweigh parts). Loading them takes about a second, so they are loaded
lazily, on the first word to split: searching never loads them, and an index run with nothing
to analyse does not either.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable

from .stopwords import GERMAN_STOP_WORDS

__all__ = ["CompoundSplit", "CompoundSplitter", "split_compound"]

#: A compound's parts and where each starts in the word.
CompoundSplit = tuple[tuple[str, int], ...]

_LINKS = ("", "s", "es", "n", "en", "e", "er", "ens", "ns")
_MIN_PART = 4  # modifiers (all parts but the last)
_MIN_HEAD = 3  # the last part: Rat, Amt, Hof
_MIN_FREQ = 1e-6  # a part must be a real word, not a frequent fragment of the word list
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

    def __init__(self, frequency: Callable[[str], float]) -> None:
        self._frequency = frequency
        self._best: dict[tuple[str, int], tuple[float, CompoundSplit] | None] = {}

    def _part_frequency(self, part: str, is_head: bool) -> float:
        if len(part) < (_MIN_HEAD if is_head else _MIN_PART) or part in _NOT_PARTS:
            return 0.0
        freq = self._frequency(part)
        if not is_head:
            freq = max(freq, self._frequency(part + "e"))  # Schul|buch: the e of Schule elided
        if len(part) < _MIN_PART and freq < _MIN_SHORT_HEAD_FREQ:
            return 0.0
        return freq if freq >= _MIN_FREQ else 0.0

    def _best_split(self, word: str, parts: int) -> tuple[float, CompoundSplit] | None:
        """The split of ``word`` into exactly ``parts`` parts with the highest sum of log frequencies."""
        key = (word, parts)
        if key in self._best:
            return self._best[key]
        best = None
        if parts == 1:
            freq = self._part_frequency(word, is_head=True)
            best = (math.log(freq), ((word, 0),)) if freq else None
        else:
            for end in range(_MIN_PART, len(word) - _MIN_HEAD + 1):
                rest = None
                for link in _LINKS:
                    if link and not word.endswith(link, 0, end):
                        continue
                    modifier = word[: end - len(link)]
                    freq = self._part_frequency(modifier, is_head=False)
                    if not freq:
                        continue
                    rest = rest or self._best_split(word[end:], parts - 1)
                    if rest is None:
                        break
                    score = math.log(freq) + rest[0] + (_LINK_PENALTY if link else 0.0)
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


_frequencies: dict[str, float] | None = None
_word_list_splitter: CompoundSplitter | None = None


def _word_list_frequency(word: str) -> float:
    global _frequencies
    if _frequencies is None:
        from wordfreq import get_frequency_dict

        _frequencies = {
            word: freq
            for word, freq in get_frequency_dict("de", wordlist="large").items()
            if freq >= _MIN_FREQ and word.isalpha()
        }
    return _frequencies.get(word, 0.0)


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
        _word_list_splitter = CompoundSplitter(_word_list_frequency)
    return _word_list_splitter.split(word)
