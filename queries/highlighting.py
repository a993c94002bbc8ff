"""Highlighting: where in a hit's text the query's words stand, as the index recorded them.

The index keeps each term's positions; the words at a hit's matched positions are its matches,
exactly as the index made them (a compound part stands at its compound's position, so
``Lieferung`` marks ``Waffenlieferungen``), with no stemming or splitting here.
"""
from __future__ import annotations

from typing import Iterable

from whoosh.query import PatternQuery

from indexer.engine.readers import pattern_words
from indexer.german import word_spans
from indexer.schema import GERMAN_FIELDS, PARAGRAPH_FIELDS

from .postings import segments, term_positions

__all__ = ["highlight_spans", "matched_positions", "merge_spans"]


def matched_positions(searcher, parsed, docnums: list[int]) -> dict[int, dict[str, set[int]]]:
    """Where the indexed terms the query reached (prefixes expanded) stand in each of
    ``docnums``, per highlightable field: {document: {field: positions}}.

    Each term's posting list is read once for all hits together, and only its blocks that hold a
    hit are decoded (a frequent word's list has thousands of blocks).
    """
    found: dict[int, dict[str, set[int]]] = {}
    wanted = set(docnums)
    if not wanted:
        return found
    reader = searcher.reader()
    # Leaf by leaf: Whoosh's existing_terms() of a compound query skips every field after the first
    # one it meets (its loop variable shadows its ``fieldname`` argument), so `speaker:x Wort` lost Wort.
    terms = {
        (fieldname, value.decode("utf-8") if isinstance(value, bytes) else value)
        for leaf in parsed.leaves()
        for fieldname, value in leaf.existing_terms(reader, phrases=True)
        if fieldname in PARAGRAPH_FIELDS
    }
    asked = [(fieldname, value, wanted) for fieldname, value in sorted(terms)]
    # The words of prefixes and wildcards, as ranking found them segment by segment: each asked of
    # the hits of its segment only (a pattern is a thousand words, most in every segment).
    patterns = [leaf for leaf in parsed.leaves()
                if isinstance(leaf, PatternQuery) and leaf.fieldname in PARAGRAPH_FIELDS]
    for subsearcher, offset in segments(searcher) if patterns else ():
        reader = subsearcher.reader()
        here = {docnum for docnum in wanted if offset <= docnum < offset + reader.doc_count_all()}
        asked += [(leaf.fieldname, word, here) for leaf in patterns if here for word in pattern_words(leaf, reader)]
    for fieldname, value, docs in asked:
        for docnum, positions in term_positions(searcher, fieldname, value, docs).items():
            found.setdefault(docnum, {}).setdefault(fieldname, set()).update(positions)
    return found


def highlight_spans(text: str, positions: dict[str, set[int]], schema) -> tuple[tuple[int, int], ...]:
    """Spans of the words in ``text`` at ``positions`` (per field), merged where they touch."""
    spans = []
    for fieldname, field_positions in positions.items():
        if fieldname in GERMAN_FIELDS:
            # The words' positions as indexing numbers them, without stemming or splitting:
            # consecutive, so a matched position's word is found by its number.
            words = word_spans(text)
            first = words[0][0] if words else 0
            spans += [words[pos - first][1:] for pos in field_positions if 0 <= pos - first < len(words)]
            continue
        analyzer = schema[fieldname].analyzer
        words = ((t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True))
        last = max(field_positions, default=-1)
        for pos, start, end in words:
            if pos > last:  # positions ascend: the words after the last match need no analysis
                break
            if pos in field_positions:
                spans.append((start, end))
    return merge_spans(spans)


def merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Spans sorted, overlapping and touching ones joined.

    >>> merge_spans([(5, 9), (0, 3), (2, 4)])
    ((0, 4), (5, 9))
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)
