"""Compound splitters compared on the test table: accuracy, load time and memory.

    pip install compound-split german-nouns   # the candidates besides ours (optional)
    python -m benchmarks.splitters

A compound counts as right when the stems of the parts a splitter gives are the stems of the
parts in ``tests/test_german_compounds.py`` (sub-compounds of three-part words left out); a
non-compound counts as right when it is left whole. Load time and peak RSS are measured in a
fresh process that loads the splitter and splits one word.
"""
from __future__ import annotations

import sys
from typing import Callable, Sequence

from benchmarks.scale import peak_rss_run
from indexer.german import stem_word
from tests.test_german_compounds import COMPOUNDS, NOT_COMPOUNDS

LOAD = {
    "wordfreq (Koehn & Knight, ours)":
        "from indexer.german import split_compound; split_compound('waffenlieferungen')",
    "compound-split (CharSplit)":
        "from compound_split import char_split; char_split.split_compound('Waffenlieferungen')",
    "german-nouns": "from german_nouns.lookup import Nouns; Nouns().parse_compound('Waffenlieferungen')",
}


def ours(word: str) -> list[str]:
    from indexer.german import split_compound

    return [part for part, _ in split_compound(word.lower().replace("ß", "ss"))]


def charsplit(word: str) -> list[str]:
    from compound_split import char_split

    score, head, tail = char_split.split_compound(word)[0]
    return [head, tail] if score > 0 else []


_nouns = None


def german_nouns(word: str) -> list[str]:
    global _nouns
    if _nouns is None:
        from german_nouns.lookup import Nouns

        _nouns = Nouns()
    parts = _nouns.parse_compound(word)
    return parts if len(parts) > 1 else []


SPLITTERS: dict[str, Callable[[str], list[str]]] = {
    "wordfreq (Koehn & Knight, ours)": ours,
    "compound-split (CharSplit)": charsplit,
    "german-nouns": german_nouns,
}


def stems(words: Sequence[str]) -> set[str]:
    return {stem_word(w.lower().replace("ß", "ss").strip("-")) for w in words}


def expected_parts(compound: str, parts: list[str]) -> list[str]:
    """The table's parts of the last hyphen piece, without the sub-compound that four-entry rows end with."""
    hyphen_pieces = {piece.lower() for piece in compound.split("-")[:-1]}
    own = [p for p in parts if p.lower() not in hyphen_pieces]
    return own[:-1] if len(own) >= 4 else own


def load_cost(code: str) -> tuple[float, float] | None:
    """(seconds, peak RSS MB) of a fresh process running ``code``; None where it fails (not installed)."""
    seconds, rss, exit_code = peak_rss_run([sys.executable, "-c", code])
    return (seconds, rss) if exit_code == 0 else None


def main() -> int:
    print("| splitter | compounds right | non-compounds whole | load s | peak RSS MB |")
    print("| --- | --- | --- | --- | --- |")
    for name, split in SPLITTERS.items():
        cost = load_cost(LOAD[name])
        if cost is None:
            print(f"| {name} | not installed | | | |")
            continue
        right = sum(
            stems(split(compound.split("-")[-1])) == stems(expected_parts(compound, parts))
            for compound, parts in COMPOUNDS.items()
        )
        whole = sum(not split(word) for word in NOT_COMPOUNDS)
        print(f"| {name} | {right}/{len(COMPOUNDS)} | {whole}/{len(NOT_COMPOUNDS)} | {cost[0]:.2f} | {cost[1]:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
