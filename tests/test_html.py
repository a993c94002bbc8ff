"""Saved web pages (indexer.sources.html) on real pages of trafilatura's tests (tests/data/pages):
the text trafilatura's tests expect is read, the boilerplate they expect left out is, and each
thing issue 28 found on them holds."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from indexer import index_paths
from indexer.sources import read_source
from queries import Searcher

pytest.importorskip("trafilatura")

PAGES = Path(__file__).parent / "data" / "pages"
SNIPPETS = json.loads((PAGES / "snippets.json").read_text(encoding="utf-8"))


def page(name: str) -> bytes:
    return gzip.decompress((PAGES / f"{name}.gz").read_bytes())


def article(name: str):
    (found,) = read_source(page(name), name)
    return found


def indexed_text(name: str) -> str:
    """Title, subheadings and paragraphs, as the index holds them, runs of space as one."""
    found = article(name)
    return re.sub(r"\s+", " ", " ".join([found.title, *(t for p in found.paragraphs for t in (p.heading, p.text)
                                                        if t)]))


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_what_trafilaturas_tests_expect(name: str) -> None:
    text = indexed_text(name)
    assert [s for s in SNIPPETS[name]["expected"] if re.sub(r"\s+", " ", s) not in text] == []
    assert [s for s in SNIPPETS[name]["boilerplate"] if re.sub(r"\s+", " ", s) in text] == []


def test_a_letters_first_sentence_in_a_layout_cell_and_the_pages_title() -> None:
    found = article("schleifen.ucoz.de.briefe.html")
    letter = [p.text for p in found.paragraphs if p.text.startswith("Es war gesagt, falls du zornig bist")]
    assert letter == ["Es war gesagt, falls du zornig bist, sollst du einen Brief schreiben. Der Brief für jenen, der "
                      "dich gekränkt hat."]
    # The page's <title>, not the file's name.
    assert found.title == "Briefe - 26 Oktober 2010 - Blog - Bilder, News, Geschichte und Schleifen!"


def test_a_lead_set_as_a_heading_is_a_paragraph() -> None:
    found = article("luxuriousmagazine.com.polo.html")
    assert found.paragraphs[0].text.startswith("Simon Wittenberg travels to the Eternal City in Italy")
    assert found.paragraphs[1].heading == "From India to Argentina"


@pytest.mark.parametrize(("name", "furniture"), [("dw.com.uncork.html", "Related Subjects"),
                                                 ("speicherguide.de.schwierige.html", "Weiterführender Link"),
                                                 ("de.creativecommons.org.endlich.html", "Ähnliche Beiträge")])
def test_furniture_after_the_article_is_left_out(name: str, furniture: str) -> None:
    found = article(name)
    assert not [p.text for p in found.paragraphs if furniture in p.text or furniture == p.heading]


def test_a_one_paragraph_article_keeps_its_paragraph_alone() -> None:
    found = article("de.creativecommons.org.endlich.html")
    assert len(found.paragraphs) == 1
    assert found.paragraphs[0].text.endswith("nicht ernsthaft das letzte Wort sein kann.")


def test_soft_hyphens_are_no_part_of_the_text() -> None:
    text = indexed_text("wehranlage-horka.de.887.html")
    assert "\u00ad" not in text and "Während Sie über den Markt schlendern" in text


@pytest.mark.parametrize("query", ["Babyschalen geprüft", "Flauschjacke", '"Pullover H&M Flauschjacke"'])
def test_real_pages_answer_their_words(tmp_path: Path, query: str) -> None:
    for name in ("adac.de.kindersitze.html", "franziska-elea.de.vuitton.html"):
        (tmp_path / name).write_bytes(page(name))
    index_paths(tmp_path / "index", [tmp_path / "adac.de.kindersitze.html",
                                     tmp_path / "franziska-elea.de.vuitton.html"])
    with Searcher.open(tmp_path / "index") as searcher:
        assert searcher.search(query).total >= 1


def test_a_line_break_in_a_cell_of_blocks_separates_words() -> None:
    from lxml import etree

    from indexer.sources.html import _element_blocks

    cell = etree.fromstring("<cell>Pullover: H&amp;M<lb/>Flauschjacke: Bershka<p>Ein Absatz.</p></cell>")
    assert [block.text for block in _element_blocks(cell)] == ["Pullover: H&M Flauschjacke: Bershka", "Ein Absatz."]
