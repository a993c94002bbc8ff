"""Compound splitters on the hand-labelled gold list: precision and recall of constituents, the
share of non-compounds split, load time and memory.

    pip install compound-split german-nouns   # two candidates (optional; german-nouns needs
                                              # lxml < 5, which breaks the [html] extra)
    python -m benchmarks.compounds
    python -m benchmarks.compounds --save before.json   # on an older checkout: its index terms only
    python -m benchmarks.compounds --before before.json # this code's candidates and that run

The gold list is ``tests/data/compounds-gold.tsv``: German words from the seed, XQuAD and the law
corpus, each with its parts and inner compounds as a reader names them, or "no compound"
(conventions in its header). A splitter's constituents are compared as stems (``Bundes`` and
``bund``, ``Schul`` and ``Schule`` alike); the word's own stem is not a constituent. Precision
counts every constituent given, on compounds and non-compounds; recall, the gold constituents of
the compounds found. Candidates besides Fundstelle's splitter: Koehn & Knight as published (the
splitter before #22), the same and Fundstelle's with the index's own vocabulary as a second
frequency source (the XQuAD passages and 120,000 law paragraphs of the relevance benchmark),
Lucene's dictionary decompounder over the word list, german-nouns (Wiktionary nouns) and
compound-split (CharSplit n-gram probabilities).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

from benchmarks.corpora import REPO, law_paragraphs, xquad_passages
from benchmarks.results import RESULTS, provenance, save_results
from benchmarks.scale import peak_rss_run
from indexer.german import COMPOUND_PART_WEIGHT, GERMAN_STOP_WORDS, index_terms, split_words
from indexer.german.stemming import stem_written
from indexer.german.wordlist import word_list

GOLD = REPO / "tests" / "data" / "compounds-gold.tsv"
VOCABULARY_PARAGRAPHS = 120_000
#: The floor of the word list before #22 (Koehn & Knight as published).
OLD_FLOOR = 1e-6

#: A candidate: word as written → the stems of its constituents (parts and inner compounds).
Constituents = Callable[[str], Iterable[str]]


@dataclass(frozen=True)
class GoldWord:
    word: str
    parts: tuple[str, ...]  # () for a word that is no compound
    inner: tuple[str, ...]  # inner compounds: runs of neighbouring parts that are words

    @property
    def constituent_stems(self) -> frozenset[str]:
        return frozenset(map(stem_written, self.parts + self.inner))


def load_gold(path: Path = GOLD) -> list[GoldWord]:
    """The gold list; raises ValueError where a line's parts do not spell its word, or an inner
    compound is no run of its parts."""
    words = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        word, parts, *inner = line.split("\t")
        if parts == "-":
            words.append(GoldWord(word, (), ()))
            continue
        pieces = tuple(parts.split("|"))
        runs = {"".join(pieces[i:j]).lower() for i in range(len(pieces)) for j in range(i + 2, len(pieces) + 1)}
        inner_words = tuple(inner[0].split()) if inner else ()
        if "".join(pieces).lower() != word.lower() or any(w.lower() not in runs for w in inner_words):
            raise ValueError(f"{path.name}:{number}: the parts of {word!r} do not spell it")
        words.append(GoldWord(word, pieces, inner_words))
    return words


@dataclass(frozen=True)
class SplitScores:
    precision: float
    recall: float
    non_compounds_split: float
    compounds: int
    non_compounds: int
    errors: tuple[str, ...]  # each word split otherwise than the gold list says, for reading


def score(split: Constituents, gold: Sequence[GoldWord]) -> SplitScores:
    """Precision and recall of ``split``'s constituents (as stems) on ``gold``."""
    right = given = wanted = split_non = 0
    errors = []
    for entry in gold:
        stems = set(split(entry.word)) - {stem_written(entry.word)}
        expected = entry.constituent_stems
        given += len(stems)
        right += len(stems & expected)
        wanted += len(expected)
        split_non += bool(stems) and not entry.parts
        if stems != expected:
            errors.append(f"{entry.word}: {' '.join(sorted(stems)) or '-'} (gold: {' '.join(sorted(expected)) or '-'})")
    compounds = sum(bool(entry.parts) for entry in gold)
    non_compounds = len(gold) - compounds
    return SplitScores(right / given if given else 0.0, right / wanted, split_non / non_compounds,
                       compounds, non_compounds, tuple(errors))


# --- the candidates ------------------------------------------------------------------------------

def _lowered(word: str) -> str:
    return word.lower().replace("ß", "ss")


@lru_cache(maxsize=1)
def corpus_vocabulary() -> dict[str, float]:
    """Relative frequencies of the words of the relevance benchmark's corpus, as an index of it
    would count them: the XQuAD passages and the first 120,000 law paragraphs."""
    counts: Counter[str] = Counter()
    texts = [passage["text"] for passage in xquad_passages()]
    texts += [row["text"] for row in law_paragraphs(VOCABULARY_PARAGRAPHS)]
    for text in texts:
        counts.update(_lowered(word) for word in split_words(text) if word.isalpha())
    total = sum(counts.values())
    return {word: count / total for word, count in counts.items()}


def _splitter(frequencies: dict[str, float], rules: bool):
    # Imported here, not above: with --save, this module runs on checkouts from before #22, to
    # score their index terms; their splitter has none of these arguments.
    from indexer.german.compounds import WHOLE_WORD_RATIO, CompoundSplitter
    from indexer.german.wordlist import stem_frequencies

    stems = stem_frequencies(frequencies) if rules else {}
    return CompoundSplitter(lambda w: frequencies.get(w, 0.0), None, (lambda s: stems.get(s, 0.0)) if rules else None,
                            whole_word_ratio=WHOLE_WORD_RATIO if rules else 1.0, rules=rules)


def _old_frequencies() -> dict[str, float]:
    """The word list as it was before #22 (words of frequency ≥ 1e-6)."""
    return {w: f for w, f in word_list()[0].items() if f >= OLD_FLOOR}


def koehn_knight(frequencies: dict[str, float]) -> Constituents:
    """Koehn & Knight as published over ``frequencies``, indexed as before #22: the parts, and for
    three or more parts the right-hand sub-compound of each middle part."""
    splitter = _splitter(frequencies, rules=False)

    def split(word: str) -> list[str]:
        text = _lowered(word)
        parts = splitter.split(text)
        return _stems([p for p, _ in parts] + [text[start:] for _, start in parts[1:-1]])

    return split


def indexed_parts(word: str) -> list[str]:
    """The stems the index keeps for a word as its compound's constituents (this checkout's)."""
    return [term for term, weight in index_terms(word) if weight == COMPOUND_PART_WEIGHT]


def fundstelle_rules(frequencies: dict[str, float]) -> Constituents:
    """Fundstelle's splitter and its rules over ``frequencies``."""
    splitter = _splitter(frequencies, rules=True)
    return lambda word: _stems(part for part, _ in splitter.constituents(_lowered(word)))


def _stems(words: Iterable[str]) -> list[str]:
    return [stem_written(word) for word in words]


def with_vocabulary(frequencies: dict[str, float]) -> dict[str, float]:
    """The word list's frequencies, a word of the corpus vocabulary as frequent as it is there."""
    combined = dict(frequencies)
    for word, freq in corpus_vocabulary().items():
        combined[word] = max(freq, combined.get(word, 0.0))
    return combined


def lucene_dictionary(frequencies: dict[str, float]) -> Constituents:
    """Lucene's DictionaryCompoundWordTokenFilter (only the longest match at each position,
    subwords of four to fifteen letters) over the word list's words of four letters or more."""
    dictionary = {w for w in frequencies if len(w) >= 4 and w not in GERMAN_STOP_WORDS}

    def split(word: str) -> list[str]:
        text = _lowered(word)
        found = []
        for start in range(len(text) - 3):
            longest = next((text[start:end] for end in range(min(len(text), start + 15), start + 3, -1)
                            if text[start:end] in dictionary and end - start < len(text)), None)
            if longest:
                found.append(longest)
        return _stems(found)

    return split


def german_nouns() -> Constituents:
    from german_nouns.lookup import Nouns  # optional: pip install german-nouns

    nouns = Nouns()
    return lambda word: _stems(parts if len(parts := nouns.parse_compound(word)) > 1 else [])


def charsplit() -> Constituents:
    from compound_split import char_split  # optional: pip install compound-split

    def split(word: str) -> list[str]:
        score_, head, tail = char_split.split_compound(word)[0]
        return _stems([head, tail] if score_ > 0 else [])

    return split


#: name → (a function making the candidate, code that loads it in a fresh process, for its cost).
INDEX_TERMS = "Fundstelle's index terms"
CANDIDATES: dict[str, tuple[Callable[[], Constituents], str]] = {
    INDEX_TERMS: (lambda: indexed_parts, "from indexer.german import index_terms; index_terms('Waffenlieferungen')"),
    "Koehn & Knight as published, word list ≥ 1e-6, no word-formation rules":
        (lambda: koehn_knight(_old_frequencies()), ""),
    "Koehn & Knight as published, word list + index vocabulary":
        (lambda: koehn_knight(with_vocabulary(_old_frequencies())), ""),
    "Fundstelle's rules, word list ≥ 1e-7 + index vocabulary":
        (lambda: fundstelle_rules(with_vocabulary(word_list()[0])), ""),
    "Lucene dictionary decompounder, word list ≥ 1e-6":
        (lambda: lucene_dictionary(_old_frequencies()), ""),
    "german-nouns 1.2 (Wiktionary nouns)":
        (german_nouns, "from german_nouns.lookup import Nouns; Nouns().parse_compound('Waffenlieferungen')"),
    "compound-split 1.0 (CharSplit n-grams)":
        (charsplit, "from compound_split import char_split; char_split.split_compound('Waffenlieferungen')"),
}


def load_cost(code: str) -> tuple[float, float] | None:
    """(seconds, peak RSS MB) of a fresh process running ``code``; None where it fails."""
    seconds, rss, exit_code = peak_rss_run([sys.executable, "-c", code])
    return (seconds, rss) if exit_code == 0 else None


def markdown(results: dict) -> str:
    """The candidates' table of a saved run."""
    lines = [f"**{results['words']} gold words: {results['compounds']} compounds, {results['non_compounds']} "
             f"non-compounds**", "",
             "| splitter | precision | recall | non-compounds split | load s | peak RSS MB |",
             "| --- | --- | --- | --- | --- | --- |"]
    for name, row in results["candidates"].items():
        if row is None:
            lines.append(f"| {name} | not installed | | | | |")
            continue
        cost = f"{row['load_s']:.2f} | {row['rss_mb']:.0f}" if row.get("load_s") is not None else " | "
        lines.append(f"| {name} | {row['precision']:.3f} | {row['recall']:.3f} | "
                     f"{row['non_compounds_split']:.1%} | {cost} |")
    return "\n".join(lines)


def candidate_row(make: Callable[[], Constituents], load_code: str, gold: Sequence[GoldWord]) -> dict | None:
    """A candidate's scores and load cost on ``gold``; None where it is not installed."""
    try:
        split = make()
    except ImportError:
        return None
    scores = score(split, gold)
    cost = load_cost(load_code) if load_code else None
    return {"precision": scores.precision, "recall": scores.recall, "non_compounds_split": scores.non_compounds_split,
            "load_s": cost[0] if cost else None, "rss_mb": cost[1] if cost else None, "errors": list(scores.errors)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", type=Path, help="score this checkout's index terms only, into a file")
    parser.add_argument("--before", type=Path, help="a run saved with --save, shown first")
    args = parser.parse_args(argv)
    gold = load_gold()
    if args.save:
        row = candidate_row(*CANDIDATES[INDEX_TERMS], gold)
        args.save.write_text(json.dumps({"commit": provenance()["commit"], **row}, indent=1, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        return 0
    rows: dict[str, dict | None] = {}
    if args.before:
        before = json.loads(args.before.read_text(encoding="utf-8"))
        rows[f"{INDEX_TERMS} at {before.pop('commit')} (before #22)"] = before
    for name, (make, load_code) in CANDIDATES.items():
        rows[f"{name} (chosen)" if name == INDEX_TERMS else name] = candidate_row(make, load_code, gold)
    compounds = sum(bool(entry.parts) for entry in gold)
    results = {"words": len(gold), "compounds": compounds, "non_compounds": len(gold) - compounds,
               "candidates": rows}
    save_results(RESULTS / "compounds.json", results)
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
