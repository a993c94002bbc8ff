"""Article parsing: header, paragraphs, headings, encodings, and untrusted text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import ArticleError, decode_text, parse_article, read_article
from indexer.sources import Article

from .conftest import SEED_FILE


@pytest.fixture(scope="module")
def seed() -> Article:
    return read_article(SEED_FILE)


def test_seed_header(seed: Article) -> None:
    assert seed.title == 'Russischer Präsident Putin "Waffenlieferungen an Nordkorea sind möglich"'
    assert seed.published == "2024-06-21T09:28"
    assert seed.published_at.isoformat() == "2024-06-21T09:28:00"


def test_seed_has_nine_numbered_paragraphs(seed: Article) -> None:
    assert [p.number for p in seed.paragraphs] == list(range(1, 10))
    assert seed.paragraphs[0].text.startswith("Der militärische Beistandspakt")
    assert seed.paragraphs[8].text.endswith("nach einem Kurswechsel.")


def test_seed_headings(seed: Article) -> None:
    headings = {p.number: p.heading for p in seed.paragraphs}
    assert [headings[n] for n in (1, 2, 3, 4)] == [None] * 4
    assert [headings[n] for n in (5, 6)] == ["USA zeigen sich besorgt"] * 2
    assert [headings[n] for n in (7, 8, 9)] == ["Putin droht Südkorea"] * 3
    assert not any(p.text in ("USA zeigen sich besorgt", "Putin droht Südkorea") for p in seed.paragraphs)


@pytest.mark.parametrize(
    ("header", "title", "published"),
    [
        (" date 2024-06 Titel Stand: 21.06.2024 09:28 Uhr", "Titel", "2024-06-21T09:28"),
        ("date 2023-11 Ampel einigt sich Stand: 03.11.2023", "Ampel einigt sich", "2023-11-03"),
        ("date 2023-11 Ampel einigt sich", "Ampel einigt sich", "2023-11"),
        # An impossible day keeps the header's month.
        ("date 2023-02 Titel Stand: 31.02.2023 10:00 Uhr", "Titel", "2023-02"),
    ],
)
def test_header_variants(header: str, title: str, published: str) -> None:
    article = parse_article(f"{header}\n\nEin Satz steht hier.")
    assert (article.title, article.published) == (title, published)
    assert article.published_at is not None


def test_article_without_header_takes_title_from_first_line() -> None:
    article = parse_article("Bahnstreik beendet\n\nDie GDL hat den Streik beendet.", name="datei")
    assert article.title == "Bahnstreik beendet"
    assert article.published is None and article.published_at is None
    assert [p.text for p in article.paragraphs] == ["Die GDL hat den Streik beendet."]


def test_article_without_header_or_title_line_takes_file_name() -> None:
    article = parse_article("Die GDL hat den Streik beendet. Die Züge fahren wieder.", name="bahn")
    assert article.title == "bahn"
    assert len(article.paragraphs) == 1


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    article = parse_article("Titel\n\nErste Zeile\nzweite Zeile des Absatzes.\n\nZweiter Absatz.")
    assert [p.text for p in article.paragraphs] == ["Erste Zeile zweite Zeile des Absatzes.", "Zweiter Absatz."]


def test_trailing_heading_like_block_is_kept_as_paragraph() -> None:
    article = parse_article("Titel\n\nEin Satz.\n\nMehr zum Thema")
    assert [p.text for p in article.paragraphs] == ["Ein Satz.", "Mehr zum Thema"]


@pytest.mark.parametrize(
    "data",
    [
        "Präsident Müller äußert sich".encode("utf-8"),
        b"\xef\xbb\xbf" + "Präsident Müller äußert sich".encode("utf-8"),
        "Präsident Müller äußert sich".encode("cp1252"),
        "Präsident Müller äußert sich".encode("latin-1"),
        "Präsident Müller äußert sich".encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "latin-1", "utf-16"],
)
def test_decode_text(data: bytes) -> None:
    assert decode_text(data) == "Präsident Müller äußert sich"


def test_decode_cp1252_typographic_quotes() -> None:
    assert decode_text("„Waffen“ – sagte er".encode("cp1252")) == "„Waffen“ – sagte er"


def test_crlf_line_ends(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b" date 2024-06 Titel Stand: 21.06.2024 09:28 Uhr\r\n\r\nErster Satz.\r\n\r\nZweiter Satz.\r\n")
    article = read_article(path)
    assert article.title == "Titel"
    assert [p.text for p in article.paragraphs] == ["Erster Satz.", "Zweiter Satz."]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file (no text)"),
        (b"  \n\n \t\n", "empty file (no text)"),
        (b"\x00\x01\x02PNG", "binary file (contains NUL bytes)"),
        (b" date 2024-06 Nur ein Titel Stand: 21.06.2024 09:28 Uhr\n", "no paragraphs (only a title or headings)"),
    ],
)
def test_unusable_files_raise_article_error(tmp_path, data: bytes, reason: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as excinfo:
        read_article(path)
    assert str(excinfo.value) == reason


def test_vanished_file(tmp_path) -> None:
    with pytest.raises(ArticleError, match="vanished"):
        read_article(tmp_path / "gone.txt")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_article_takes_any_text(text: str) -> None:
    try:
        article = parse_article(text, name="x")
    except ArticleError:
        return
    assert article.title
    assert [p.number for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))
    assert all(p.text.strip() for p in article.paragraphs)


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_decode_text_takes_any_bytes(data: bytes) -> None:
    try:
        assert isinstance(decode_text(data), str)
    except ArticleError:
        pass
