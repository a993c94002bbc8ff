"""Formatting hits: a readable block per hit for people, one JSON object per hit for scripts."""
from __future__ import annotations

import json
import textwrap

from .searching import Hit

__all__ = ["JSON_SCHEMA_VERSION", "format_date", "format_hit", "hit_to_json", "wrap_spans"]

#: Version of the JSON Lines hit object; bumped when a field changes meaning or disappears.
JSON_SCHEMA_VERSION = 1

_INDENT = "    "


def format_date(published: str | None) -> str:
    """``2024-06-21T09:28`` → ``21.06.2024 09:28``; ``2024-06`` → ``06.2024``; None → ``""``."""
    if not published:
        return ""
    date, _, time = published.partition("T")
    parts = date.split("-")
    return ".".join(reversed(parts)) + (f" {time}" if time else "")


def wrap_spans(text: str, width: int | None) -> list[tuple[int, int]]:
    """Line breaks for ``text`` as (start, end) offsets into it, so highlights survive wrapping.

    >>> wrap_spans("eins zwei drei", 9)
    [(0, 9), (10, 14)]
    """
    if not width or len(text) <= width:
        return [(0, len(text))]
    lines = []
    offset = 0
    for line in textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False):
        start = text.index(line, offset)
        lines.append((start, start + len(line)))
        offset = start + len(line)
    return lines


def _styled(text: str, start: int, end: int, spans: tuple[tuple[int, int], ...], style) -> str:
    """``text[start:end]`` with every highlight span inside it passed through ``style``."""
    out = []
    pos = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(text[pos:s])
        out.append(style(text[s:e]))
        pos = e
    out.append(text[pos:end])
    return "".join(out)


def format_hit(hit: Hit, color: bool = False, width: int | None = None) -> str:
    """One block for a person: citation, title and date, heading, then the paragraph with highlights.

    Colour codes are added only with ``color``; ``width`` wraps the paragraph (None: one line).
    """
    import click

    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if color else text

    head = style(hit.citation, fg="magenta", bold=True)
    meta = hit.title + (f" · {format_date(hit.published)}" if hit.published else "")
    lines = [head, _INDENT + style(meta, fg="cyan")]
    if hit.heading:
        lines.append(_INDENT + style(f"» {hit.heading}", italic=True))
    mark = (lambda t: style(t, fg="red", bold=True)) if color else (lambda t: t)
    body_width = width - len(_INDENT) if width else None
    for start, end in wrap_spans(hit.text, body_width):
        lines.append(_INDENT + _styled(hit.text, start, end, hit.highlights, mark))
    return "\n".join(lines)


def hit_to_json(hit: Hit, **extra: object) -> str:
    """One JSON object (one line) for scripts: every :class:`Hit` field plus ``schema_version`` and ``extra``."""
    data = {"schema_version": JSON_SCHEMA_VERSION, **hit.as_dict(), **extra}
    return json.dumps(data, ensure_ascii=False)
