"""HTML: news pages saved from a browser (``.html``, ``.htm``), and HTML inside other formats.

A page's main text, title and date are found by trafilatura, chosen by measurement among
readability-lxml and selectolax with rules of our own (``python -m benchmarks.htmlpages``;
docs/formats.md): navigation, cookie banners, teasers, comments and footers are left out. It is
an optional extra (``pip install '.[html]'`` in a clone, some 70 MB); without it an HTML page is
skipped with a message that says so. The structure trafilatura keeps (paragraphs, subheadings,
list items, quotations, table rows) becomes the article's blocks.

An HTML fragment (the ``content`` of a JSON export) is read with Python's own parser: every
paragraph, list item, quotation and table row a block, ``h2``–``h6`` subheadings.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..errors import ArticleError
from ..german.dates import dates_in
from .article import Article, title_or_name
from .paragraphs import Block, numbered_paragraphs, reads_as_prose
from .reader import Reader, one_article

__all__ = ["HTML_EXTRA", "READER", "is_html_page", "looks_like_html", "parse_html", "parse_html_fragment"]

#: How to install what HTML pages need.
HTML_EXTRA = "pip install '.[html]' in Fundstelle's clone"
_PAGE_RE = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_TAG_RE = re.compile(r"<(?:p|div|br|h[1-6]|ul|ol|li|span|a|em|strong|b|i|blockquote|table)\b[^>]*>", re.I)
_SPACE_RE = re.compile(r"\s+")
# Elements whose text is one block; headings below h1 are subheadings.
_BLOCKS = {"p", "li", "blockquote", "tr", "dd", "dt", "figcaption", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
_SKIPPED = {"script", "style", "template", "noscript", "svg", "head"}
# Elements that end a word wherever they stand, though their text is no block of its own here:
# a line break, cells, and the layout elements of HTML (a <section> ending in "Bershka" and one
# starting with "Hose" are two words). Not <wbr>: a place where a word may break, inside it.
_SEPARATORS = {"br", "td", "th", "hr", "div", "section", "article", "main", "header", "footer", "aside", "nav",
               "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "figure", "address", "fieldset", "form",
               "details", "summary", "body", "html", "img"}


def is_html_page(text: str) -> bool:
    """Whether a text is a whole HTML page (``<!DOCTYPE html>``, ``<html>`` first), not text that
    happens to hold a tag.

    >>> is_html_page("<!DOCTYPE html><html><body>…"), is_html_page("Siehe <a href='x'>hier</a>.")
    (True, False)
    """
    return bool(_PAGE_RE.match(text))


def looks_like_html(text: str) -> bool:
    """Whether a text is HTML: a page (``<!DOCTYPE html>``, ``<html>``) or text with block tags.

    >>> looks_like_html("<p>Ein Satz.</p>"), looks_like_html("3 < 4 und 5 > 2")
    (True, False)
    """
    return is_html_page(text) or bool(_TAG_RE.search(text))


class _FragmentReader(HTMLParser):
    """Blocks of an HTML fragment: text gathered per block element, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._heading = False
        self._skipping = 0

    def _flush(self) -> None:
        text = _SPACE_RE.sub(" ", "".join(self._text)).strip()
        if text:
            self.blocks.append(Block(text, self._heading))
        self._text, self._heading = [], False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._flush()
            self._heading = tag in _HEADINGS
        elif tag in _SEPARATORS:
            self._text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS or tag == "div":
            self._flush()
        elif tag in _SEPARATORS:
            self._text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()  # the text after the last block element


def parse_html_fragment(text: str) -> list[Block]:
    """The blocks of an HTML fragment.

    >>> [tuple(b) for b in parse_html_fragment("<p>Ein &auml;hnlicher <b>Satz</b>.</p><h2>Mehr</h2><li>Eins")]
    [('Ein ähnlicher Satz.', False), ('Mehr', True), ('Eins', False)]
    """
    reader = _FragmentReader()
    reader.feed(text)
    reader.close()
    return reader.blocks


def parse_html(text: str, name: str = "") -> Article:
    """A news page's article: its main text (trafilatura), title and date.

    trafilatura is asked twice. Its default reading keeps to the article; with ``favor_recall``
    it also keeps what the default leaves out of a layout table's cells (whole paragraphs of an
    older regional site), and with them page furniture after the article (a box of the
    article's date, author and subjects; "Weiterführender Link"). The recall reading's blocks
    are taken, those the default one lacks only where they read as prose
    (:func:`~indexer.sources.paragraphs.reads_as_prose`): furniture is labels and links.
    """
    try:
        import trafilatura  # the optional extra: imported where a page is read, never by a search
    except ImportError:
        raise ArticleError(f"an HTML page, and reading HTML pages needs an extra: {HTML_EXTRA}") from None
    options = {"with_metadata": True, "include_comments": False, "include_tables": True, "output_format": "python"}
    result = trafilatura.bare_extraction(text, favor_recall=True, **options)
    if result is None or result.body is None:
        raise ArticleError("an HTML page without a main text that could be found")
    blocks = [block for element in result.body for block in _element_blocks(element)]
    precise = trafilatura.bare_extraction(text, **options)
    if precise is not None and precise.body is not None:
        blocks = _confirmed(blocks, {block.text for element in precise.body for block in _element_blocks(element)})
    # trafilatura gives the date as YYYY-MM-DD (htmldate), the time left out.
    found = next(dates_in(result.date or ""), None)
    return Article(title=title_or_name(result.title or _page_title(text), name),
                   published=found.iso if found else None, paragraphs=numbered_paragraphs(blocks),
                   url=result.url or None)


def _confirmed(blocks: list[Block], precise: set[str]) -> list[Block]:
    """``blocks`` without the page furniture after the article: after the last block that is
    among the ``precise`` reading's texts, a block stays only where it reads as prose, a
    subheading where the block after it stays. (Before it, a block the precise reading lacks is
    part of the article: a cell of a layout table.)

    >>> both, prose = "Ein Satz, den beide Lesarten fanden.", "Ein Absatz, den nur eine der Lesarten fand."
    >>> blocks = [Block("Liste"), Block(both), Block("Related Subjects Wine"), Block("Mehr", True), Block(prose)]
    >>> [b.text for b in _confirmed(blocks, {both})] == ["Liste", both, "Mehr", prose]
    True
    """
    last = max((number for number, block in enumerate(blocks) if block.text in precise), default=-1)
    tail: list[Block] = []
    for block in reversed(blocks[last + 1:]):
        if reads_as_prose(block.text) if not block.heading else bool(tail) and not tail[-1].heading:
            tail.append(block)
    return blocks[:last + 1] + tail[::-1]


_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def _page_title(page: str) -> str | None:
    """The text of a page's ``<title>``, where trafilatura found no title (it left out the one of
    a blog page whose title is its date and its category)."""
    match = _TITLE_RE.search(page)
    return _SPACE_RE.sub(" ", html.unescape(match.group(1))).strip() if match else None


def _element_blocks(element) -> list[Block]:
    """The blocks of one element of trafilatura's document: ``head`` a subheading (one of level 1
    is the title again, left out), ``p``, ``quote`` and ``code`` a block each, a list an item a
    block, a table a row a block. An element that holds blocks of its own (a layout table's cell
    of paragraphs, a ``div`` of a paragraph and a heading) is read block by block, and its own
    text between them is a block too: a letter's first sentence written straight into a cell
    before its paragraphs is kept, and a heading after a paragraph stays apart from it."""
    tag = element.tag
    if tag == "head":
        text = _text_of(element)
        return [] if element.get("rend") == "h1" or not text else [Block(text, heading=True)]
    if any(child.tag in _STRUCTURE for child in element.iter() if child is not element):
        return _mixed_blocks(element)
    if tag == "table":
        rows = (" | ".join(filter(None, map(_text_of, row))) for row in element.iter("row"))
        return [Block(row) for row in rows if row]
    if tag == "list":
        return [Block(text) for text in map(_text_of, element.iter("item")) if text]
    text = _text_of(element)
    return [Block(text)] if text else []


def _mixed_blocks(element) -> list[Block]:
    """The blocks of an element that holds blocks: each block child's, and the text around them
    (the element's own, inline children and tails), a run of it a block."""
    blocks: list[Block] = []
    run = [element.text or ""]

    def end_run() -> None:
        text = _SPACE_RE.sub(" ", "".join(run)).strip()
        if text:
            blocks.append(Block(text))
        run.clear()

    for child in element:
        if child.tag in _BLOCK_ELEMENTS:
            end_run()
            blocks += _element_blocks(child)
            run.append(child.tail or "")
        else:
            run += _child_pieces(child)
    end_run()
    return blocks


_STRUCTURE = {"p", "head", "list", "quote", "code", "table"}
# trafilatura's elements that are blocks (or hold them), not text inside a block.
_BLOCK_ELEMENTS = _STRUCTURE | {"item", "row", "cell", "div", "graphic"}


# trafilatura's inline elements (highlighted text, links, deletions): the only ones inside a
# block whose text runs on without a break; every other (a line break ``lb``, a cell, an item)
# separates words.
_INLINE = {"hi", "ref", "del"}


def _text_of(node) -> str:
    """A trafilatura element's text, a space where a line break or an inner block stood (the
    ``<br>`` of ``H&M<br>Flauschjacke``; ``itertext`` would glue the two)."""
    return _SPACE_RE.sub(" ", "".join(_pieces(node))).strip()


def _pieces(node) -> list[str]:
    return [node.text or "", *(piece for child in node for piece in _child_pieces(child))]


def _child_pieces(child) -> list[str]:
    """A child's text and the text after it, a space on each side of it unless it is inline."""
    inner = _pieces(child) if child.tag in _INLINE else [" ", *_pieces(child), " "]
    return [*inner, child.tail or ""]


#: A saved page; a text sniffs as one when it is a page, not text that holds a tag (a note with
#: one ``<a href>`` is plain text).
READER = Reader("HTML page", (".html", ".htm"), one_article(parse_html), sniff=is_html_page)
