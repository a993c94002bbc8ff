"""indexer.german.speakers: who a quotation's sentence says spoke, on real German sentences."""
from __future__ import annotations

import pytest

from indexer.german.quotes import quotations


def speakers(text: str) -> list[str | None]:
    return [quotation.speaker for quotation in quotations(text)]


@pytest.mark.parametrize(("text", "speaker"), [
    # After the quotation: a verb of saying, or ``so``, then the name.
    ("„Mit diesem Strom betreiben wir den Schredder“, sagt Hanisch.", "Hanisch"),
    ("»Sie ist nicht zu ersetzen«, so Renkema geknickt.", "Renkema"),
    ("„Das ist irre“, darf Maron dann noch sagen.", "Maron"),
    ("«Ach, bitte nicht», seufzt Catherine eine Pult-Insel entfernt.", "Catherine"),
    # Roles and titles before the name are not part of it.
    ("„Die Waldorfschule ist ein guter Beleg“, sagte der Fraktionsvorsitzende Michael Panse.", "Michael Panse"),
    ("„Wir müssen die Kosten ausgleichen“, erklärt AVV-Geschäftsführerin Dr. Linda Kisabaka.", "Linda Kisabaka"),
    ("Vom „größten Projekt im Eisenbahnbereich seit der Bahnreform“ sprach Bundesverkehrsminister Scheuer.",
     "Scheuer"),
    ("„Arbeiten werden die Menschen auch in Zukunft“, sagt der Publizist und Philosoph Richard David Precht.",
     "Richard David Precht"),
    ("„Für 2023 rechnen wir damit, 9.000 Geschäfte zu verlieren“, sagte von Preen.", "von Preen"),
    ("„Das biologische Problem hat sich nicht verändert“, schreiben Forscher um Aneta Afelt von der Universität.",
     "Aneta Afelt"),
    # Before the quotation: the sentence's subject and a verb of saying, or a colon.
    ("Relotius schreibt: »Drückt uns die Daumen.«", "Relotius"),
    ("Der saarländische Innenminister Klaus Bouillon begründet das so: „Grenzschutz ist Menschenschutz.“",
     "Klaus Bouillon"),
    ("Der Präsident des Bundesverbands der Deutschen Industrie (BDI), Siegfried Russwurm, sagte: „Papier ist "
     "geduldig, die Unternehmen brauchen konkretes Handeln.“", "Siegfried Russwurm"),
    ("Sarah Bosetti bemerkt, manches bei Loriot sei „auf eine unschuldige Art schlüpfrig“.", "Sarah Bosetti"),
    ("Dann schickt Gezer eine WhatsApp an Fichtner und Geyer: »Es ist schlimmer als jeder Albtraum.«", "Gezer"),
    ("Laut ET-News ziele Apple darauf ab, „innovative Batterien zu entwickeln, die noch niemand hat“.", "ET-News"),
    ("Weber: „Das wirtschaftliche ist dabei genauso wichtig, wie Umwelt und Soziales.“", "Weber"),
    # A pronoun or a description names nobody.
    ("„Es dürfte zumindest nicht besser werden“, sagte er.", None),
    ("„Das Tragen muss aber auch richtig erklärt werden“, sagt der Sprecher.", None),
    ("„Falsch ist, dass unser Mandant das wusste“, schreibt ein Anwalt der Kanzlei Höcker im Auftrag von "
     "Andreas Keith.", None),
    ("Er kommentiert: „Meine Zutaten für einen erfolgreichen Tweet sind einfach.“", None),
    ("Grundsätzlich könnte ein Menschheitstraum wahr werden: „Die Befreiung des Menschen von der Arbeit.“", None),
    # A quotation in a sentence of its own: the sentence names nobody.
    ("Mazzucotelli wundert sich über die Hartnäckigkeit. „Wir wissen doch alle, dass ein Virus sich nicht an "
     "Grenzen hält.“", None),
])
def test_the_speaker_of_a_quotation(text: str, speaker: str | None) -> None:
    assert speakers(text)[0] == speaker


@pytest.mark.parametrize("text", [
    # A title or a name after a noun, a word in quotation marks: nobody says it here.
    "In der Talkshow „3 nach 9“ sagte Loriot 1979 im Gespräch einst selbst etwas.",
    "Der Ausspruch „Früher war mehr Lametta“ wurde zum geflügelten Wort, verrät Lukschy.",
    "Der Zweite Vorsitzende der IG Metall, Jürgen Kerner, kritisierte die Debatte über einen „Brückenstrompreis“.",
    "Für den Parteienrechtler Martin Morlok ist das ein klarer Hinweis auf eine „verdeckte Parteispende“.",
])
def test_titles_and_terms_have_no_speaker(text: str) -> None:
    assert speakers(text) == [None]


def test_each_quotation_its_own_sentence() -> None:
    text = ("„Das waren bedauerliche Einzelfälle“, sagt Stéphane Mazzucotelli. Er arbeitet für die Zeitung „Le "
            "Républicain Lorrain“. „Bei uns können Sie unbesorgt einkaufen“, berichtet Mazzucotelli, fügt aber "
            "rasch hinzu: „Eine Ungeschicklichkeit.“")
    assert speakers(text) == ["Stéphane Mazzucotelli", None, "Mazzucotelli", "Mazzucotelli"]
