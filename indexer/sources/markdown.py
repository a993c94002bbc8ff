"""Markdown articles (``.md``), read with markdown-it-py (CommonMark, with tables).

The front matter's ``title:`` and ``date:`` (simple ``key: value`` lines between ``---`` lines)
give title and date; else the first ``#`` heading is the title. Other headings are the
subheadings of what follows. Every paragraph, list item, table row, quotation and code block is
a paragraph of its own, its inline markup (emphasis, links, images, code) reduced to its text.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from ..german.dates import dates_in
from .article import Article, title_or_name
from .paragraphs import Block, numbered_paragraphs
from .reader import Reader, one_article

__all__ = ["READER", "has_front_matter", "parse_markdown"]

_PARSER = MarkdownIt("commonmark").enable("table")
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FIELD_RE = re.compile(r"^(?P<key>[\w-]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", re.M)
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """The front matter's fields (lower-case keys, quotes taken off) and the text after it."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    fields = {m["key"].lower(): m["value"].strip("\"'") for m in _FIELD_RE.finditer(match["body"])}
    return fields, text[match.end():]


def _inline_text(token) -> str:
    """The text of an inline token, markup taken off: link texts stay, images give their alt text."""
    words = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif child.type == "image":
            words.append(child.content)
    return _SPACE_RE.sub(" ", "".join(words)).strip()


def parse_markdown(text: str, name: str = "") -> Article:
    """A Markdown article's title, date and paragraphs.

    >>> art = parse_markdown("---\\ndate: 2024-06-21\\n---\\n# Titel\\n\\nEin **Satz** mit [Link](x).\\n\\n"
    ...                      "## Mehr\\n\\n- Punkt")
    >>> art.title, art.published, [(p.text, p.heading) for p in art.paragraphs]
    ('Titel', '2024-06-21', [('Ein Satz mit Link.', None), ('Punkt', 'Mehr')])
    """
    fields, body = _front_matter(text.replace("\r\n", "\n").lstrip("\ufeff"))
    title = fields.get("title") or None
    warnings: list[str] = []
    published = None
    for found in dates_in(fields.get("date", "")):
        if found.iso is None:
            warnings.append(f"impossible date {found.text!r} in the front matter: the article is undated")
        else:
            published = found.iso
        break
    blocks: list[Block] = []
    heading_level = None
    row: list[str] | None = None  # the cells of the table row being read
    for token in _PARSER.parse(body):
        if token.type == "tr_open":
            row = []
        elif token.type == "heading_open":
            heading_level = token.tag
        elif token.type == "heading_close":
            heading_level = None
        elif token.type == "tr_close":
            blocks.append(Block(" | ".join(cell for cell in row if cell)))
            row = None
        elif token.type == "inline":
            content = _inline_text(token)
            if row is not None:
                row.append(content)
            elif heading_level == "h1" and title is None:
                title = content
            elif heading_level is not None:
                blocks.append(Block(content, heading=True))
            elif content:
                blocks.append(Block(content))
        elif token.type in ("fence", "code_block", "html_block"):
            content = _SPACE_RE.sub(" ", _TAG_RE.sub(" ", token.content)).strip()
            if content:
                blocks.append(Block(content))
    return Article(title=title_or_name(title, name), published=published,
                   paragraphs=numbered_paragraphs(blocks), warnings=tuple(warnings))


def has_front_matter(text: str) -> bool:
    """Whether a text starts with Markdown front matter (``---`` lines around ``key: value`` lines).

    >>> has_front_matter("---\\ntitle: Rente\\n---\\nText"), has_front_matter("--- kein Vorspann")
    (True, False)
    """
    return text.startswith("---\n") and "\n---" in text[4:2000]


READER = Reader("Markdown", (".md", ".markdown"), one_article(parse_markdown), sniff=has_front_matter)
