"""An article as every input format yields it: a title, a date if known, numbered paragraphs."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Article", "Paragraph"]


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph; ``number`` counts body paragraphs only, from 1, in reading order."""

    number: int
    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Article:
    """A parsed article. ``published`` is ISO 8601 at the precision the source gives, or None."""

    title: str
    published: str | None
    paragraphs: tuple[Paragraph, ...]

    @property
    def published_at(self) -> datetime | None:
        """``published`` as a datetime (a month alone means its first day), for date ranges."""
        if self.published is None:
            return None
        text = self.published
        if len(text) == 7:  # YYYY-MM
            text += "-01"
        return datetime.fromisoformat(text)
