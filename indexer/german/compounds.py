"""German compound splitting by word frequencies (Koehn & Knight 2003), with German word-formation
rules that keep derivations whole.

``Waffenlieferungen`` is split into ``waffen`` + ``lieferungen`` because both parts are German
words and their geometric mean frequency, times :data:`WHOLE_WORD_RATIO`, beats that of the whole
word; ``Präsident`` stays whole because ``präsi`` + ``dent`` are rare. Linking elements (Fugen-s,
-es, -n, -en, -e, -er, -ens, -ns) may stand between parts, and a modifier may have lost its final
e (Schul|buch, Erd|beben).

A split is refused where German word formation says the word is no compound (the rules are
measured on the gold list in ``tests/data/compounds-gold.tsv``, ``docs/relevance.md``):

- the head must carry the word's ending: its stem must be how the word's stem ends
  (``südkorea|nische`` is refused, ``südkoreanisch`` stems to ``sudkorean``);
- derivational endings and suffix-like words are never heads (``-mäßig``, ``-los``, ``-jährig``,
  ``-enswert``), function words and verb particles never parts (``Hinter|grund``,
  ``zurück|kamen``);
- a noun made from a verb is the verb's, not a compound (``Sicherstellung`` of ``sicherstellen``,
  ``Teilnehmer`` of ``teilnehmen``), and so is a participle or zu-infinitive (``freigesetzt``,
  ``offenzulegen``).

The splitter takes its frequencies as a function: the index splits by the German word list
(:func:`split_compound`, :mod:`.wordlist`), the query side by the index's own vocabulary.
"""
from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache
from typing import Callable, Container

from .stemming import stem_word
from .stopwords import GERMAN_STOP_WORDS
from .wordlist import MIN_FREQUENCY, MIN_PREFIX, word_list
from .words import MAX_WORD_CHARS

__all__ = ["WHOLE_WORD_RATIO", "CompoundSplit", "CompoundSplitter", "constituents", "split_compound"]

#: A compound's parts (or constituents) and where each starts in the word.
CompoundSplit = tuple[tuple[str, int], ...]

#: How much more frequent than its parts (their geometric mean) a word may be and still split:
#: common compounds (Feuerwehr, Erdbeben, Staatsanwaltschaft) are more frequent than their parts.
WHOLE_WORD_RATIO = 8.0

_LINKS = ("", "s", "es", "n", "en", "e", "er", "ens", "ns")
_MAX_LINK = max(map(len, _LINKS))
_MIN_PART = MIN_PREFIX  # modifiers (all parts but the last)
_MIN_SHORT_PART = 3  # a 3-letter part (Bau, Tag, Rat, Amt, Hof) must be common
_MIN_SHORT_FREQ = 1e-5  # ... (bau, rat, amt), not noise (ung, gen, ang)
_MIN_FREQ = 1e-6  # a part must be a real word, not a frequent fragment of the word list
# ... and the rarer a word, the more of the list's rare entries are fragments, abbreviations and
# typing errors (begr, entw, gesat), except in long words (kolonial, etikettierung, chlorid): the
# least frequency of a part by its number of letters, the last for any longer.
_MIN_FREQUENCIES = (_MIN_FREQ,) * (_MIN_PART + 1) + (3e-7, MIN_FREQUENCY)
_VOWEL = re.compile("[aeiouyäöü]")
_ISCH_ENDING = re.compile("isch(?:e|en|er|es|em)?$")
_MAX_PARTS = 4
# Separable verb particles: a verb with one is no compound (heran|ziehen, weiter|geben).
_PARTICLES = tuple("""heran hinzu zurück voraus herum hinaus hinein heraus herab darauf daran davon dazu
    entgegen fort empor nieder voran vorbei vorüber allein zusammen wieder weiter hervor dar überein""".split())
# Never parts: function words (Hinter|grund), verb particles, the feminine ending (Lehrer|innen),
# derivational endings listed as words (bürger|lichen, vor|sitz|ende, resolut|ionen) and
# fragments that are words of the list only as English or abbreviations (end, les, son, int).
_NOT_PARTS = {w.replace("ß", "ss") for w in GERMAN_STOP_WORDS} | set(_PARTICLES) | set(
    """über unter hinter gegen ober wider neben ohne selbst voll fest best ende enden
    innen inne nen erin erinn ungen heit keit schaft igen lich liche lichen licher liches lichem
    isch ische ischen tion ität ling chen lein nis sal tum bar sam haft weise
    isieren ion ionen nahme nahmen erweise elle ellen mal male malen inter
    all gar erst pro min mod abs fur her hin ange wied
    end les son ten ang ell enger field int""".split()
)
# Stems of heads that make derivations, not compounds (plan|mäßig, bewegungs|los, minder|jährig,
# groß|artig), and endings of a head that is an inflected derivation.
_NOT_HEAD_STEMS = set("massig gemass jahrig los haft bar sam weis artig lich isch ung heit keit schaft".split())
# A compound as common as Feuerwehr may be more frequent than its parts: its modifiers are at
# least this common, and its head at least this (Staats|anwaltschaft).
_COMMON_MODIFIER_LOG = math.log(1e-5)
_COMMON_HEAD_LOG = math.log(3e-7)
# Stems of heads that end place and family names (Deutsch|land, Regens|burg, Stein|meier).
_NAME_HEADS = set("land burg berg dorf heim furt feld stein meier bach hag".split())
# An agent noun or a verbal noun of a verb (Teilnehmer, Sicherstellung): word = verb stem + ending.
_VERBAL_NOUN_ENDINGS = ("ungen", "ung", "erinnen", "erin", "ern", "ers", "er")
# Endings of a verb form (sicherstellt, freigesetzten) and of a present participle (nehmende).
_VERB_FORM_ENDINGS = ("tem", "ten", "ter", "tes", "te", "t", "enen", "ene", "ener", "enes", "enem", "en")
_PRESENT_PARTICIPLE = re.compile("end(?:e|en|er|es|em)?$")
# A link makes a split a little less likely: einkommen|steuer beats einkommen|s|teuer.
_LINK_PENALTY = math.log(0.5)
_PART_PENALTY = math.log(0.7)
_MEMO_SIZE = 1_000_000  # partial splits remembered per splitter


class CompoundSplitter:
    """Koehn & Knight splitting over any word frequency function (relative frequencies, 0 for unknown).

    The index uses the German word list (:func:`split_compound`); the query side uses the index's
    own vocabulary, so that searching never loads the word list.
    """

    def __init__(self, frequency: Callable[[str], float], prefixes: Container[str] | None = None,
                 stem_frequency: Callable[[str], float] | None = None,
                 whole_word_ratio: float = WHOLE_WORD_RATIO, rules: bool = True) -> None:
        """``stem_frequency``, if given, is the frequency of a stem in all its forms: a head or an
        inner compound is a word where any of its forms is (``stoffen`` where ``stoff`` and
        ``stoffe`` are counted, ``wahlergebnisses``). ``prefixes``, if given, holds every
        beginning of four or more letters of every word that has a frequency: a modifier must be
        one, so a word is searched for modifiers only as far as its beginning is one (most of the
        work of splitting a long word otherwise). ``whole_word_ratio`` 1 and ``rules`` False are
        Koehn & Knight as published, without the word-formation rules: for frequencies of stems
        (an index's vocabulary), where the rules' tests of word forms (is there a verb beside
        this plural?) always say yes, and to measure (``benchmarks.compounds``)."""
        self._frequency = frequency
        self._stem_frequency = stem_frequency
        self._prefixes = prefixes
        self._whole_word_ratio = whole_word_ratio
        self._rules = rules
        self._best: dict[str, tuple[tuple[float, CompoundSplit] | None, ...]] = {}  # of rests
        # Log frequency of a word as a modifier / as the head, or None: a compound's vocabulary
        # is split again and again (every word starting with ``bundes``), so each is looked up once.
        self._modifier_logs: dict[str, float | None] = {}
        self._head_logs: dict[str, float | None] = {}

    def _part_frequency(self, part: str, is_head: bool) -> float:
        if part in _NOT_PARTS or len(part) < (_MIN_SHORT_PART if is_head or self._rules else _MIN_PART):
            return 0.0
        freq = self._frequency(part)
        if not is_head:
            freq = max(freq, self._frequency(part + "e"))  # Schul|buch: the e of Schule elided
        elif self._stem_frequency is not None and self._rules:
            # An inflected head counts with all its forms (stoffen, wahlergebnisses); a head that
            # is its own stem must be a word as it stands (Mitt|woch is no form of Woche).
            stem = stem_word(part)
            if stem != part and len(stem) >= _MIN_PART and stem not in _NOT_PARTS:
                freq = max(freq, self._stem_frequency(stem))
        if len(part) < _MIN_PART and (freq < _MIN_SHORT_FREQ or not (is_head or self._rules)):
            return 0.0
        if not self._rules:
            return freq if freq >= _MIN_FREQ else 0.0
        if len(part) <= _MIN_PART and not _VOWEL.search(part):
            return 0.0  # sch|utzes
        return freq if freq >= _MIN_FREQUENCIES[min(len(part), len(_MIN_FREQUENCIES) - 1)] else 0.0

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
        log frequency, the link's penalty), ordered by where the rest starts, then as ``_LINKS``."""
        logs = self._modifier_logs
        prefixes = self._prefixes
        last = len(word) - _MIN_SHORT_PART  # the rest is a part too
        options = []
        # Each beginning of the word that is a modifier, with each link that follows it; the
        # search stops at the first beginning no word of the list has.
        for length in range(_MIN_SHORT_PART, last + 1):
            modifier = word[:length]
            if prefixes is not None and length >= _MIN_PART and modifier not in prefixes:
                break
            log = logs[modifier] if modifier in logs else self._log_frequency(modifier, False)
            if log is not None:
                options.extend((length + size, order, modifier, log, penalty)
                               for size, order, penalty in _links_starting(word[length:length + _MAX_LINK])
                               if length + size <= last)
        options.sort(key=lambda option: option[:2])
        return tuple((end, modifier, log, penalty) for end, _, modifier, log, penalty in options)

    def _best_splits(self, word: str, first: bool = True) -> tuple[tuple[float, CompoundSplit] | None, ...]:
        """For one to :data:`_MAX_PARTS` parts, the split of ``word`` into that many parts with the
        highest sum of log frequencies, or None (of equal scores, the one with the shortest first
        modifier, then the link first in ``_LINKS``); all counts at once, so that each ending of
        the word is searched for modifiers once. Only the ``first`` modifier may be as short as
        three letters (Bau|spar|darlehen, not Grund|geh|alt)."""
        # Only what follows a modifier is remembered: a whole word is split once (its callers
        # cache its terms), while the same rests (antrag, lieferungen) end many compounds.
        found = None if first else self._best.get(word)
        if found is not None:
            return found
        best: list[tuple[float, CompoundSplit] | None] = [None] * _MAX_PARTS
        # The word itself as one part is a head only after a modifier: never for the whole word.
        log = None if first else self._log_frequency(word, is_head=True)
        if log is not None:
            best[0] = (log, ((word, 0),))
        rest_end = rests = None
        for end, modifier, log, penalty in self._modifiers(word):
            if not first and len(modifier) < _MIN_PART:
                continue
            if end != rest_end:
                rest_end, rests = end, self._best_splits(word[end:], False)
            for count, rest in enumerate(rests[:-1], 1):
                if rest is None:
                    continue
                score = log + rest[0] + penalty
                if best[count] is None or score > best[count][0]:
                    best[count] = (score, ((modifier, 0), *((p, s + end) for p, s in rest[1])))
        found = tuple(best)
        if not first and len(self._best) < _MEMO_SIZE:
            self._best[word] = found
        return found

    def split(self, word: str) -> CompoundSplit:
        """Split a lower-case word (ß written ss) into parts with their start offsets; () if it is no compound."""
        if not 2 * _MIN_SHORT_PART <= len(word) <= MAX_WORD_CHARS or not word.isalpha():
            return ()
        options = [option for option in self._best_splits(word)[1:] if option]
        if self._rules:
            options = [option for option in options if self._may_be_head(word, option[1][-1])]
        if not options:
            return ()
        # The best geometric mean, a part more costing _PART_PENALTY: frequent short words make
        # any long word a string of parts (sau|erst|off|mangel against sauer|stoff|mangel).
        penalty = _PART_PENALTY if self._rules else 0.0
        score, parts = max(options, key=lambda option: option[0] / len(option[1]) + penalty * len(option[1]))
        # Split only where the parts' geometric mean frequency beats the whole word's enough; a
        # word ending as place and family names end (Finn|land, Branden|burg, Stein|meier) only
        # where it is much rarer than its parts (Heimat|land, Industrie|länder).
        ratio = self._whole_word_ratio
        if self._rules and stem_word(parts[-1][0]) in _NAME_HEADS:
            ratio = 1 / ratio
        elif self._rules and not self._is_common_compound(parts):
            ratio = 1.0
        if math.exp(score / len(parts)) * ratio <= self._frequency(word):
            return ()
        # Asked last: the costliest rule, and most words have failed another by now.
        return () if self._rules and self._is_derived_from_verb(word) else parts

    def _is_common_compound(self, parts: CompoundSplit) -> bool:
        """Whether a split may be more frequent than its parts: its modifiers are common words and
        no part is short (Feuer|wehr, Staats|anwaltschaft; not Ver|dacht, Komm|unisten)."""
        def at_least(part: str, is_head: bool, log_floor: float) -> bool:
            log = self._log_frequency(part, is_head)  # remembered from the search
            return log is not None and log >= log_floor

        return (all(len(part) >= _MIN_PART for part, _ in parts)
                and all(at_least(part, False, _COMMON_MODIFIER_LOG) for part, _ in parts[:-1])
                and at_least(parts[-1][0], True, _COMMON_HEAD_LOG))

    def constituents(self, word: str) -> CompoundSplit:
        """A compound's parts, then every run of two or more neighbouring parts (not the whole)
        that is a word itself: ``wasser``, ``stoff``, ``bombe``, ``wasserstoff`` (not ``stoffbombe``)."""
        parts = self.split(word)
        found = list(parts)
        last = len(parts) - 1
        for i in range(len(parts)):
            for j in range(i + 1, len(parts)):
                if j - i == last:
                    continue  # the whole word
                start = parts[i][1]
                # A run up to the head ends where the word ends; one of modifiers where the last
                # modifier ends, before its link (Kinder|betreuungs|kosten: kinderbetreuung).
                end = len(word) if j == last else parts[j][1] + len(parts[j][0])
                run = word[start:end]
                if self._log_frequency(run, is_head=j == last) is not None:
                    found.append((run, start))
        return tuple(found)

    def _may_be_head(self, word: str, head: tuple[str, int]) -> bool:
        """Whether ``head`` (a part and its offset) can end the compound ``word``: its stem is how
        the word's stem ends (``nische`` cannot end ``südkoreanische``, which stems to
        ``sudkorean``), and it is no derivational ending (``-mäßig``, ``-los``)."""
        part, start = head
        suffix = _ISCH_ENDING.search(word)
        if suffix and start >= suffix.start() - 1:
            return False  # chemi|scher, kenia|nischen: the head is the adjective's -isch
        head_stem = stem_word(part)
        if head_stem in _NOT_HEAD_STEMS or (head_stem == "wert" and word[:start].endswith("ens")):
            return False  # lesens|wert: an infinitive and -wert make an adjective, not a compound
        tail = stem_word(word)[start:]
        # In a long word the stemmer may cut more of the head than alone (fach|prüfung: fachpruf,
        # prufung; temperatur|einheiten: temperaturein, einheit), but a head it cuts at -isch is
        # no head: the word is an adjective of what precedes it (südkorea|nische: sudkorean).
        return tail == head_stem or (head_stem.startswith(tail) and len(tail) >= _MIN_SHORT_PART
                                     and not head_stem[len(tail):].startswith("isch"))

    def _is_derived_from_verb(self, word: str) -> bool:
        """Whether ``word`` is made from a verb the word list knows: a verbal noun or agent noun
        (``sicherstellung``, ``teilnehmer``), a form of it (``sicherstellt``), a participle
        (``freigesetzt``, ``teilnehmende``) or a zu-infinitive (``offenzulegen``). Such a word is
        the verb's, not a compound."""
        for ending in _VERBAL_NOUN_ENDINGS:
            if word.endswith(ending):
                stem = word[: -len(ending)]
                # An agent noun's verb has a present participle: a plural in -en is no verb
                # (Röntgenstrahler beside Röntgenstrahlen, umweltfreundlicher beside -en).
                if self._is_verb(stem) and (ending.startswith("ung") or self._is_verb_form(stem)):
                    return True
        if any(self._is_verb(stem) and self._is_verb_form(stem) for stem in _verb_stems(word)):
            return True  # sicher|stellt: a form of sicherstellen
        participle = _PRESENT_PARTICIPLE.search(word)
        if participle and self._is_verb(word[: participle.start()]):
            return True  # teil|nehmende, bind|ender
        for particle in _PARTICLES:
            if word.startswith(particle) and any(self._is_verb(particle + stem)
                                                 for stem in _verb_stems(word[len(particle):])):
                return True  # heran|ziehen, weiter|geben: a verb with its particle
        for marker in ("ge", "zu"):
            at = word.find(marker, 2)
            while at != -1:
                if any(self._is_verb(word[:at] + stem) for stem in _verb_stems(word[at + 2:])):
                    return True
                at = word.find(marker, at + 1)
        return False

    def _is_verb(self, stem: str) -> bool:
        """Whether ``stem`` + -en (or -n, or -eln/-ern for handl-, änder-) is a word of the list."""
        return len(stem) >= _MIN_PART and any(self._frequency(form) >= MIN_FREQUENCY
                                               for form in _verb_forms(stem, "n"))

    def _is_verb_form(self, stem: str) -> bool:
        """Whether the verb ``stem`` + -en has a form of the third person or a participle
        (bearbeitet, nehmend) or, with a particle, a zu-infinitive (teilzunehmen) in the word
        list: a noun has none (Röntgenstrahlen)."""
        forms = itertools.chain(_verb_forms(stem, "nd"), (stem + "t", stem + "et"),
                                (stem[:at] + "zu" + stem[at:] + "en" for at in range(2, len(stem) - 2)))
        return any(self._frequency(form) >= MIN_FREQUENCY for form in forms)


def _verb_forms(stem: str, ending: str) -> list[str]:
    """The infinitive (``ending`` n) or present participle (nd) a verb stem may have:
    ``nehm`` → nehmen, nehmend; ``handl`` → handeln, handelnd."""
    forms = [stem + "e" + ending, stem + ending]
    if stem[-1] in "lr" and stem[-2] not in "aeiouäöü":
        forms.append(stem[:-1] + "e" + stem[-1] + ending)
    return forms


@lru_cache(maxsize=4096)
def _links_starting(text: str) -> tuple[tuple[int, int, float], ...]:
    """The linking elements ``text`` (what follows a modifier, three letters of it) may begin
    with: (length, place in ``_LINKS``, score penalty), none for no link."""
    return tuple((len(link), order, _LINK_PENALTY if link else 0.0)
                 for order, link in enumerate(_LINKS) if text.startswith(link))


def _verb_stems(form: str) -> list[str]:
    """The stems a verb form may have, its ending and inflection removed: ``setzt`` → ``setz``,
    ``haltenen`` → ``halt``, ``legen`` → ``leg`` (and wrong ones, which no verb has)."""
    return [form[: -len(ending)] for ending in _VERB_FORM_ENDINGS
            if form.endswith(ending) and len(form) > len(ending) + 1]


_word_list_splitter: CompoundSplitter | None = None


def _splitter() -> CompoundSplitter:
    global _word_list_splitter
    if _word_list_splitter is None:
        frequencies, prefixes, stems = word_list()
        _word_list_splitter = CompoundSplitter(lambda part: frequencies.get(part, 0.0), prefixes,
                                               lambda stem: stems.get(stem, 0.0))
    return _word_list_splitter


@lru_cache(maxsize=500_000)
def split_compound(word: str) -> CompoundSplit:
    """Split a lower-case word (ß written ss) by the German word list; () if it is no compound.

    >>> split_compound("waffenlieferungen")
    (('waffen', 0), ('lieferungen', 6))
    >>> split_compound("präsident")
    ()
    """
    return _splitter().split(word)


def constituents(word: str) -> CompoundSplit:
    """A lower-case compound's parts and its inner compounds, by the German word list. Not
    cached: its callers cache a word's terms, and a word they ask for again is seldom another
    spelling of one asked for before.

    >>> [part for part, _ in constituents("wasserstoffbombe")]
    ['wasser', 'stoff', 'bombe', 'wasserstoff']
    """
    return _splitter().constituents(word)
