"""Input formats (indexer.sources): each format's sample in tests/data/articles read as a reader of
it expects, and nothing of a file lost on the way into the index."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from indexer import ArticleError, index_paths
from indexer.german import is_stop_word, split_words
from indexer.sources import read_source
from indexer.sources.paragraphs import MAX_PARAGRAPH_CHARS, marked_headings, split_long
from queries import Searcher

SAMPLES = Path(__file__).parent / "data" / "articles"


def articles(name: str):
    path = SAMPLES / name
    return read_source(path.read_bytes(), path)


def test_plain_text_title_whatever_its_punctuation_and_a_dateline() -> None:
    (article,) = articles("heizungsgesetz.txt")
    assert (article.title, article.published) == ("Kommt das Heizungsgesetz noch vor der Sommerpause?",
                                                  "2024-06-21T09:28")
    assert [(p.number, p.heading) for p in article.paragraphs] == [(1, None), (2, "Was sich ändert"),
                                                                  (3, "Was sich ändert")]
    (quoted,) = articles("beschluesse.txt")
    assert (quoted.title, quoted.published) == ('Putin: "Waffenlieferungen an Nordkorea sind möglich"', "2024-06-21")


def test_a_list_of_short_lines_stays_paragraphs() -> None:
    """Short lines in a row are a list, not headings of which all but the last vanish."""
    (article,) = articles("beschluesse.txt")
    assert [p.text for p in article.paragraphs][1:4] == [
        "Mindestlohn steigt auf 12,41 Euro", "Bürgergeld wird um zwölf Prozent erhöht",
        "Kindergrundsicherung kommt 2025"]
    assert all(p.heading is None for p in article.paragraphs)


@pytest.mark.parametrize(
    ("blocks", "headings"),
    [(["Kurz", "Ein ganzer Satz steht hier."], [True, False]),
     (["Kurz", "Auch kurz", "Ein ganzer Satz."], [False, False, False]),
     (["Ein ganzer Satz.", "Am Ende kurz"], [False, False])],
)
def test_a_heading_is_a_short_line_before_a_paragraph(blocks: list[str], headings: list[bool]) -> None:
    assert [block.heading for block in marked_headings(blocks)] == headings


def test_plain_text_dates_as_news_write_them(tmp_path: Path) -> None:
    for line, published in [("21. Juni 2024", "2024-06-21"), ("2024-06-21", "2024-06-21"),
                            ("Berlin, 21.06.2024", "2024-06-21"), ("Stand: 21.06.2024 09:28 Uhr", "2024-06-21T09:28")]:
        (article,) = read_source(f"Titel\n{line}\n\nEin Satz.".encode(), "a.txt")
        assert article.published == published, line
        assert [p.text for p in article.paragraphs] == ["Ein Satz."]


def test_an_impossible_date_is_a_warning_not_an_abort() -> None:
    (article,) = read_source(b"date 2024-13 Titel Stand: 31.02.2024\n\nEin Satz.", "a.txt")
    assert article.published is None and article.title == "Titel"
    assert article.warnings == ("impossible date '31.02.2024': the header's month is kept",
                                "impossible month '2024-13' in the header: the article is undated")


def test_a_long_paragraph_comes_in_parts_at_sentences() -> None:
    (article,) = articles("rechnungshof.txt")
    parts = [p for p in article.paragraphs if p.number == 1]
    assert [p.part for p in parts] == [1, 2, 3] and all(len(p.text) <= MAX_PARAGRAPH_CHARS for p in parts)
    assert all(p.text.endswith("auf.") for p in parts)
    assert " ".join(p.text for p in parts) == (SAMPLES / "rechnungshof.txt").read_text().split("\n\n")[1]
    assert split_long("x" * 4500, 2000) == ["x" * 2000, "x" * 2000, "x" * 500]


def test_markdown() -> None:
    (article,) = articles("rentenreform.md")
    assert (article.title, article.published) == ("Rentenpaket II: Was die Reform für Beschäftigte bedeutet",
                                                  "2024-05-29")
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith("Das Bundeskabinett hat das Rentenpaket II beschlossen. Das Rentenniveau soll bis "
                               "2039 bei 48 Prozent stabilisiert")
    assert texts[1:4] == ["Haltelinie beim Rentenniveau", "Aufbau eines Generationenkapitals",
                          "Beiträge steigen ab 2028 schrittweise"]
    assert "2028 | 20,0 Prozent" in texts
    assert not any(mark in text for text in texts for mark in ("**", "](", "- ", "> ", "#"))


def test_json_lines_an_article_per_object() -> None:
    found = articles("agentur.jsonl")
    assert [(a.anchor, a.title, a.published, a.url) for a in found] == [
        ("#1", "Hochwasser in Bayern", "2024-06-02T07:15", "https://example.org/hochwasser"),
        ("#2", "Streik im Nahverkehr", "2024-06-03", None),
        ("#4", "Wahlergebnis", None, None),  # #3 has no text: a teaser, skipped
    ]
    streik = found[1]
    assert [(p.text, p.heading) for p in streik.paragraphs] == [
        ("In mehreren Städten stehen am Montag Busse und Bahnen still.", None),
        ("Verdi fordert eine Lohnerhöhung von über zehn Prozent.", "Forderungen der Gewerkschaft")]


def test_json_without_articles_is_skipped_with_the_reason() -> None:
    with pytest.raises(ArticleError, match="no article in the JSON"):
        read_source(b'[{"title": "nur Titel"}]', "a.json")
    assert [a.title for a in read_source(b'{"articles": [{"title": "A", "text": "Eins."}]}', "a.json")] == ["A"]


def test_html_page_main_text_title_and_date() -> None:
    (article,) = articles("tagesschau-seite.html")
    assert (article.title, article.published) == ("Wärmepumpen: Förderung für Hausbesitzer startet", "2024-06-21")
    assert article.url == "https://www.tagesschau.de/inland/waermepumpen-foerderung-100.html"
    texts = " ".join(p.text for p in article.paragraphs)
    assert "Gefördert werden bis zu 70 Prozent der Kosten." in texts and "zusätzlichen Bonus" in texts
    for boilerplate in ("Cookies", "Startseite", "Impressum", "Bundestag beschließt", "teilen", "tracking"):
        assert boilerplate not in texts
    assert article.paragraphs[-1].heading == "Wer Anspruch hat"


def test_html_without_its_extra_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ArticleError, match=r"needs an extra: pip install '\.\[html\]' in Fundstelle's clone"):
        articles("tagesschau-seite.html")


@pytest.mark.parametrize(("data", "title"), [
    (b"<!DOCTYPE html><html><head><title>Seite</title></head><body><article><h1>Seite</h1><p>Ein langer Satz "
     b"im Artikel, der hier steht und lang genug ist.</p></article></body></html>", "Seite"),
    (b"---\ntitle: Vorspann\n---\n\nText.", "Vorspann"),
    (b'{"title": "Zeile", "text": "Eins."}\n{"title": "Zwei", "text": "Zwei."}\n', "Zeile"),
    (b"Nur Text\n\nEin Satz.", "Nur Text"),
])
def test_a_txt_file_is_sniffed(data: bytes, title: str) -> None:
    assert read_source(data, "export.txt")[0].title == title


def test_a_txt_file_with_a_tag_in_its_text_is_no_page() -> None:
    (article,) = read_source('Titel\n\nSiehe <a href="x">hier</a> und den Bericht über Kiew.'.encode(), "n.txt")
    assert [p.text for p in article.paragraphs] == ['Siehe <a href="x">hier</a> und den Bericht über Kiew.']


def test_nothing_of_a_file_is_lost(tmp_path: Path) -> None:
    """Every word of every sample is found in the index: the body's by exact:, the title's by
    title:, a subheading's by heading:; the dates' lines alone are read as the date."""
    index_dir = tmp_path / "index"
    index_paths(index_dir, [SAMPLES])
    lost = []
    with Searcher.open(index_dir) as searcher:
        for path in sorted(SAMPLES.iterdir()):
            for article in articles(path.name):
                fields = [("title", article.title)] + [("exact", p.text) for p in article.paragraphs] + [
                    ("heading", p.heading) for p in article.paragraphs if p.heading]
                for field, text in fields:
                    # Stop words are indexed in exact only (title and heading are analysed as German).
                    for word in {w for w in split_words(text) if field == "exact" or not is_stop_word(w)}:
                        query = f'{field}:"{word}"'
                        if not any(hit.path.endswith(path.name + (article.anchor or ""))
                                   for hit in searcher.search(query, limit=None, highlight=False).hits):
                            lost.append((path.name, query))
    assert lost == []


@pytest.mark.parametrize("name", ["heizungsgesetz.txt", "beschluesse.txt", "rechnungshof.txt"])
def test_every_word_of_a_plain_text_file_is_read(name: str) -> None:
    """The words of the file as written, not as parsed: each is in the title, a paragraph, a
    subheading, or the date line."""
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    (article,) = articles(name)
    kept = set(split_words(" ".join([article.title, *(p.text for p in article.paragraphs),
                                     *(p.heading or "" for p in article.paragraphs)])))
    date_words = {"Stand", "Uhr", "21", "06", "2024", "09", "28", "Juni"}
    assert set(split_words(raw)) - kept <= date_words


# --- what a new user tripped over (issue 28) ---------------------------------------------------

def _decomposed(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.jsonl", "a.html"])
def test_decomposed_text_is_read_composed_in_every_format(name: str) -> None:
    # macOS and some publishing systems write ü as u and a combining diaeresis (NFD).
    title, text = "Babyschalen geprüft", "Der ADAC hat die Gurtlänge der Babyschalen geprüft."
    data = {
        "a.txt": f"{title}\n\n{text}",
        "a.md": f"# {title}\n\n{text}",
        "a.jsonl": '{"title": "%s", "text": "%s"}' % (title, text),
        "a.html": f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                  f"<p>{text} Das Ergebnis überrascht die Tester nicht, sagt der Verband.</p></article></body></html>",
    }[name]
    (article,) = read_source(_decomposed(data).encode("utf-8"), name)
    assert article.title == title
    assert article.paragraphs[0].text.startswith(text)


def test_json_escapes_of_combining_marks_are_composed() -> None:
    (article,) = read_source(b'{"title": "Pru\\u0308fung", "text": "Gepru\\u0308ft."}', "a.jsonl")
    assert (article.title, article.paragraphs[0].text) == ("Prüfung", "Geprüft.")


@pytest.mark.parametrize(
    "html",
    ["<p>Pullover: H&amp;M<br>Flauschjacke: Bershka</p>", "<p>Pullover: H&amp;M<br/>Flauschjacke: Bershka</p>",
     "<div>Pullover: H&amp;M</div><div>Flauschjacke: Bershka</div>",
     "<section>Pullover: H&amp;M</section><section>Flauschjacke: Bershka</section>"],
)
def test_line_breaks_and_block_boundaries_in_html_inside_json_separate_words(html: str) -> None:
    import json

    (article,) = read_source(json.dumps({"title": "Mode", "text": html}).encode(), "a.jsonl")
    words = [w for p in article.paragraphs for w in split_words(p.text)]
    assert "Flauschjacke" in words and "MFlauschjacke" not in words


def test_line_breaks_in_a_page_separate_words() -> None:
    pytest.importorskip("trafilatura")
    page = ("<!DOCTYPE html><html><head><title>Mode</title></head><body><article><h1>Mode im Winter</h1>"
            "<p>Das tragen die Leute in diesem Winter auf den Straßen von Berlin, wir haben sie gefragt.</p>"
            "<p>Pullover: H&amp;M<br>Flauschjacke: Bershka<br/>Hose: <b>Zara</b>, gekauft im Herbst.</p>"
            "</article></body></html>")
    (article,) = read_source(page.encode(), "mode.html")
    assert article.paragraphs[-1].text == "Pullover: H&M Flauschjacke: Bershka Hose: Zara, gekauft im Herbst."


def test_one_line_that_is_no_json_costs_that_line_not_the_file() -> None:
    data = b'{"title": "A", "text": "Eins."}\n{"title": "B", "text": "Zwei."}\n{bad json\n'
    found = read_source(data, "agentur.jsonl")
    assert [a.title for a in found] == ["A", "B"]
    assert found[0].file_warnings == ("line 3 is no JSON (Expecting property name enclosed in double quotes): "
                                      "skipped",)
    with pytest.raises(ArticleError, match="line 1 is no JSON"):
        read_source(b"{bad json\n", "agentur.jsonl")


def test_the_registry_drives_suffixes_patterns_and_json_fields() -> None:
    """Issue 29: adding a format is a module and one registration; everything else follows."""
    from indexer.sources import DEFAULT_INCLUDE, JSON_SUFFIXES, READERS, reader_for

    suffixes = [suffix for reader in READERS for suffix in reader.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert sorted(DEFAULT_INCLUDE) == sorted(f"*{suffix}" for suffix in suffixes)
    assert JSON_SUFFIXES == {".jsonl", ".ndjson", ".json"}
    for reader in READERS:
        for suffix in reader.suffixes:
            assert reader_for("Titel\n\nEin Satz.", suffix.upper()) is reader
    assert READERS[-1].sniff is None  # plain text: what sniffs as nothing else


def test_a_word_break_hint_in_html_keeps_the_word() -> None:
    import json

    (article,) = read_source(json.dumps({"title": "T", "text": "<p>Donau<wbr>dampfschiff</p>"}).encode(), "a.jsonl")
    assert article.paragraphs[0].text == "Donaudampfschiff"


def test_a_json_lines_file_of_blank_lines_says_it_has_no_article() -> None:
    with pytest.raises(ArticleError, match="no article in the JSON"):
        read_source(b"\n\n", "a.jsonl")
