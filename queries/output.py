"""Output formats, by name: what each command prints, for people (``text``) and scripts (``json``).

A format renders a command's result as :class:`Rendered` lines for stdout and stderr; the command
line only prints them (``--format NAME``, ``--json`` for ``--format json``). A new format is a
class with the same methods, registered in :data:`FORMATS`.

>>> FORMATS["json"].stats({"articles": 1}).out, FORMATS["text"].groups([], 10, 0, with_hits=False).out
(['{"articles": 1}'], [])
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Sequence

from .formatting import (
    count_to_json,
    escape_controls,
    format_found_in,
    format_group,
    format_hit,
    format_suggestions,
    group_to_json,
    hit_to_json,
    json_line,
    nothing_found_to_json,
)
from .searching import ArticleGroup, SearchResult

__all__ = ["FORMATS", "JsonOutput", "Rendered", "TextOutput"]


@dataclass
class Rendered:
    """Lines for stdout (the results) and for stderr (summaries and hints, for a person)."""

    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _hints(result: SearchResult) -> list[str]:
    """For a person, where a query that found nothing might be: closer words, titles that hold it."""
    if result.hits:
        return []
    hints = [format_suggestions(result.did_you_mean)] if result.did_you_mean else []
    return hints + ([format_found_in(result)] if result.found_in else [])


class TextOutput:
    """For a person at a terminal: a block per hit, summaries on stderr."""

    name = "text"

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


class JsonOutput:
    """For scripts: JSON Lines on stdout, one object per hit, article or word."""

    name = "json"

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


#: The output formats by name (``--format``).
FORMATS: dict[str, TextOutput | JsonOutput] = {output.name: output for output in (TextOutput(), JsonOutput())}
