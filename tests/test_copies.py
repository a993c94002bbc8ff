"""Near copies (indexer.copies, indexer.german.copies): the edits of agency copy are one text, a
paragraph on the same subject in other words is not. Texts: the seed article's (tagesschau.de)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from indexer.copies import (
    BITMAP_BYTES,
    KEY_BYTES,
    KEYS,
    are_copies,
    copy_keys,
    may_be_copies,
    may_be_copies_among,
    pack_keys,
    pair_bitmap,
    shingles,
)
from indexer.german.copies import copy_words, without_dateline

ORIGINAL = ("Der russische Präsident Wladimir Putin hält nach eigenen Angaben Waffenlieferungen an Nordkorea für "
            "möglich. Putin, der am Mittwoch in Pjöngjang einen militärischen Beistandspakt zwischen beiden Staaten "
            "unterzeichnet hatte, sagte in Vietnam: \"Ich habe gesagt, auch in Pjöngjang, dass wir uns das Recht "
            "vorbehalten, Waffen in andere Regionen der Welt zu liefern.\"")
SEOUL = ("Hintergrund der Drohung ist vermutlich die südkoreanische Ankündigung, über Waffenlieferungen an die "
         "Ukraine nachzudenken. Die Regierung in Seoul hatte zuvor erklärt, sie betrachte den neuen Vertrag "
         "zwischen Russland und Nordkorea als sehr besorgniserregend.")


@pytest.mark.parametrize("copy", [
    "Moskau (dpa) - " + ORIGINAL,
    "MOSKAU (AFP/dpa). " + ORIGINAL,
    ORIGINAL.replace("Mittwoch", "Dienstag"),  # a word changed
    ORIGINAL.replace("Pjöngjang einen", "Pjönjgang einen"),  # a typo
    ORIGINAL.replace('"Ich habe', "„Ich habe").replace('liefern."', "liefern.“"),  # other quotation marks
    ORIGINAL.replace("Waffenlieferungen", "Waffen\u00adlieferungen").replace("Wladimir Putin", "Wladimir\u00a0Putin"),
    ORIGINAL + " Der Kreml äußerte sich dazu zunächst nicht.",  # a sentence added
    ORIGINAL.split(" Putin, der")[0],  # the last sentence dropped
    ORIGINAL.rsplit(" Putin, der", 1)[0] + " Putin, der am Mittwoch in Pjöngjang einen militärischen Beistandspakt "
    "zwischen beiden Staaten unterzeichnet hatte, sagte in Vietnam, er behalte sich Lieferungen vor.",
], ids=["dateline", "dateline-caps", "word", "typo", "quotes", "soft-hyphen-nbsp", "sentence-added",
        "sentence-dropped", "end-rewritten"])
def test_agency_edits_are_copies(copy: str) -> None:
    assert are_copies(shingles(ORIGINAL), shingles(copy))
    # Copies share at least two of their keys: a search finds them by the keys first.
    assert len(set(copy_keys(shingles(ORIGINAL))) & set(copy_keys(shingles(copy)))) >= 2
    # and their bitmaps do not rule them out.
    assert may_be_copies(pair_bitmap(shingles(ORIGINAL)), pair_bitmap(shingles(copy)))


def test_amounts_written_out_or_cut_short() -> None:
    assert copy_words("Der Bund zahlt 1,5 Mrd. Euro") == copy_words("Der Bund zahlt 1,5 Milliarden €")


@pytest.mark.parametrize("other", [
    SEOUL,  # the same article, the same names, another paragraph
    "Putin hat in Pjöngjang mit Kim Jong Un einen Beistandspakt unterzeichnet. Beide Staaten wollen sich im "
    "Falle eines Angriffs militärisch unterstützen, Waffenlieferungen an Nordkorea schloss Putin nicht aus.",
    ORIGINAL + " " + SEOUL + " Mit Blick auf westliche Waffenlieferungen an die Ukraine drohte Russlands "
    "Präsident damit, Präzisionswaffen an Nordkorea zu liefern. Der Westen tue so, als ob er trotz seiner "
    "Waffenlieferungen nicht mit Russland kämpfe. Die Nutzung seiner Waffen durch Kiew kontrolliere er angeblich "
    "nicht. Im Gegenzug könne aber auch Russland seine Rüstungsgüter in andere Weltregionen verfrachten und sich "
    "nicht weiter darum kümmern, wie diese angewendet würden, sagte Putin. Ein hochrangiger Regierungsvertreter "
    "erklärte, Seoul werde seine bisherige Linie überdenken, keine Waffen direkt an die Ukraine zu liefern.",
    # it, within a text over three times as long
], ids=["same-article", "same-subject-other-words", "within-a-longer-text"])
def test_same_subject_in_other_words_is_no_copy(other: str) -> None:
    assert not are_copies(shingles(ORIGINAL), shingles(other))
    # Their bitmaps alone tell: a search reads neither text.
    assert not may_be_copies(pair_bitmap(shingles(ORIGINAL)), pair_bitmap(shingles(other)))


# Shingle sets of two paragraphs: what they have in common and what each has of its own, drawn
# from few bins (pairs of one paragraph share bins) or from all 64-bit hashes, as shingles are.
_PAIRS = st.sets(st.integers(0, 40).map(lambda n: n * 256 + 7) | st.integers(0, 600) | st.integers(0, 2**64 - 1),
                 max_size=120)


@settings(max_examples=400, deadline=None)
@given(_PAIRS, _PAIRS, _PAIRS)
@example({n * 256 for n in range(30)}, {1, 2}, {3})  # what they share all in one bin
def test_bitmaps_never_rule_out_copies(common: set[int], first_own: set[int], second_own: set[int]) -> None:
    first, second = common | first_own, common | second_own
    if are_copies(first, second):
        assert may_be_copies(pair_bitmap(first), pair_bitmap(second))


@settings(max_examples=200, deadline=None)
@given(_PAIRS, st.lists(st.tuples(_PAIRS, _PAIRS), min_size=1, max_size=12))
def test_bitmaps_compared_at_once_rule_out_what_one_by_one_does(
        first: set[int], others: list[tuple[set[int], set[int]]]) -> None:
    """:func:`may_be_copies_among` on many candidates, some sharing much of ``first``, some not."""
    bitmaps = [pair_bitmap(common & first | own) for common, own in others] + [pair_bitmap(first)]
    rows = np.frombuffer(b"".join(bitmaps), dtype=np.uint8).reshape(len(bitmaps), BITMAP_BYTES)
    assert may_be_copies_among(pair_bitmap(first), rows).tolist() == [
        may_be_copies(pair_bitmap(first), bitmap) for bitmap in bitmaps]


def test_a_bitmap_of_more_pairs_than_it_counts_rules_nothing_out() -> None:
    many, one = pair_bitmap(set(range(70_000))), pair_bitmap({5})
    assert len(many) == len(one) == BITMAP_BYTES
    assert may_be_copies(many, one) and may_be_copies(one, many)
    assert not may_be_copies(pair_bitmap(set()), one)
    rows = np.frombuffer(many + one + pair_bitmap(set()), dtype=np.uint8).reshape(3, BITMAP_BYTES)
    assert may_be_copies_among(one, rows).tolist() == [True, True, False]


@pytest.mark.parametrize(("text", "rest"), [
    ("Berlin (dpa) - Die Koalition streitet.", "Die Koalition streitet."),
    ("Frankfurt/Main (dpa-AFX) – Der Dax stieg.", "Der Dax stieg."),
    ("(epd) Die Kirchen mahnen.", "Die Kirchen mahnen."),
    ("Washington (Reuters) / 2024 war ein Rekordjahr.", "2024 war ein Rekordjahr."),
    ("Die Agentur (dpa) berichtete.", "Die Agentur (dpa) berichtete."),  # no dateline: inside a sentence
    ("Berlin (dpa) - und dann", "Berlin (dpa) - und dann"),  # a sentence does not start lower case
])
def test_datelines(text: str, rest: str) -> None:
    assert without_dateline(text) == rest


def test_keys_pack_into_the_column_width() -> None:
    keys = copy_keys(shingles(ORIGINAL))
    assert len(keys) == KEYS and 0 not in keys and list(keys) == sorted(set(keys))
    assert len(pack_keys(keys)) == len(pack_keys(())) == KEY_BYTES
    assert copy_keys(shingles("")) == () and copy_keys(shingles("Nordkorea")) == copy_keys(shingles("nordkorea"))
