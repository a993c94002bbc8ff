"""The plain-text article format: a header line, then blank-line separated blocks.

The seed format (tagesschau export) starts with a header line
``date 2024-06 <title> Stand: 21.06.2024 09:28 Uhr`` followed by blank-line separated blocks.
Short blocks that are not sentences are subheadings: they are not paragraphs themselves but
the ``heading`` of the paragraphs that follow. A file without that header is still an article.
"""
from __future__ import annotations

import re
from datetime import datetime

from ..errors import ArticleError
from .article import Article, Paragraph

__all__ = ["is_heading", "parse_article"]

_HEADER_RE = re.compile(r"\A[ \t]*date[ \t]+(?P<month>\d{4}-\d{2})(?:[ \t]+(?P<rest>.*))?\Z")
# "Stand: 21.06.2024 09:28 Uhr" closes the header line; the time may be missing.
_STAND_RE = re.compile(
    r"(?:^|\s+)Stand:\s*(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})"
    r"(?:,?\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*Uhr)?)?\s*$"
)
_BLOCK_SPLIT_RE = re.compile(r"\n[ \t\u00a0]*\n")
_SPACE_RE = re.compile(r"[ \t\r\n]+")
# A sentence ends in one of these (quotes included: a paragraph may end inside a quotation).
_SENTENCE_END = tuple('.!?:;,…"“”»«\'’)')
_HEADING_MAX_WORDS = 10
_HEADING_MAX_CHARS = 90


def is_heading(block: str) -> bool:
    """A subheading is one short line that does not end like a sentence."""
    words = block.split()
    return (
        0 < len(words) <= _HEADING_MAX_WORDS
        and len(block) <= _HEADING_MAX_CHARS
        and not block.rstrip().endswith(_SENTENCE_END)
    )


def _parse_header(line: str) -> tuple[str, str | None] | None:
    """``date 2024-06 <title> Stand: 21.06.2024 09:28 Uhr`` → (title, ISO date), else None."""
    match = _HEADER_RE.match(line)
    if not match:
        return None
    rest = (match["rest"] or "").strip()
    published = match["month"]
    stand = _STAND_RE.search(rest)
    if stand:
        rest = rest[: stand.start()].strip()
        try:
            moment = datetime(
                int(stand["year"]), int(stand["mon"]), int(stand["day"]),
                int(stand["hour"] or 0), int(stand["minute"] or 0),
            )
        except ValueError:  # an impossible date such as 31.02.: keep the header's month
            pass
        else:
            published = moment.strftime("%Y-%m-%dT%H:%M" if stand["hour"] else "%Y-%m-%d")
    else:
        try:
            datetime.strptime(published, "%Y-%m")
        except ValueError:
            published = None
    return rest, published


def parse_article(text: str, name: str = "") -> Article:
    """Split an article's text into title, date and paragraphs.

    ``name`` (the file name without suffix) is the title of last resort.

    >>> art = parse_article("Titel\\n\\nErster Satz.\\n\\nZwischentitel\\n\\nZweiter Satz.")
    >>> art.title, [(p.number, p.heading) for p in art.paragraphs]
    ('Titel', [(1, None), (2, 'Zwischentitel')])
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").strip()
    if not text:
        raise ArticleError("empty file (no text)")

    title: str | None = None
    published: str | None = None
    first_line, _, body = text.partition("\n")
    header = _parse_header(first_line.strip())
    if header is not None:
        title, published = header
        text = body
    # Hard line wraps inside a block are spaces; blank lines separate blocks.
    blocks = [_SPACE_RE.sub(" ", b).strip() for b in _BLOCK_SPLIT_RE.split(text)]
    blocks = [b for b in blocks if b]
    if header is None and len(blocks) > 1 and is_heading(blocks[0]):
        title = blocks[0]
        blocks = blocks[1:]
    if not title:
        title = name or "(untitled)"

    paragraphs: list[Paragraph] = []
    heading: str | None = None
    for index, block in enumerate(blocks):
        is_last = index == len(blocks) - 1
        # A heading-like block at the very end heads nothing: keep it as a paragraph, lose nothing.
        if is_heading(block) and not is_last:
            heading = block
            continue
        paragraphs.append(Paragraph(len(paragraphs) + 1, block, heading))
    if not paragraphs:
        raise ArticleError("no paragraphs (only a title or headings)")
    return Article(title=title, published=published, paragraphs=tuple(paragraphs))
