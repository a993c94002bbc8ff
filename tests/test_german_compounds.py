"""Compound splitting: real compounds from the shared data split into their parts, other words stay whole."""
from __future__ import annotations

import gzip
import re

import pytest

from indexer.analysis import german_analyzer
from indexer.german import split_compound

from .conftest import SEED_FILE, shared_path

# Real compounds from ../shared/data (the seed article, XQuAD, the law corpus) and their parts as
# a German reader names them; for three parts, the right-hand sub-compound too.
COMPOUNDS = {
    "Waffenlieferungen": ["Waffen", "Lieferungen"],
    "UN-Sicherheitsrates": ["UN", "Sicherheit", "Rat"],
    "US-Außenministeriums": ["US", "außen", "Ministerium"],
    "Beistandspakt": ["Beistand", "Pakt"],
    "Regierungsvertreter": ["Regierung", "Vertreter"],
    "Kriegsgebiet": ["Krieg", "Gebiet"],
    "Weltregionen": ["Welt", "Regionen"],
    "Halbinsel": ["halb", "Insel"],
    "Rüstungsexporte": ["Rüstung", "Exporte"],
    "Präzisionswaffen": ["Präzision", "Waffen"],
    "Konfliktgebiete": ["Konflikt", "Gebiete"],
    "Kurswechsel": ["Kurs", "Wechsel"],
    "Vertragsstaaten": ["Vertrag", "Staaten"],
    "Rüstungsgüter": ["Rüstung", "Güter"],
    "Bundesministerium": ["Bund", "Ministerium"],
    "Rechtsverordnung": ["Recht", "Verordnung"],
    "Berufsausbildung": ["Beruf", "Ausbildung"],
    "Bundesregierung": ["Bund", "Regierung"],
    "Kalenderjahr": ["Kalender", "Jahr"],
    "Sozialgesetzbuch": ["sozial", "Gesetz", "Buch", "Gesetzbuch"],
    "Besoldungsgruppen": ["Besoldung", "Gruppen"],
    "Geltungsbereich": ["Geltung", "Bereich"],
    "Arzneimittel": ["Arznei", "Mittel"],
    "Regulierungsbehörde": ["Regulierung", "Behörde"],
    "Hauptzollamt": ["Haupt", "Zoll", "Amt", "Zollamt"],
    "Abgabenordnung": ["Abgaben", "Ordnung"],
    "Windenergieanlage": ["Wind", "Energie", "Anlage", "Energieanlage"],
    "Landwirtschaft": ["Land", "Wirtschaft"],
    "Wasserstraßen": ["Wasser", "Straßen"],
    "Einkommensteuergesetzes": ["Einkommen", "Steuer", "Gesetz", "Steuergesetz"],
    "Aufenthaltserlaubnis": ["Aufenthalt", "Erlaubnis"],
    "Vertrauensperson": ["Vertrauen", "Person"],
    "Verwaltungsbehörde": ["Verwaltung", "Behörde"],
    "Durchführungsverordnung": ["Durchführung", "Verordnung"],
    "Dienstleistungen": ["Dienst", "Leistungen"],
    "Mitgliedstaaten": ["Mitglied", "Staaten"],
    "Gerichtshof": ["Gericht", "Hof"],
    "Quadratmeilen": ["Quadrat", "Meilen"],
    "Wirtschaftswissenschaftler": ["Wirtschaft", "Wissenschaftler"],
    "Metropolregion": ["Metropole", "Region"],
    "Apothekentechniker": ["Apotheke", "Techniker"],
    "Passagieraufkommen": ["Passagier", "Aufkommen"],
    "Dampfmaschinen": ["Dampf", "Maschinen"],
    "Wirtschaftswachstum": ["Wirtschaft", "Wachstum"],
    "Komplexitätstheorie": ["Komplexität", "Theorie"],
    "Trägerrakete": ["Träger", "Rakete"],
    "Streitkräfte": ["Streit", "Kräfte"],
    "Einkommensungleichheit": ["Einkommen", "Ungleichheit"],
    "Bevölkerungsgruppen": ["Bevölkerung", "Gruppen"],
    "Bundesverfassungsgericht": ["Bund", "Verfassung", "Gericht", "Verfassungsgericht"],
}

# Words that are not compounds (derivations, names, simple words) from the same data: they stay whole.
NOT_COMPOUNDS = [
    "Präsident", "Ankündigung", "Vereinbarungen", "Berücksichtigung", "Europäischen", "Unternehmen",
    "Entwicklung", "Bevölkerung", "Universität", "Entscheidung", "Unterstützung", "Auswirkungen",
    "Institutionen", "Übertragung", "Vergangenheit", "Anforderungen", "Deutschland", "Temperaturen",
    "Gesellschaft", "Organisation", "Verteidigung", "Geschwindigkeit", "Verantwortung", "Voraussetzungen",
    "Genehmigung", "Zuständigkeit", "Hintergrund", "Russland", "Bürgerlichen", "Aggression",
]


def index_terms(word: str) -> set[str]:
    return {t.text for t in german_analyzer()(word, mode="index")}


def query_terms(*words: str) -> set[str]:
    return {t.text for w in words for t in german_analyzer()(w, mode="query")}


@pytest.mark.parametrize(("compound", "parts"), COMPOUNDS.items(), ids=list(COMPOUNDS))
def test_compound_is_indexed_with_its_parts(compound: str, parts: list[str]) -> None:
    assert index_terms(compound) == query_terms(compound) | query_terms(*parts)


@pytest.mark.parametrize("word", NOT_COMPOUNDS)
def test_other_words_stay_whole(word: str) -> None:
    assert index_terms(word) == query_terms(word)
    assert split_compound(word.lower()) == ()


def test_parts_stand_at_the_compound_position() -> None:
    tokens = [(t.text, t.pos) for t in german_analyzer()("Waffenlieferungen an die Ukraine", positions=True,
                                                            mode="index")]
    assert tokens == [("waffenliefer", 0), ("waff", 0), ("liefer", 0), ("ukrain", 1)]


def test_queries_are_not_split() -> None:
    assert [t.text for t in german_analyzer()("Waffenlieferungen", mode="query")] == ["waffenliefer"]


def test_split_offsets_point_into_the_word() -> None:
    word = "einkommensteuergesetzes"
    parts = split_compound(word)
    assert [p for p, _ in parts] == ["einkommen", "steuer", "gesetzes"]
    assert all(word.startswith(p, start) for p, start in parts)


def test_table_words_occur_in_the_shared_data() -> None:
    assert len(COMPOUNDS) >= 40 and len(NOT_COMPOUNDS) >= 20
    missing = set(COMPOUNDS) | set(NOT_COMPOUNDS)

    def strike(text: str) -> None:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, missing)) + r")(?![\w-])")
        missing.difference_update(pattern.findall(text))

    strike(SEED_FILE.read_text(encoding="utf-8"))
    strike(shared_path("data", "xquad-de", "passages.jsonl").read_text(encoding="utf-8"))
    with gzip.open(shared_path("data", "gesetze", "paragraphs.jsonl.gz"), "rt", encoding="utf-8") as fh:
        while missing and (chunk := fh.read(1 << 22)):
            strike(chunk)
    assert sorted(missing) == []
