"""Output formats, by name: what each command prints, for people (``text``), scripts (``json``)
and spreadsheets (``csv``).

A format renders a command's result as :class:`Rendered` lines for stdout and stderr; the command
line only prints them (``--format NAME``, ``--json`` for ``--format json``). A new format is a
class of the :class:`OutputFormat` protocol, registered in :data:`FORMATS`: ``--format`` offers
every registered name.

>>> FORMATS["json"].stats({"articles": 1}).out, FORMATS["text"].groups([], 10, 0, with_hits=False).out
(['{"articles": 1}'], [])
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Protocol, Sequence

from .formatting import (
    count_to_json,
    error_to_json,
    escape_controls,
    format_found_in,
    format_group,
    format_hit,
    format_suggestions,
    format_trend,
    group_to_json,
    hit_to_json,
    json_line,
    nothing_found_to_json,
    trend_summary,
)
from .searching import ArticleGroup, SearchResult, group_by_article
from .trend import Trend

__all__ = ["FORMATS", "CsvOutput", "JsonOutput", "OutputFormat", "Rendered", "TextOutput"]


@dataclass
class Rendered:
    """Lines for stdout (the results, each ended by ``end``) and for stderr (summaries and hints,
    for a person)."""

    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    end: str = "\n"


class OutputFormat(Protocol):
    """What an output format renders: each command's result, as :class:`Rendered` lines.

    ``shape`` of a batch answer: ``hits``, ``count``, ``files`` (``-l``) or ``group``; ``line`` the
    query's line in the batch file."""

    name: str
    #: For a person at a terminal: colours and ``-0`` are its, and a batch (for scripts) is
    #: answered as JSON Lines.
    for_people: bool

    def hits(self, result: SearchResult, color: bool = False, width: int | None = None) -> Rendered: ...

    def count(self, result: SearchResult) -> Rendered: ...

    def groups(self, groups: Sequence[ArticleGroup], shown: int, total: int, with_hits: bool, color: bool = False,
               width: int | None = None) -> Rendered: ...

    def batch_start(self) -> Rendered: ...

    def batch_answer(self, result: SearchResult, shape: str, limit: int, line: int) -> Rendered: ...

    def batch_error(self, query: str, message: str, line: int) -> Rendered: ...

    def report(self, report) -> Rendered: ...

    def analysis(self, words) -> Rendered: ...

    def stats(self, figures: dict) -> Rendered: ...

    def check(self, result: dict) -> Rendered: ...

    def trend(self, trend: Trend, width: int = 80) -> Rendered: ...


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _hints(result: SearchResult) -> list[str]:
    """For a person, where a query that found nothing might be: closer words, titles that hold it."""
    if result.hits:
        return []
    hints = [format_suggestions(result.did_you_mean)] if result.did_you_mean else []
    return hints + ([format_found_in(result)] if result.found_in else [])


class TextOutput:
    """For a person at a terminal: a block per hit, summaries on stderr. A batch is for scripts:
    answered as JSON Lines."""

    name = "text"
    for_people = True

    def batch_start(self) -> Rendered:
        return FORMATS["json"].batch_start()

    def batch_answer(self, result: SearchResult, shape: str, limit: int, line: int) -> Rendered:
        return FORMATS["json"].batch_answer(result, shape, limit, line)

    def batch_error(self, query: str, message: str, line: int) -> Rendered:
        return FORMATS["json"].batch_error(query, message, line)

    def hits(self, result: SearchResult, color: bool = False, width: int | None = None) -> Rendered:
        rendered = Rendered()
        for number, hit in enumerate(result.hits):
            if number:
                rendered.out.append("")
            rendered.out.append(format_hit(hit, color=color, width=width))
        shown = len(result.hits)
        more = f" (of {result.total}; see more with --limit)" if result.total > shown else ""
        # On stderr, also when nothing was found: a person sees the search ran; stdout stays empty.
        rendered.err.append(f"{_plural(shown, 'matching paragraph')}{more}")
        rendered.err += _hints(result)
        return rendered

    def count(self, result: SearchResult) -> Rendered:
        return Rendered(out=[str(result.total)])

    def groups(self, groups: Sequence[ArticleGroup], shown: int, total: int, with_hits: bool, color: bool = False,
               width: int | None = None) -> Rendered:
        """``--group`` (the first ``shown`` articles with their hits) and ``-l`` (every path)."""
        if not with_hits:
            return Rendered(out=[escape_controls(group.path) for group in groups])
        rendered = Rendered()
        for number, group in enumerate(groups[:shown]):
            if number:
                rendered.out.append("")
            rendered.out.append(format_group(group, color=color, width=width))
        more = f" (of {len(groups)}; see more with --limit)" if len(groups) > shown else ""
        rendered.err.append(f"{_plural(min(shown, len(groups)), 'article')}{more}, "
                            f"{_plural(total, 'matching paragraph')}")
        return rendered

    def report(self, report) -> Rendered:
        """An index or rebuild run: what was skipped or is missing, and the summary, on stderr."""
        lines = [f"skipped {path}: {reason}" for path, reason in report.skipped]
        lines += [f"warning {path}: {warning}" for path, warning in report.warnings]
        lines += [f"missing {path}: the file is gone, its paragraphs were dropped" for path in report.missing]
        return Rendered(err=[*lines, report.summary()])

    def analysis(self, words) -> Rendered:
        width = max([len(w.word) for w in words] + [4])
        lines = [f"{'pos':>3}  {'word':<{width}}  indexed as"]
        for w in words:
            if w.stop_word:
                indexed = "(stop word: not indexed)"
            else:
                indexed = w.term + (f"  + parts {', '.join(w.parts)}" if w.parts else "") + (
                    f"  + other number {w.number}" if w.number else "") + (f"  + base {w.base}" if w.base else "")
            lines.append(f"{w.position:>3}  {w.word:<{width}}  {indexed}   exact: {w.exact}")
        return Rendered(out=lines)

    def check(self, result: dict) -> Rendered:
        """``fundstelle check``: that the index is sound, on stdout; else each damaged file on stderr."""
        if result["sound"]:
            return Rendered(out=[f"the index at {result['index']} is sound: {_plural(result['files'], 'file')}, "
                                 f"{result['bytes'] / 1e6:,.1f} MB read and checked in {result['seconds']:.1f} s"])
        return Rendered(err=[f"damaged {problem['file']}: {problem['problem']}" for problem in result["problems"]])

    def stats(self, figures: dict) -> Rendered:
        sources = figures["sources"]
        return Rendered(out=[
            f"index:          {figures['index']}",
            f"articles:       {figures['articles']:,}",
            f"paragraphs:     {figures['paragraphs']:,}",
            f"distinct terms: {figures['distinct_terms']:,}",
            f"size:           {figures['size_bytes'] / 1e6:,.1f} MB",
            f"folders:        {', '.join(sources['folders']) or '-'}",
            f"single files:   {len(sources['files'])}",
            f"created:        {figures['created']}",
            f"last update:    {figures['updated']}",
            f"versions:       schema {figures['schema_version']}, analysis {figures['analysis_version']}",
        ])

    def trend(self, trend: Trend, width: int = 80) -> Rendered:
        """``fundstelle trend``: a bar chart on stdout (a period a line), the totals on stderr."""
        return Rendered(out=format_trend(trend, width) if trend.periods else [], err=[trend_summary(trend)])


class JsonOutput:
    """For scripts: JSON Lines on stdout, one object per hit, article or word."""

    name = "json"
    for_people = False

    def batch_start(self) -> Rendered:
        return Rendered()

    def batch_answer(self, result: SearchResult, shape: str, limit: int, line: int) -> Rendered:
        """A batch query's JSON Lines, shaped as a single search's ``--json`` (--count, -l,
        --group or hits), each object with its ``query`` and ``line``."""
        extra = {"query": result.query, "line": line}
        if shape == "count":
            return Rendered(out=[count_to_json(result, line=line)])
        if not result.hits:
            return Rendered(out=[nothing_found_to_json(result, line=line)])
        if shape in ("files", "group"):
            groups = group_by_article(result.hits)
            return Rendered(out=[group_to_json(group, with_hits=shape == "group", **extra)
                                 for group in (groups[:limit] if shape == "group" else groups)])
        return Rendered(out=[hit_to_json(hit, **extra) for hit in result.hits])

    def batch_error(self, query: str, message: str, line: int) -> Rendered:
        return Rendered(out=[error_to_json(query, message, line=line)])

    def hits(self, result: SearchResult, color: bool = False, width: int | None = None) -> Rendered:
        rendered = Rendered(out=[hit_to_json(hit) for hit in result.hits])
        hints = _hints(result)
        if hints:
            rendered.out.append(nothing_found_to_json(result))
        rendered.err += hints
        return rendered

    def count(self, result: SearchResult) -> Rendered:
        return Rendered(out=[count_to_json(result)])

    def groups(self, groups: Sequence[ArticleGroup], shown: int, total: int, with_hits: bool, color: bool = False,
               width: int | None = None) -> Rendered:
        return Rendered(out=[group_to_json(group, with_hits=with_hits)
                             for group in (groups[:shown] if with_hits else groups)])

    def report(self, report) -> Rendered:
        return Rendered(out=[json_line(report.as_dict())])

    def analysis(self, words) -> Rendered:
        return Rendered(out=[json.dumps({**asdict(word), "parts": list(word.parts)}, ensure_ascii=False)
                             for word in words])

    def check(self, result: dict) -> Rendered:
        return Rendered(out=[json_line(result)])

    def stats(self, figures: dict) -> Rendered:
        # The figures carry the index's own schema_version, not the output's.
        return Rendered(out=[json.dumps(figures, ensure_ascii=False)])

    def trend(self, trend: Trend, width: int = 80) -> Rendered:
        return Rendered(out=[json_line(asdict(count)) for count in trend.periods])


#: A hit's columns in a table (``part``: the part of a paragraph too long for one hit, ``¶3.2``).
HIT_COLUMNS = ("path", "paragraph", "part", "title", "published", "heading", "url", "score", "text", "duplicates")
# Spreadsheets (Excel) read a CSV file as UTF-8 only after a byte order mark.
_BOM = "\ufeff"


def _csv_row(values: Iterable[Any]) -> str:
    """One row of RFC 4180 CSV (quoted where a field needs it), without its line end."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(["" if value is None else value for value in values])
    return buffer.getvalue()


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]], err: Sequence[str] = ()) -> Rendered:
    """A CSV table, its header first, rows ended by CRLF (RFC 4180), a byte order mark first."""
    return Rendered(out=[_BOM + _csv_row(header), *map(_csv_row, rows)], err=list(err), end="\r\n")


def _hit_fields(hit) -> dict[str, Any]:
    """A hit's values by column (:data:`HIT_COLUMNS`)."""
    return {"path": hit.path, "paragraph": hit.paragraph, "part": hit.part, "title": hit.title,
            "published": hit.published, "heading": hit.heading, "url": hit.url, "score": hit.score, "text": hit.text,
            "duplicates": "; ".join(f"{copy.path} ¶{copy.paragraph}" for copy in hit.duplicates)}


def _hit_row(hit) -> list[Any]:
    fields = _hit_fields(hit)
    return [fields[column] for column in HIT_COLUMNS]


#: A batch's one table: each row the query's, its line's, and a hit's, a count or an error.
_BATCH_COLUMNS = ("query", "line", *HIT_COLUMNS, "count", "error")


def _batch_row(**fields: Any) -> str:
    return _csv_row(fields.get(column) for column in _BATCH_COLUMNS)


class CsvOutput:
    """For spreadsheets: one table on stdout (RFC 4180, UTF-8 with a byte order mark, so that
    LibreOffice and Excel show umlauts right; Python reads it back with ``encoding="utf-8-sig"``);
    summaries and hints on stderr, as for a person."""

    name = "csv"
    for_people = False

    def hits(self, result: SearchResult, color: bool = False, width: int | None = None) -> Rendered:
        return _table(HIT_COLUMNS, map(_hit_row, result.hits), _hints(result))

    def count(self, result: SearchResult) -> Rendered:
        return _table(("query", "count"), [(result.query, result.total)])

    def groups(self, groups: Sequence[ArticleGroup], shown: int, total: int, with_hits: bool, color: bool = False,
               width: int | None = None) -> Rendered:
        """``-l``: an article a row; ``--group``: a hit a row, article by article."""
        if with_hits:
            return _table(HIT_COLUMNS, (_hit_row(hit) for group in groups[:shown] for hit in group.hits))
        return _table(("path", "title", "published", "count"),
                      ((group.path, group.title, group.published, len(group.hits)) for group in groups))

    def batch_start(self) -> Rendered:
        return _table(_BATCH_COLUMNS, [])

    def batch_answer(self, result: SearchResult, shape: str, limit: int, line: int) -> Rendered:
        """The rows of one query in the batch's one table: its hits (``--group``: article by
        article; ``-l``: an article a row, its paragraph count in ``count``), else one row with its
        count (``--count``, or nothing found)."""
        asked = {"query": result.query, "line": line}
        if shape == "count" or not result.hits:
            rows = [_batch_row(**asked, count=result.total)]
        elif shape == "files":
            rows = [_batch_row(**asked, path=group.path, title=group.title, published=group.published,
                               count=len(group.hits)) for group in group_by_article(result.hits)]
        else:
            hits = result.hits if shape == "hits" else [hit for group in group_by_article(result.hits)[:limit]
                                                         for hit in group.hits]
            rows = [_batch_row(**asked, **_hit_fields(hit)) for hit in hits]
        return Rendered(out=rows, end="\r\n")

    def batch_error(self, query: str, message: str, line: int) -> Rendered:
        return Rendered(out=[_batch_row(query=query, line=line, error=message)], end="\r\n")

    def report(self, report) -> Rendered:
        """An index run, a file a row: its citation, what happened, why (skipped, a warning)."""
        rows = [(path, outcome, None) for outcome in ("added", "updated", "removed", "unchanged")
                for path in getattr(report, outcome)]
        rows += [(path, "skipped", reason) for path, reason in report.skipped]
        rows += [(path, "warning", warning) for path, warning in report.warnings]
        rows += [(path, "missing", None) for path in report.missing]
        return _table(("path", "outcome", "detail"), rows, [report.summary()])

    def analysis(self, words) -> Rendered:
        return _table(("position", "word", "stop_word", "term", "parts", "other_number", "base", "exact"),
                      ((w.position, w.word, w.stop_word, w.term, " ".join(w.parts), w.number, w.base, w.exact)
                       for w in words))

    def stats(self, figures: dict) -> Rendered:
        """A figure a row; the folders and single files one row each, joined by ``; ``."""
        rows = [(key, "; ".join(value["folders"] + value["files"]) if key == "sources" else value)
                for key, value in figures.items()]
        return _table(("figure", "value"), rows)

    def check(self, result: dict) -> Rendered:
        return _table(("file", "problem"), ((p["file"], p["problem"]) for p in result["problems"]))

    def trend(self, trend: Trend, width: int = 80) -> Rendered:
        return _table(("period", "paragraphs", "articles"),
                      ((count.period, count.paragraphs, count.articles) for count in trend.periods),
                      [trend_summary(trend)])


#: The output formats by name (``--format``).
FORMATS: dict[str, OutputFormat] = {output.name: output for output in (TextOutput(), JsonOutput(), CsvOutput())}
