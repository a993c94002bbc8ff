"""Formatting hits: a readable block per hit for people, one JSON object per hit for scripts."""
from __future__ import annotations

import json
import textwrap
import unicodedata

import click

from .searching import ArticleGroup, ContextParagraph, Hit, SearchResult
from .trend import Trend

__all__ = [
    "JSON_SCHEMA_VERSION",
    "count_to_json",
    "error_to_json",
    "format_copies",
    "format_date",
    "format_group",
    "format_hit",
    "format_found_in",
    "format_suggestions",
    "format_trend",
    "group_to_json",
    "hit_to_json",
    "json_line",
    "nothing_found_to_json",
    "trend_summary",
    "wrap_spans",
]

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


def escape_controls(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\x1b``): a file name
    with a newline stays one line of output, and one with a terminal escape sequence prints as text.

    >>> escape_controls("a\\nb\\x1b[31m.txt")
    'a\\\\nb\\\\x1b[31m.txt'
    """
    if text.isprintable():
        return text
    return "".join(repr(char)[1:-1] if unicodedata.category(char) == "Cc" else char for char in text)


def _number(paragraph: Hit | ContextParagraph) -> str:
    """``¶N``, and ``.P`` for part P of a paragraph too long for one hit."""
    return f"¶{paragraph.paragraph}" + (f".{paragraph.part}" if paragraph.part else "")


def _stylist(color: bool):
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if color else text

    return style


def _paragraph_lines(text: str, spans, width: int | None, mark) -> list[str]:
    body_width = width - len(_INDENT) if width else None
    return [_INDENT + _styled(text, start, end, spans, mark) for start, end in wrap_spans(text, body_width)]


def format_hit(hit: Hit, color: bool = False, width: int | None = None) -> str:
    """One block for a person: citation, title and date, heading, then the paragraph with highlights.

    Context paragraphs (``-C``) stand before and after it, dimmed and marked with their number.
    Colour codes are added only with ``color``; ``width`` wraps the paragraph (None: one line).
    """
    style = _stylist(color)
    head = style(escape_controls(hit.citation), fg="magenta", bold=True)
    meta = hit.title + (f" · {format_date(hit.published)}" if hit.published else "")
    lines = [head, _INDENT + style(meta, fg="cyan")]
    if hit.heading:
        lines.append(_INDENT + style(f"» {hit.heading}", italic=True))

    def context_lines(paragraphs) -> list[str]:
        out = []
        for para in paragraphs:
            out.append(_INDENT + style(_number(para), dim=True))
            out.extend(style(line, dim=True) for line in _paragraph_lines(para.text, (), width, str))
        return out

    mark = (lambda t: style(t, fg="red", bold=True)) if color else str
    lines += context_lines(c for c in hit.context if c.paragraph < hit.paragraph)
    if hit.context:
        lines.append(_INDENT + style(_number(hit), bold=True))
    lines += _paragraph_lines(hit.text, hit.highlights, width, mark)
    lines += context_lines(c for c in hit.context if c.paragraph > hit.paragraph)
    if hit.duplicates:
        lines.append(_INDENT + style(format_copies(hit), fg="cyan"))
    return "\n".join(lines)


#: Copies a hit's text block cites by name; the JSON hit lists them all.
_COPIES_SHOWN = 3


def format_copies(hit: Hit) -> str:
    """Where a hit's text stands too (agency copy): ``also in 2 other articles: b.txt ¶3, c.txt ¶1``.

    >>> from queries.searching import Copy
    >>> copies = (Copy("taz/a.txt", 2), Copy("welt/b.txt", 1), Copy("welt/b.txt", 5), Copy("zeit/c.txt", 4),
    ...           Copy("faz/d.txt", 3))
    >>> format_copies(Hit("dpa/x.txt", 1, "T", None, None, "…", 1.0, 1, duplicates=copies))
    'also in 4 other articles: taz/a.txt ¶2, welt/b.txt ¶1, welt/b.txt ¶5 and 2 more'
    """
    articles = len({copy.path for copy in hit.duplicates})
    cited = ", ".join(escape_controls(f"{copy.path} ¶{copy.paragraph}") for copy in hit.duplicates[:_COPIES_SHOWN])
    more = len(hit.duplicates) - _COPIES_SHOWN
    return (f"also in {articles} other article{'s' if articles != 1 else ''}: {cited}"
            + (f" and {more} more" if more > 0 else ""))


def format_group(group: ArticleGroup, color: bool = False, width: int | None = None) -> str:
    """One block per article (``--group``): path, title, date and count, then each matching paragraph."""
    style = _stylist(color)
    count = len(group.hits)
    meta = group.title + (f" · {format_date(group.published)}" if group.published else "")
    lines = [style(escape_controls(group.path), fg="magenta", bold=True)
             + f"  ({count} paragraph{'s' if count != 1 else ''})",
             _INDENT + style(meta, fg="cyan")]
    mark = (lambda t: style(t, fg="red", bold=True)) if color else str
    for hit in group.hits:
        lines.append(_INDENT + style(_number(hit), bold=True) + (f"  » {hit.heading}" if hit.heading else ""))
        lines += _paragraph_lines(hit.text, hit.highlights, width, mark)
    return "\n".join(lines)


def format_suggestions(suggestions: dict[str, list[str]]) -> str:
    """``Did you mean: waffenlieferungen (for Waffenliferung)?`` — one line for stderr."""
    parts = [f"{' or '.join(words)} (for {word})" for word, words in suggestions.items()]
    return f"Did you mean: {'; '.join(parts)}?"


def format_found_in(result: SearchResult) -> str:
    """Where a query that found no paragraph's text is found instead, and how to search there:
    ``Found in the titles of 2 paragraphs: try title:Heizungsgesetz``."""
    query = result.query if " " not in result.query.strip() else f"({result.query})"
    names = {"title": "titles", "heading": "subheadings"}
    places = [f"the {names[field]} of {count:,} paragraph{'s' if count != 1 else ''}: try {field}:{query}"
              for field, count in result.found_in.items()]
    return f"Found in {'; in '.join(places)}"


# A bar's last cell in eighths, so that bars of near counts differ (Unicode's left blocks).
_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"


def _bar(count: int, most: int, cells: int) -> str:
    """``count`` as a bar of ``cells`` for ``most``; a count above 0 shows at least an eighth.

    >>> _bar(3, 4, 10), _bar(1, 1000, 10), _bar(0, 4, 10)
    ('███████▌', '▏', '')
    """
    if not count:
        return ""
    eighths = max(1, round(count / most * cells * 8))
    return _FULL * (eighths // 8) + _EIGHTHS[eighths % 8].strip()


def format_trend(trend: Trend, width: int = 80) -> list[str]:
    """A period a line: its name, paragraphs, articles and a bar of its paragraphs that fills
    the rest of ``width`` (the terminal's); a header line first.

    >>> from queries.trend import PeriodCount
    >>> print("\\n".join(format_trend(Trend("Streik", "month", (PeriodCount("2024-05", 4, 2),
    ...                                       PeriodCount("2024-06", 0, 0))), width=40)))
    period   paragraphs articles
    2024-05           4        2 ███████████
    2024-06           0        0
    """
    label = max([len("period"), *(len(count.period) for count in trend.periods)])
    head = f"{'period':<{label}}  paragraphs articles"
    most = max((count.paragraphs for count in trend.periods), default=0)
    cells = max(width - len(head) - 1, 10)
    return [head] + [
        f"{count.period:<{label}}  {count.paragraphs:>10,} {count.articles:>8,} {_bar(count.paragraphs, most, cells)}"
        .rstrip()
        for count in trend.periods
    ]


def trend_summary(trend: Trend) -> str:
    """``12 matching paragraphs in 5 articles, by month from 2024-01 to 2024-06`` (and the undated ones)."""
    noun = "paragraph" if trend.paragraphs == 1 else "paragraphs"
    summary = f"{trend.paragraphs:,} matching {noun} in {trend.articles:,} article{'s' if trend.articles != 1 else ''}"
    if trend.periods:
        summary += f", by {trend.by} from {trend.periods[0].period} to {trend.periods[-1].period}"
    if trend.undated:
        summary += f"; {trend.undated:,} more in articles without a date (not counted)"
    return summary


def json_line(data: dict) -> str:
    """One JSON object of Fundstelle's output, ``schema_version`` first."""
    return json.dumps({"schema_version": JSON_SCHEMA_VERSION, **data}, ensure_ascii=False)


def hit_to_json(hit: Hit, **extra: object) -> str:
    """One JSON object (one line) for scripts: every :class:`Hit` field plus ``schema_version`` and ``extra``."""
    return json_line({**hit.as_dict(), **extra})


def nothing_found_to_json(result: SearchResult, **extra: object) -> str:
    """The object that stands for a query without hits: ``total`` 0, the ``did_you_mean``
    suggestions, and ``found_in`` (paragraphs whose title or subheading has it, by field)."""
    return json_line({**extra, "query": result.query, "total": 0, "did_you_mean": result.did_you_mean,
                      "found_in": result.found_in})


def error_to_json(query: str, message: str, **extra: object) -> str:
    """The object that stands for a query that could not run (batch mode)."""
    return json_line({**extra, "query": query, "error": message})


def group_to_json(group: ArticleGroup, with_hits: bool = True, **extra: object) -> str:
    """One object per article (``--group``, ``-l``): path, title, published, count and, with_hits, the hits."""
    data = {**extra, "path": group.path, "title": group.title, "published": group.published,
            "count": len(group.hits)}
    if with_hits:
        data["hits"] = [hit.as_dict() for hit in group.hits]
    return json_line(data)


def count_to_json(result: SearchResult, **extra: object) -> str:
    """``--count --json``: the query and how many paragraphs match it."""
    return json_line({**extra, "query": result.query, "count": result.total})
