"""Words and positions (indexer.german.words)."""
from __future__ import annotations

import pytest

from indexer.german import positioned, split_words, word_matches, word_spans


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("US-Außenministeriums", ["US", "Außenministeriums"]),
        ("UN-Sicherheitsrates", ["UN", "Sicherheitsrates"]),
        ("Stand: 21.06.2024 09:28 Uhr", ["Stand", "21", "06", "2024", "09", "28", "Uhr"]),
        ("G7-Gipfel in Köln", ["G7", "Gipfel", "in", "Köln"]),
        ("Lehrer*innen, Lehrer:innen und Lehrer_innen", ["Lehrer*innen", "Lehrer:innen", "und", "Lehrer_innen"]),
        ("Waffen\u00adlieferung und Außen\u200bministerium", ["Waffenlieferung", "und", "Außenministerium"]),
        ("Präsident\u00a0Putin", ["Präsident", "Putin"]),
        ("„Wir begrüßen jede Unterstützung“", ["Wir", "begrüßen", "jede", "Unterstützung"]),
    ],
)
def test_words(text: str, tokens: list[str]) -> None:
    assert list(split_words(text)) == tokens
    assert [word for word, _ in word_matches(text)] == tokens


def test_word_offsets_point_into_the_text() -> None:
    text = "Der Sprecher des US-Außen\u00administeriums"
    for word, match in word_matches(text):
        assert text[match.start():match.end()].replace("\u00ad", "") == word


def test_stop_words_take_no_position() -> None:
    stop = {"die", "in", "andere"}
    numbered = positioned("die Waffen in andere Regionen".split(), lambda w: [] if w in stop else [w])
    assert [(pos, word) for pos, word, _ in numbered] == [(1, "Waffen"), (2, "Regionen")]
    assert list(word_spans("die Waffen in andere Regionen")) == [(1, 4, 10), (2, 21, 29)]
