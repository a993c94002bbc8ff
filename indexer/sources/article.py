"""An article as every input format yields it: a title, a date if known, numbered paragraphs."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ..german import composed
from ..german.dates import iso_moment

__all__ = ["Article", "Paragraph", "composed_article", "title_or_name"]


def title_or_name(title: str | None, name: str) -> str:
    """An article's title, else its file's name (without suffix), the title of last resort.

    >>> title_or_name(" Bahnstreik ", "datei"), title_or_name(None, "datei"), title_or_name("", "")
    ('Bahnstreik', 'datei', '(untitled)')
    """
    return (title or "").strip() or name or "(untitled)"


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph; ``number`` counts body paragraphs only, from 1, in reading order. A
    paragraph too long to show as one hit is split at sentences into parts (``part`` 1, 2, …, each
    cited with the paragraph's number); ``part`` is None for a paragraph in one piece."""

    number: int
    text: str
    heading: str | None = None
    part: int | None = None


@dataclass(frozen=True)
class Article:
    """A parsed article. ``published`` is ISO 8601 at the precision the source gives, or None.

    ``anchor`` tells an article apart from the others of its file (``#3``: the third of a JSON
    Lines file), appended to the file's citation path; ``url`` is where it was published, if
    known; ``warnings`` are what a reader could not use (an impossible date), said per file.
    """

    title: str
    published: str | None
    paragraphs: tuple[Paragraph, ...]
    url: str | None = None
    anchor: str | None = None
    warnings: tuple[str, ...] = ()
    #: What a reader could not use of the file around this article (a line that is no JSON),
    #: said for the file, not the article.
    file_warnings: tuple[str, ...] = ()

    @property
    def published_at(self) -> datetime | None:
        """``published`` as a datetime (:func:`~indexer.german.dates.iso_moment`), for date ranges."""
        return None if self.published is None else iso_moment(self.published)


def composed_article(article: Article) -> Article:
    """``article`` with its title, subheadings and paragraphs in Unicode's composed form
    (:func:`indexer.german.composed`), whatever the format and its escapes (``&#776;``,
    ``\\u0308``) gave: decomposed and composed files index and cite the same. Soft hyphens
    go too: a hint where a line may break (``Wäh&shy;rend``), no character of the word, and in
    a hit's text a stray mark.

    >>> article = Article("Pru\u0308fung", None, (Paragraph(1, "gepru\u0308ft, wa\u00adrum"),))
    >>> composed_article(article).paragraphs[0].text
    'geprüft, warum'
    """
    def cleaned(text: str) -> str:
        return composed(text.replace(_SOFT_HYPHEN, ""))

    paragraphs = tuple(replace(p, text=cleaned(p.text), heading=p.heading and cleaned(p.heading))
                       for p in article.paragraphs)
    return replace(article, title=cleaned(article.title), paragraphs=paragraphs)


_SOFT_HYPHEN = "\u00ad"
