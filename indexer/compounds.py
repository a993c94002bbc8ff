"""German compound splitting by word frequencies (Koehn & Knight 2003), used at index time only.

``Waffenlieferungen`` is split into ``waffen`` + ``lieferungen`` because both parts are frequent
German words and their geometric mean frequency beats that of the whole word; ``Präsident`` stays
whole because ``präsi`` + ``dent`` are rare. Linking elements (Fugen-s, -es, -n, -en, -e, -er,
-ens, -ns) may stand between parts, and a modifier may have lost its final e (Schul|buch).

Frequencies come from ``wordfreq`` (German, 626k words). Loading them takes about a second and
120 MB, so they are loaded lazily, on the first word to split: searching never loads them, and an
index run with nothing to analyse does not either.
"""
from __future__ import annotations

import math
from functools import lru_cache

from .stopwords import GERMAN_STOP_WORDS

__all__ = ["CompoundSplit", "split_compound"]

#: A compound's parts and where each starts in the word.
CompoundSplit = tuple[tuple[str, int], ...]

_LINKS = ("", "s", "es", "n", "en", "e", "er", "ens", "ns")
_MIN_PART = 4  # modifiers (all parts but the last)
_MIN_HEAD = 3  # the last part: Rat, Amt, Hof
_MIN_FREQ = 1e-6  # a part must be a real word, not a frequent fragment of the word list
_MIN_SHORT_HEAD_FREQ = 1e-5  # a 3-letter head must be common (rat, amt), not noise (ung, gen)
_MAX_PARTS = 4
# Never parts: function words (Hinter|grund, Unter|stützung) and derivational endings that are
# also listed as words (bürger|lichen, vor|sitz|ende).
_NOT_PARTS = {w.replace("ß", "ss") for w in GERMAN_STOP_WORDS} | set(
    """über unter hinter gegen ober wider neben wieder ohne selbst zusammen voll fest best ende
    ungen heit keit schaft igen lich liche lichen licher liches lichem isch ische ischen tion
    ität ling chen lein nis sal tum bar sam haft weise""".split()
)
# A link makes a split a little less likely: einkommen|steuer beats einkommen|s|teuer.
_LINK_PENALTY = math.log(0.5)

_frequencies: dict[str, float] | None = None


def _lexicon() -> dict[str, float]:
    global _frequencies
    if _frequencies is None:
        from wordfreq import get_frequency_dict

        _frequencies = {
            word: freq
            for word, freq in get_frequency_dict("de", wordlist="large").items()
            if len(word) >= _MIN_HEAD and word.isalpha()
        }
    return _frequencies


def _part_frequency(part: str, is_head: bool) -> float:
    if len(part) < (_MIN_HEAD if is_head else _MIN_PART) or part in _NOT_PARTS:
        return 0.0
    lexicon = _lexicon()
    freq = lexicon.get(part, 0.0)
    if not is_head:
        freq = max(freq, lexicon.get(part + "e", 0.0))  # Schul|buch: the e of Schule elided
    if len(part) < _MIN_PART and freq < _MIN_SHORT_HEAD_FREQ:
        return 0.0
    return freq if freq >= _MIN_FREQ else 0.0


@lru_cache(maxsize=200_000)
def _best_split(word: str, parts: int) -> tuple[float, CompoundSplit] | None:
    """The split of ``word`` into exactly ``parts`` parts with the highest sum of log frequencies."""
    if parts == 1:
        freq = _part_frequency(word, is_head=True)
        return (math.log(freq), ((word, 0),)) if freq else None
    best = None
    for end in range(_MIN_PART, len(word) - _MIN_HEAD + 1):
        rest = None
        for link in _LINKS:
            if link and not word.endswith(link, 0, end):
                continue
            modifier = word[: end - len(link)]
            freq = _part_frequency(modifier, is_head=False)
            if not freq:
                continue
            rest = rest or _best_split(word[end:], parts - 1)
            if rest is None:
                break
            score = math.log(freq) + rest[0] + (_LINK_PENALTY if link else 0.0)
            if best is None or score > best[0]:
                best = (score, ((modifier, 0), *((p, s + end) for p, s in rest[1])))
    return best


@lru_cache(maxsize=500_000)
def split_compound(word: str) -> CompoundSplit:
    """Split a lower-case word (ß written ss) into its parts with their start offsets; () if it is no compound.

    >>> split_compound("waffenlieferungen")
    (('waffen', 0), ('lieferungen', 6))
    >>> split_compound("präsident")
    ()
    """
    if len(word) < _MIN_PART + _MIN_HEAD or not word.isalpha():
        return ()
    options = [s for n in range(2, _MAX_PARTS + 1) if (s := _best_split(word, n))]
    if not options:
        return ()
    score, parts = max(options, key=lambda option: option[0] / len(option[1]))
    # Koehn & Knight: split only where the parts' geometric mean frequency beats the whole word's.
    if math.exp(score / len(parts)) <= _lexicon().get(word, 0.0):
        return ()
    return parts
