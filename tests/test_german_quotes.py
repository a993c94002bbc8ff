"""indexer.german.quotes: the spans inside quotation marks, on real German news paragraphs
(tests/data/quotations, labelled by hand) and on any text."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.german.quotes import DOUBLE_MARKS, SINGLE_MARKS, has_quotation_marks, quotations, quoted_spans

LABELS = Path(__file__).parent / "data" / "quotations" / "news.jsonl"


@lru_cache(maxsize=1)
def labelled() -> dict[tuple[str, int], dict]:
    with LABELS.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return {(row["source"], row["paragraph"]): row for row in rows}


def quoted(text: str) -> list[str]:
    return [span for span, _, _ in quoted_spans(text)]


# One real paragraph for each way pages write quotations (the labels are the hand-made ones).
@pytest.mark.parametrize(("source", "paragraph", "how"), [
    ("sueddeutsche.de.flixtrain", 4, 'straight "…"'),
    ("correctiv.org.zusage", 7, "German „…“ over a sentence end"),
    ("spiegel.de.albtraum", 13, "German »…« twice, the first before a colon"),
    ("Tageswoche.ch-weg", 1, "Swiss «…», four in a paragraph"),
    ("spektrum.de.engelbart", 1, "English “…”"),
    ("spektrum.de.engelbart", 9, "“…“ closed with the opening mark"),
    ("heise.de.lithium", 3, '"…“ mixed'),
    ("tagesanzeiger.ch.umweltzerstoerung", 8, '«…" mixed'),
    ("correctiv.org.zusage", 24, "„…„…“…“ nested, with ‘…’ inside"),
    ("t3n.de-Laufzeit", 11, "‚…‘ inside „…“"),
    ("cnet.de.schutz", 5, "‚…’ alone"),
    ("cnet.de.schutz", 2, "open at the paragraph's end: runs to it"),
    ("cnet.de.schutz", 6, "a closing mark with nothing open: began in an earlier paragraph"),
    ("wochenblatt.com-Heinen-Essen", 6, "a space before the closing mark"),
    ("basicthinking.de.tweets", 44, "apostrophes inside and after: doesn’t, @elonmusk‘s"),
    ("spiegel.de.albtraum", 35, "Relotius' is an apostrophe, no quotation"),
    ("Ostbelgiendirekt.be-ARD-Doku", 15, "„…“ after a hyphen: 20-Uhr-„Tagesschau“"),
    ("unsere-zeitung.at.inklusion", 2, "one closed, one open to the end"),
])
def test_quotations_of_real_paragraphs(source: str, paragraph: int, how: str) -> None:
    row = labelled()[source, paragraph]
    assert quoted(row["text"]) == [label["text"] for label in row["quotes"]], how


@pytest.mark.parametrize(("text", "expected"), [
    ("Er sagte: „Das ist ‚falsch‘.“ Dann ging er.", ["Das ist ‚falsch‘."]),
    ("Der Sender «Nau» schreibt: »Es ist vorbei.«", ["Nau", "Es ist vorbei."]),
    ("Wir gibt’s, sagt’s und Grass’ Roman.", []),
    ("„Ja“, „Nein“ und „Vielleicht“", ["Ja", "Nein", "Vielleicht"]),
    ("Das „Pro Rata“-Modell", ["Pro Rata"]),
])
def test_quotation_marks(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_the_seed_article_quotes_putin_and_miller() -> None:
    """The bundled article's quotations, with their speakers."""
    row = labelled()["seed", 8]
    found = [(quotation.text[:30], quotation.speaker) for quotation in quotations(row["text"])]
    assert found == [("Die Lieferung tödlicher Waffen", "Putin"), ("angemessenen Entscheidung", None)]


def test_offsets_and_the_speakers_place() -> None:
    text = "„Sie ist nicht zu ersetzen“, so Renkema geknickt."
    (quotation,) = quotations(text)
    assert text[quotation.start:quotation.end] == quotation.text == "Sie ist nicht zu ersetzen"
    assert text[quotation.speaker_start:].startswith("Renkema") and quotation.speaker == "Renkema"


def test_text_without_marks_is_not_read() -> None:
    assert not has_quotation_marks("Die Bundesregierung plant neue Brücken.")
    assert quotations("Die Bundesregierung plant neue Brücken.") == ()


_MARKED_TEXT = st.text(alphabet=st.sampled_from(list(DOUBLE_MARKS + SINGLE_MARKS) + list("ab Ä.,:!?-(\n")),
                       max_size=60)


@settings(max_examples=400, deadline=None)
@given(_MARKED_TEXT)
def test_any_text_gives_quotations_inside_it(text: str) -> None:
    """Untrusted text: never an error; each quotation is its slice of the text, stripped, in order."""
    last_end = 0
    for quotation in quotations(text):
        assert text[quotation.start:quotation.end] == quotation.text == quotation.text.strip() != ""
        assert quotation.start >= last_end
        last_end = quotation.end
        if quotation.speaker is not None:
            assert text[quotation.speaker_start:].startswith(quotation.speaker)
