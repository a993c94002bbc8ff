"""Gender-inclusive forms (indexer.german.gender)."""
from __future__ import annotations

import pytest

from indexer.german import gender_base, gender_readings, normalize_gender


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Lehrer*innen", "Lehrerinnen"), ("Schüler:in", "Schülerin"), ("BürgerInnen", "Bürgerinnen"),
     ("Innenminister", "Innenminister"), ("Berlin", "Berlin"), ("in", "in")],
)
def test_normalize_gender(text: str, expected: str) -> None:
    assert normalize_gender(text) == expected


@pytest.mark.parametrize(
    ("word", "base"),
    [("Kolleg*innen", "Kolleg"), ("ÄrztInnen", "Ärzt"), ("Fachärzt:innen", "Fachärzt"), ("Lehrer*innen", None),
     ("Kollegin", None), ("Berlin", None)],
)
def test_gender_base_only_where_the_forms_stem_apart(word: str, base: str | None) -> None:
    assert gender_base(word) == base


def test_gender_readings() -> None:
    assert gender_readings("Kolleg*innen streiken", 3) == ["Kolleg*innen streiken", "Kolleg streiken"]
    assert gender_readings("Lehrer*innen streiken", 3) == ["Lehrer*innen streiken"]
    many = " ".join(["Kolleg*innen"] * 4)
    assert gender_readings(many, 3) == [many]
