"""The plain-text article format.

The first line is the title, whatever its punctuation (up to :data:`TITLE_MAX_CHARS`; a longer
first block, or a file of one block, is a paragraph, and the file name the title). A date in the
first lines is the article's date (``Stand: 21.06.2024 09:28 Uhr``, ``21. Juni 2024``,
``2024-06-21``, ``21.06.2024``); a line that only gives it is no paragraph. Blank lines separate
paragraphs; a short line before a paragraph is the subheading of what follows
(:func:`~indexer.sources.paragraphs.marked_headings`). The seed's header line, ``date 2024-06
<title> Stand: 21.06.2024 09:28 Uhr``, is read too.
"""
from __future__ import annotations

import re
from datetime import datetime

from ..errors import ArticleError
from ..german.dates import dates_in
from .article import Article, title_or_name
from .paragraphs import marked_headings, numbered_paragraphs
from .reader import Reader, one_article

__all__ = ["READER", "TITLE_MAX_CHARS", "parse_article", "text_blocks"]

#: The longest first line taken for a title.
TITLE_MAX_CHARS = 200
# The lines a date is looked for in, and how much else a line that only gives a date may hold
# (Stand:, Berlin, Veröffentlicht am).
_DATE_LINES = 5
_DATELINE_REST_CHARS = 30
_HEADER_RE = re.compile(r"\A[ \t]*date[ \t]+(?P<month>\d{4}-\d{2})(?:[ \t]+(?P<rest>.*))?\Z")
# "Stand: 21.06.2024 09:28 Uhr" closes the header line.
_STAND_RE = re.compile(r"(?:^|\s+)Stand:\s*(?P<date>.*?)\s*$")
_BLOCK_SPLIT_RE = re.compile(r"\n[ \t\u00a0]*\n")
_SPACE_RE = re.compile(r"[ \t\r\n]+")


def text_blocks(text: str) -> list[str]:
    """The blank-line separated blocks of ``text``, hard line wraps made spaces.

    >>> text_blocks("Erste Zeile\\nzweite Zeile.\\n\\n\\nZweiter Absatz.")
    ['Erste Zeile zweite Zeile.', 'Zweiter Absatz.']
    """
    blocks = (_SPACE_RE.sub(" ", block).strip() for block in _BLOCK_SPLIT_RE.split(text))
    return [block for block in blocks if block]


def _parse_header(line: str, warnings: list[str]) -> tuple[str, str | None] | None:
    """``date 2024-06 <title> Stand: 21.06.2024 09:28 Uhr`` → (title, ISO date), else None."""
    match = _HEADER_RE.match(line)
    if not match:
        return None
    rest = (match["rest"] or "").strip()
    published: str | None = match["month"]
    stand = _STAND_RE.search(rest)
    if stand:
        rest = rest[: stand.start()].strip()
        found = next(dates_in(stand["date"]), None)
        if found is not None and found.iso is None:
            warnings.append(f"impossible date {found.text!r}: the header's month is kept")
        elif found is not None:
            published = found.iso
    try:
        datetime.strptime(match["month"], "%Y-%m")
    except ValueError:
        if published == match["month"]:
            warnings.append(f"impossible month {match['month']!r} in the header: the article is undated")
            published = None
    return rest, published


def _date_from_first_lines(lines: list[str], warnings: list[str]) -> tuple[str | None, int | None]:
    """The first date in the first lines, and the number of a line that gives only it (None if
    the date stands in a sentence, which stays text)."""
    looked = 0
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        looked += 1
        if looked > _DATE_LINES:
            break
        for found in dates_in(line):
            if found.iso is None:
                warnings.append(f"impossible date {found.text!r}: the article is undated")
                continue
            rest = line.replace(found.text, "").strip()
            only_date = len(rest) <= _DATELINE_REST_CHARS and not rest.endswith((".", "!", "?"))
            return found.iso, number if only_date else None
    return None, None


def parse_article(text: str, name: str = "") -> Article:
    """Split a plain-text article into title, date and paragraphs.

    ``name`` (the file name without suffix) is the title of last resort.

    >>> art = parse_article("Kommt das Heizungsgesetz?\\nStand: 21.06.2024\\n\\nErster Satz.\\n\\nZwischentitel\\n\\n"
    ...                     "Zweiter Satz.")
    >>> art.title, art.published, [(p.number, p.heading) for p in art.paragraphs]
    ('Kommt das Heizungsgesetz?', '2024-06-21', [(1, None), (2, 'Zwischentitel')])
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").strip()
    if not text:
        raise ArticleError("empty file (no text)")
    warnings: list[str] = []
    first_line, _, body = text.partition("\n")
    header = _parse_header(first_line.strip(), warnings)
    if header is not None:
        title, published = header
        blocks = text_blocks(body)
    else:
        lines = text.split("\n")
        published, dateline = _date_from_first_lines(lines, warnings)
        if dateline is not None:
            del lines[dateline]
        blocks = _BLOCK_SPLIT_RE.split("\n".join(lines).strip())
        first = blocks[0].strip()
        title = None
        if len(blocks) > 1 and "\n" not in first and len(first) <= TITLE_MAX_CHARS:
            title, blocks = first, blocks[1:]
        blocks = text_blocks("\n\n".join(blocks))
    return Article(title=title_or_name(title, name), published=published,
                   paragraphs=numbered_paragraphs(marked_headings(blocks)), warnings=tuple(warnings))


#: Plain text: the reader of ``.txt`` files that sniff as no other format, and of files of a
#: suffix no reader claims.
READER = Reader("plain text", (".txt",), one_article(parse_article))
