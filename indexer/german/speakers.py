"""Who said a quotation: the name German news writes beside it.

The speaker is named in the quotation's own sentence, before or after it: after it, a verb of
saying and the name (``„…“, sagte Lindner``, ``„…“, so Dr. Linda Kisabaka``, ``„…“ sprach
Bundesverkehrsminister Scheuer``); before it, the name and a verb of saying, or a colon
(``Relotius schreibt: »…«``, ``Sarah Bosetti bemerkt, manches sei „…“``, ``Der Präsident des
BDI, Siegfried Russwurm, sagte: „…“``); or ``laut X``. The name is what is written, without the
role before it (``Gesundheitsminister``, ``der Fraktionsvorsitzende``) and titles (``Dr.``).

A pronoun or a description (``sagte er``, ``sagt der junge Polizist``, ``so ein Sprecher``) is
no name: the speaker is then unknown (None), as it is for a quotation in a sentence of its own —
reading who "er" is takes the sentences before, which this rule does not claim to do.

>>> speakers_of("„Das ist falsch“, sagte der Fraktionsvorsitzende Michael Panse.", [(1, 15)])
[Speaker(name='Michael Panse', start=49)]
>>> speakers_of("Er kommentiert: „Meine Zutaten sind einfach.“", [(17, 44)])
[None]
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .stopwords import GERMAN_STOP_WORDS

__all__ = ["ROLE_ENDINGS", "SAYING_VERBS", "Speaker", "speakers_of"]

#: Finite forms and participles of the verbs news use to report speech.
SAYING_VERBS = frozenset("""
    sagt sagte sagten sagen gesagt sage erklärt erklärte erklärten erklären betont betonte betonten
    meint meinte meinten berichtet berichtete berichteten erzählt erzählte erzählten schreibt schrieb
    schrieben geschrieben warnt warnte warnten gewarnt fordert forderte forderten gefordert kritisiert
    kritisierte kritisierten ergänzt ergänzte ergänzten fügt fügte kommentiert kommentierte antwortet
    antwortete geantwortet erwidert erwiderte räumt räumte versichert versicherte bemerkt bemerkte
    spricht sprach sprachen teilt teilte teilten mitgeteilt kündigt kündigte angekündigt erläutert
    erläuterte bestätigt bestätigte begründet begründete ruft rief fragt fragte nennt nannte
    unterstreicht unterstrich klagt klagte beklagt beklagte behauptet behauptete verrät verriet
    konstatiert konstatierte mahnt mahnte argumentiert argumentierte entgegnet entgegnete schildert
    schilderte erinnert erinnerte twittert twitterte urteilt urteilte heißt hieß zitiert zitierte
    """.split())
#: How nouns of a role end (``Gesundheitsminister``, ``AVV-Geschäftsführerin``): they stand before
#: a name (``Bundesverkehrsminister Scheuer``) and are not part of it.
ROLE_ENDINGS = tuple("""
    minister ministerin chef chefin sprecher sprecherin präsident präsidentin direktor direktorin
    führer führerin vorsitzende vorsitzender leiter leiterin manager managerin politiker politikerin
    kanzler kanzlerin experte expertin abgeordnete abgeordneter anwalt anwältin autor autorin redakteur
    redakteurin redaktor redaktorin reporter reporterin regisseur regisseurin darsteller darstellerin
    kabarettist kabarettistin germanist germanistin virologe virologin forscher forscherin
    wissenschaftler wissenschaftlerin ökonom ökonomin professor professorin trainer trainerin spieler
    spielerin sekretär sekretärin meister meisterin senator senatorin richter richterin intendant
    intendantin gründer gründerin inhaber inhaberin mitglied beauftragte beauftragter berater beraterin
    analyst analystin vertreter vertreterin funktionär funktionärin kandidat kandidatin sänger sängerin
    schauspieler schauspielerin journalist journalistin korrespondent korrespondentin kommissar
    kommissarin botschafter botschafterin arzt ärztin mediziner medizinerin psychologe psychologin
    historiker historikerin soziologe soziologin jurist juristin landrat landrätin mitarbeiter
    mitarbeiterin kollege kollegin lehrer lehrerin landwirt landwirtin unternehmer unternehmerin
    aktivist aktivistin kritiker kritikerin moderator moderatorin kapitän ceo philosoph philosophin
    publizist publizistin
    """.split())
_TITLES = frozenset({"dr.", "prof.", "dr", "prof", "herr", "frau", "dipl.-ing."})
# Pronouns and quantifiers that stand where a name would: the speaker is not named.
_UNNAMED = frozenset({"er", "sie", "es", "man", "ich", "wir", "ihr", "du", "einer", "eine", "jemand", "keiner",
                      "viele", "manche", "andere", "beide", "alle", "diese", "dieser", "jener", "uns", "mir",
                      "niemand", "einige", "mehrere"})
_SUBJECT_ARTICLES = frozenset({"der", "die", "das", "ein", "eine"})
_ARTICLES = _SUBJECT_ARTICLES | {"des", "dem", "den", "einer", "eines", "einem", "einen"}
# Lower-case words inside a name (``Kris de Decker``, ``Vicco von Bülow``).
_PARTICLES = frozenset({"von", "van", "de", "di", "da", "del", "zu", "ten", "ter", "la", "le"})
# Prepositions that open a sentence: its subject follows the verb, where this rule does not look.
_PREPOSITIONS = frozenset("""
    neben nach vor seit wegen trotz während ohne gegen angesichts innerhalb außerhalb dank gemäß
    entgegen statt anstatt seitens infolge aufgrund laut an am auf aus bei beim bis durch für hinter in im
    ins mit um unter über vom von zu zum zur zwischen
    """.split())
# Words that open a sentence before its verb and are no subject (``Dann schickt Gezer …``).
_OPENERS = frozenset("""
    dann doch aber und auch so also denn nun jetzt da dort hier heute gestern damals mittlerweile
    inzwischen zudem außerdem allerdings dennoch trotzdem deshalb daher dabei danach zuvor später
    zunächst schließlich zuletzt bisher bereits immer vielmehr stattdessen damit darum zugleich
    gleichzeitig seitdem seither ebenfalls jedoch wiederum gerade nur erst
    """.split())
# Adverbs between a verb of saying and the name (``sagt auch Stenger``, ``so Renkema weiter``).
_ADVERBS = _OPENERS | {"weiter", "noch", "einst", "selbst", "dazu", "nämlich", "etwa", "zuerst", "abschließend"}
_WEEKDAYS = frozenset({"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "abend",
                       "morgen", "nachmittag", "vormittag", "wochenende"})
# Words; a capital and a full stop (``Lutz S.``) and titles (``Dr.``) keep their stop.
# How adverbs and adjectives end that open a sentence (``Grundsätzlich könnte …``): no subject.
_ADVERB_ENDINGS = ("lich", "weise", "mals", "dings", "falls", "halb", "wegen", "ig", "isch", "bar", "sam")
_TOKEN_RE = re.compile(r"(?:Dr|Prof|[A-ZÄÖÜ])\.|[^\W\d_][\w’'-]*|\d+\S*|[^\w\s]")
_SENTENCE_END_RE = re.compile(r"[.!?…]")
# One letter and a full stop (``Lutz S.``) or a title: no sentence ends there.
_ABBREVIATION_RE = re.compile(r"(?:\b[A-ZÄÖÜ]|\bDr|\bProf|\bSt|\bNr|\bbzw|\bvgl|\bca|\bz\.B|\bu\.a|\d)\.$")
_MIN_WORDS_WITHOUT_COLON = 3


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def _is_role(token: str) -> bool:
    word = token.lower().rsplit("-", 1)[-1]
    return word.endswith(ROLE_ENDINGS)


def _is_name_token(token: str) -> bool:
    lower = token.lower()
    return (_is_capitalised(token) and lower not in GERMAN_STOP_WORDS and lower not in _OPENERS
            and lower not in _WEEKDAYS and not lower.startswith("„"))


def _name_run(tokens: list[str], i: int, article: bool) -> tuple[str | None, int]:
    """The name of the noun phrase at ``tokens[i]`` (after its article, if ``article``): its
    capitalised words after the last role word and without titles. Returns (name or None,
    index after the phrase)."""
    run: list[str] = []
    while i < len(tokens):
        token = tokens[i]
        if _is_name_token(token) or token.lower() in _TITLES:
            run.append(token)
        elif ((token in _PARTICLES and len(_after_roles(run)) <= 1 or token == "der" and run[-1:] in (["von"], ["van"]))
              and i + 1 < len(tokens) and (_is_name_token(tokens[i + 1]) or tokens[i + 1] == "der")):
            run.append(token)  # ``Vicco von Bülow``, ``Ursula von der Leyen`` (not ``Afelt von der Universität``)
        elif token == "und" and run and i + 1 < len(tokens) and _is_name_token(tokens[i + 1]):
            run.append(token)  # ``Berlin und Paris``, ``der Publizist und Philosoph Richard David Precht``
        else:
            break
        i += 1
    if any(map(_is_role, run)):
        run = _after_roles(run)
        while run and run[0] == "und":  # ``der Publizist und Philosoph Richard David Precht``
            run = _after_roles(run[1:])
    elif article and run and not run[0].isupper():
        run = run[1:]  # ``die Gemeinde``: a noun, not a name (an acronym stays: ``die ARD``)
    run = [token for token in run if token.lower() not in _TITLES]
    # ``Forscher um Aneta Afelt``: the people around a name are named by it.
    if not run and i + 1 < len(tokens) and tokens[i] == "um":
        return _name_run(tokens, i + 1, False)
    return (" ".join(run) or None), i


def _after_roles(run: list[str]) -> list[str]:
    """The words of ``run`` after its last role word (all of them if it has none)."""
    roles = [k for k, token in enumerate(run) if _is_role(token)]
    return run[roles[-1] + 1:] if roles else run


def _subject_after(tokens: list[str], i: int) -> tuple[bool, str | None]:
    """The subject standing at ``tokens[i]`` (after a verb of saying): (whether one stands there,
    its name or None). Objects (``nennt den Vorfall``) and prepositions are no subject."""
    while i < len(tokens) and tokens[i].lower() in _ADVERBS:
        i += 1
    if i >= len(tokens):
        return False, None
    token = tokens[i]
    lower = token.lower()
    if lower in _UNNAMED:
        return True, None
    if lower == "am" and i + 1 < len(tokens) and tokens[i + 1].lower() in _WEEKDAYS:
        return _subject_after(tokens, i + 2)
    if lower in _SUBJECT_ARTICLES:
        i += 1
        while i < len(tokens) and tokens[i][:1].islower() and tokens[i] not in _ARTICLES:
            i += 1  # adjectives: ``der junge Polizist``
        if i >= len(tokens) or not _is_capitalised(tokens[i]):
            return False, None  # ``begründet das so:``: an object, no subject
        return True, _name_run(tokens, i, True)[0]
    if (_is_name_token(token) or lower in _TITLES
            or token in _PARTICLES and i + 1 < len(tokens) and _is_name_token(tokens[i + 1])):  # ``sagte von Preen``
        return True, _name_run(tokens, i, False)[0]
    return False, None


def _sentence_subject(tokens: list[str]) -> str | None:
    """The name a sentence opens with, or the one in apposition to its opening phrase (``Der
    Präsident des BDI, Siegfried Russwurm, sagte``); None for a pronoun or a description."""
    i = 0
    while i < len(tokens) and tokens[i].lower() in _OPENERS:
        i += 1
    if i < len(tokens) and (tokens[i].lower() in _PREPOSITIONS or tokens[i].lower().endswith(_ADVERB_ENDINGS)):
        return None
    if i < len(tokens) and tokens[i][:1].islower() and tokens[i] not in _ARTICLES and tokens[i] not in _UNNAMED:
        i += 1  # ``Dann schickt Gezer …``: the verb, then the subject
    found, name = _subject_after(tokens, i)
    if not found or name is not None:
        return name
    if tokens[i].lower() in _UNNAMED:
        return None
    # A description, then maybe its name between commas.
    for k in range(i, len(tokens) - 1):
        if tokens[k] in ":":
            break
        if tokens[k] == ",":
            name, end = _name_run(tokens, k + 1, False)
            if name is not None and end < len(tokens) and tokens[end] == ",":
                return name
            break
    return None


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


class Speaker(NamedTuple):
    """A speaker's name as written and where it stands in the paragraph."""

    name: str
    start: int


def speakers_of(text: str, quotations: list[tuple[int, int]]) -> list[Speaker | None]:
    """The speaker of each quotation ``text[start:end]`` of a paragraph. The quotations are blanked
    out before the sentences are read: only the writer's own words name a speaker, and only the
    writer's full stops end a sentence (a quotation ending with one ends its sentence there)."""
    masked = list(text)
    for first, last in quotations:
        for k in range(max(0, first - 1), min(len(text), last + 1)):
            masked[k] = "\x00"
        if last > first and text[last - 1] in ".!?…" and last < len(text):
            masked[last] = "."
    blanked = "".join(masked)
    ends = [match.end() for match in _SENTENCE_END_RE.finditer(blanked)
            if blanked[match.end():match.end() + 1] in ("", " ", "\n", "\t", "\xa0")
            and not _ABBREVIATION_RE.search(blanked[max(0, match.start() - 5):match.end()])]
    return [_speaker(text, blanked, ends, start, end) for start, end in quotations]


def _speaker(text: str, blanked: str, ends: list[int], start: int, end: int) -> Speaker | None:
    begin = max((place for place in ends if place <= start), default=0)
    stop = min((place for place in ends if place >= end), default=len(blanked))
    before = _tokens(blanked[begin:max(begin, start - 1)].replace("\x00", " "))
    after = _tokens(blanked[min(stop, end + 1):stop].replace("\x00", " "))
    quotation = text[start:end]
    if _names_a_title(before, quotation):
        return None
    found, name = _after_quotation(after, before, quotation)
    if not found:
        name = _before_quotation(before, quotation)
    if name is None:
        return None
    # The name where the sentence wrote it, nearest the quotation.
    places = [m.start() for m in re.finditer(re.escape(name), blanked[begin:stop])]
    place = min((begin + p for p in places), key=lambda p: min(abs(p - start), abs(p - end)), default=None)
    return None if place is None else Speaker(name, place)


def _names_a_title(before: list[str], quotation: str) -> bool:
    """Whether a quotation stands right after a noun and begins with a capital or digit: a title
    or a name (``die Talkshow „3 nach 9“``, ``der Ausspruch „Früher war mehr Lametta“``), which
    nobody says in this sentence."""
    if not before or quotation[:1].islower():
        return False
    word = before[-1]
    lower = word.lower()
    return (_is_capitalised(word) and word[-1:] != "." and lower not in GERMAN_STOP_WORDS
            and lower not in _PREPOSITIONS and lower not in _OPENERS and len(before) > 1)


def _after_quotation(tokens: list[str], before: list[str], quotation: str) -> tuple[bool, str | None]:
    """(whether the words after a quotation attribute it, the name they give or None)."""
    comma = bool(tokens) and tokens[0] == ","
    if comma:
        tokens = tokens[1:]
    # ``„…“, seufzt Catherine``: right after the comma, any verb reports the quotation.
    if tokens and (tokens[0] == "so" or tokens[0] in SAYING_VERBS or (
            comma and tokens[0][:1].islower() and tokens[0] not in GERMAN_STOP_WORDS and tokens[0] not in _ADVERBS)):
        found, name = _subject_after(tokens, 1)
        if found:
            return True, name
        if tokens[0] in SAYING_VERBS:  # ``„…“ angekündigt``: the subject opened the sentence
            return True, _sentence_subject(before)
    clause = tokens[:tokens.index(",")] if "," in tokens else tokens
    # ``„…“, wird FINA-Präsident Husain Al-Musallam zitiert``, ``„…“, wie Schick selbst verrät``
    if comma and clause and clause[0] in ("wird", "wurde", "wie") and any(t in SAYING_VERBS for t in clause[2:]):
        found, name = _subject_after(clause, 1)
        if found:
            return True, name
    if len(quotation.split()) < _MIN_WORDS_WITHOUT_COLON:
        return False, None
    # ``„…“, etwa wenn es ums Augenbrauenhochziehen ging, sagt Stefan Lukschy``
    for k in range(1, len(tokens)):
        if tokens[k] in SAYING_VERBS and tokens[k - 1] == ",":
            found, name = _subject_after(tokens, k + 1)
            if found:
                return True, name
    return False, None


def _before_quotation(tokens: list[str], quotation: str) -> str | None:
    colon = bool(tokens) and tokens[-1] == ":"
    if not colon and len(quotation.split()) < _MIN_WORDS_WITHOUT_COLON:
        return None  # a word or two in quotation marks inside a sentence: a term, not a statement
    verbs = [k for k, token in enumerate(tokens) if token in SAYING_VERBS]
    for k in verbs:
        found, name = _subject_after(tokens, k + 1)
        if found:
            return name
    # ``…, so Precht: „…“``
    for k in range(len(tokens) - 1):
        if tokens[k] == "so" and k and tokens[k - 1] == ",":
            found, name = _subject_after(tokens, k + 1)
            if found:
                return name
    # ``Medienbericht: „Mehrere Anfragen“``: with no verb of saying, a word or two is a term.
    if verbs or colon and len(quotation.split()) >= _MIN_WORDS_WITHOUT_COLON:
        name = _sentence_subject(tokens)
        if name is not None:
            return name
    for k, token in enumerate(tokens):
        if token.lower() == "laut":
            found, name = _subject_after(tokens, k + 1)
            if found and name is not None:
                return name
    return None
