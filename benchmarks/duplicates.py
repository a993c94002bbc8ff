"""Agency copy grouped: precision and recall of the near-copy groups on copies made with a
newsroom's edits, among hard negatives and an archive of law paragraphs.

The originals are GermanQuAD's 474 test passages (German Wikipedia sections), each an article
of its paragraphs; a passage's paragraphs, and the passages of one Wikipedia article, share their
subject and names: the hard negatives. A third of the paragraphs are copied, 1 to 8 times, into
one-paragraph articles of other outlets, each copy with 1 or 2 of the edits agency copy meets:
a dateline put before it, a word changed, a typo, a sentence added at the end or the last one
dropped, other quotation marks, soft hyphens and no-break spaces, amounts' units cut short (what
is added comes from XQuAD's passages, outside the archive).
Law paragraphs are the archive around them.

A pair of paragraphs is judged one text if one is a copy of the other or both are copies of one
paragraph; every other pair with a GermanQuAD paragraph is not (pairs of law paragraphs are not
judged: the laws repeat their own boilerplate). The groups are the index's own
(``Searcher.near_copies``, as a search collapses them).

    python -m benchmarks.duplicates                      # 20,000 law paragraphs around
    python -m benchmarks.duplicates --laws 2000          # a quick run

Figures go to stdout and ``benchmarks/results/duplicates.json``; ``python -m benchmarks.docs``
writes them into docs/duplicates.md.
"""
from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

from benchmarks.corpora import germanquad_passages, passage_parts, write_law_articles, xquad_passages
from benchmarks.results import RESULTS, save_results

SEED = 7
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"])")
_WORD_RE = re.compile(r"\b[^\W\d_]{4,}\b")
PLACES = ("Berlin", "Hamburg", "München", "Frankfurt/Main", "BRÜSSEL", "Washington", "Kiew", "Wien")
AGENCIES = ("dpa", "AFP", "Reuters", "epd", "dpa/AFP", "KNA")


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END_RE.split(text)


def _dateline(text: str, rng: random.Random, other: str) -> str | None:
    return f"{rng.choice(PLACES)} ({rng.choice(AGENCIES)}) - {text}"


def _word_changed(text: str, rng: random.Random, other: str) -> str | None:
    words, replacements = list(_WORD_RE.finditer(text)), _WORD_RE.findall(other)
    if not words or not replacements:
        return None
    word = rng.choice(words)
    return text[:word.start()] + rng.choice(replacements) + text[word.end():]


def _typo(text: str, rng: random.Random, other: str) -> str | None:
    words = [word for word in _WORD_RE.finditer(text) if len(word.group()) >= 5]
    if not words:
        return None
    word = rng.choice(words)
    at = word.start() + rng.randrange(1, len(word.group()) - 2)
    return text[:at] + text[at + 1] + text[at] + text[at + 2:]


def _sentence_added(text: str, rng: random.Random, other: str) -> str | None:
    # A sentence as an outlet adds one: a short one (of another paragraph).
    sentences = [sentence for sentence in _sentences(other) if 4 <= len(sentence.split()) <= 20]
    return f"{text} {rng.choice(sentences)}" if sentences else None


def _sentence_dropped(text: str, rng: random.Random, other: str) -> str | None:
    sentences = _sentences(text)
    return " ".join(sentences[:-1]) if len(sentences) > 1 else None


def _quotes(text: str, rng: random.Random, other: str) -> str | None:
    opening, closing = rng.choice([("„", "“"), ("»", "«"), ("«", "»"), ("‚", "‘")])
    quoted = re.sub(r'"([^"]+)"', rf"{opening}\1{closing}", text)
    if quoted != text:
        return quoted
    # A phrase of it put in quotation marks, as an editor marks a term.
    words = list(_WORD_RE.finditer(text))
    if not words:
        return None
    word = rng.choice(words)
    return text[:word.start()] + opening + word.group() + closing + text[word.end():]


def _invisible(text: str, rng: random.Random, other: str) -> str | None:
    words = [word for word in _WORD_RE.finditer(text) if len(word.group()) >= 8]
    spaces = [match.start() for match in re.finditer(" ", text)]
    if not words or not spaces:
        return None
    word = rng.choice(words)
    middle = word.start() + len(word.group()) // 2
    text = text[:middle] + "\u00ad" + text[middle:]
    at = rng.choice([match.start() for match in re.finditer(" ", text)])
    return text[:at] + "\u00a0" + text[at + 1:]


_UNITS = (("Milliarden", "Mrd."), ("Millionen", "Mio."), ("Prozent", "%"), ("Euro", "€"), ("Nummer", "Nr."))


def _units(text: str, rng: random.Random, other: str) -> str | None:
    for written, short in _UNITS:
        if written in text:
            return text.replace(written, short, 1)
        if short in text:
            return text.replace(short, written, 1)
    return None


#: The edits a copy is made with, by name.
EDITS: dict[str, Callable[[str, random.Random, str], str | None]] = {
    "dateline": _dateline, "word changed": _word_changed, "typo": _typo, "sentence added": _sentence_added,
    "sentence dropped": _sentence_dropped, "quotation marks": _quotes, "soft hyphen, no-break space": _invisible,
    "units": _units,
}


def write_archive(folder: Path, laws: int, rng: random.Random) -> tuple[dict[tuple[str, int], str], dict]:
    """The originals, their copies and the laws under ``folder``; returns each GermanQuAD
    paragraph's (path, paragraph) with its group (the original's), and each copy's edits."""
    from indexer.sources import read_source

    groups: dict[tuple[str, int], str] = {}
    edits_of: dict[tuple[str, int], tuple[str, ...]] = {}
    paragraphs = []
    first_of: dict[str, str] = {}
    (folder / "wiki").mkdir(parents=True)
    for passage in germanquad_passages():
        parts = passage_parts(passage["text"])
        markdown_text = parts.markdown()
        # The paragraphs as Fundstelle numbers them (a long one in parts); a passage whose list
        # items the Markdown reader numbers otherwise is left out, so every label is sure.
        (article,) = read_source(markdown_text.encode("utf-8"), "passage.md")
        numbers = sorted({paragraph.number for paragraph in article.paragraphs})
        if len(numbers) != len(parts.paragraphs):
            continue
        (folder / "wiki" / f"{passage['id']}.md").write_text(markdown_text, encoding="utf-8")
        for number, text in enumerate(parts.paragraphs, 1):
            # A paragraph that stands in two passages alike is one text (``Anzahl der Hinrichtungen``).
            group = first_of.setdefault(" ".join(text.split()), f"{passage['id']}#{number}")
            groups[(f"archiv/wiki/{passage['id']}.md", number)] = group
            paragraphs.append((passage["id"], number, text, group))
    # What an outlet adds (a sentence, a word) comes from texts outside the archive: XQuAD's.
    elsewhere = [passage["text"] for passage in xquad_passages()]
    copied = rng.sample(paragraphs, len(paragraphs) // 3)
    for count, (passage_id, number, text, group) in enumerate(copied):
        for copy in range(rng.randint(1, 8)):
            outlet = f"outlet-{rng.randrange(12)}"
            other = rng.choice(elsewhere)
            edited, applied = text, []
            for name in rng.sample(sorted(EDITS), rng.randint(1, 2)):
                result = EDITS[name](edited, rng, other)
                if result is not None:
                    edited, applied = result, [*applied, name]
            if not applied:
                continue
            name = f"{passage_id}-{number}-{copy}.txt"
            (folder / outlet).mkdir(exist_ok=True)
            (folder / outlet / name).write_text(f"Meldung {count}\n\n{edited}\n", encoding="utf-8")
            groups[(f"archiv/{outlet}/{name}", 1)] = group
            edits_of[(f"archiv/{outlet}/{name}", 1)] = tuple(applied)
    if laws:
        write_law_articles(folder / "gesetze", laws)
    return groups, edits_of


def judge(groups: dict[tuple[str, int], str], found: dict, edits_of: dict) -> dict:
    """Pairwise precision and recall of the ``found`` groups (``Searcher.near_copies``) against
    ``groups``; recall also by edit."""
    members: dict[str, list[tuple[str, int]]] = {}
    for key, group in groups.items():
        members.setdefault(group, []).append(key)
    truth = {frozenset(pair) for keys in members.values() for pair in itertools.combinations(keys, 2)}
    predicted = {frozenset(((copy.path, copy.paragraph), (other.path, other.paragraph)))
                 for copy, others in found.items() for other in others}
    judged = {pair for pair in predicted if any(key in groups for key in pair)}
    right = judged & truth
    # A hard negative wrongly grouped: two GermanQuAD paragraphs of one passage's subject.
    siblings = sum(1 for pair in judged - truth if all(key in groups for key in pair))
    by_edit: dict[str, list[int]] = {}
    for key, applied in edits_of.items():
        original = next(k for k in members[groups[key]] if k[0].startswith("archiv/wiki/"))
        for name in applied:
            by_edit.setdefault(name, [0, 0])
            by_edit[name][0] += frozenset((key, original)) in predicted
            by_edit[name][1] += 1
    return {
        "groups": sum(1 for keys in members.values() if len(keys) > 1), "copies": len(edits_of),
        "true_pairs": len(truth), "found_pairs": len(judged), "right_pairs": len(right),
        "precision": len(right) / len(judged) if judged else 1.0, "recall": len(right) / len(truth) if truth else 1.0,
        "wrong_among_germanquad": siblings, "wrong_with_laws": len(judged - truth) - siblings,
        "recall_by_edit": {name: found_ / total for name, (found_, total) in sorted(by_edit.items())},
    }


def markdown(report: dict) -> str:
    """The run's figures as tables."""
    lines = [
        f"**{report['paragraphs']:,} paragraphs: GermanQuAD's {report['originals']:,} and {report['copies']:,} copies "
        f"of {report['groups']:,} of them, among {report['laws']:,} law paragraphs**",
        "",
        "| pairs one text | found | right | precision | recall | wrong among GermanQuAD | wrong with laws |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| {report['true_pairs']:,} | {report['found_pairs']:,} | {report['right_pairs']:,} | "
        f"{report['precision']:.3f} | {report['recall']:.3f} | {report['wrong_among_germanquad']} | "
        f"{report['wrong_with_laws']} |",
        "",
        "| edit | copies found with their original |",
        "| --- | --- |",
        *(f"| {name} | {share:.3f} |" for name, share in report["recall_by_edit"].items()),
        "",
        f"Groups of the whole index found in {report['group_s']:.1f} s; index built in {report['build_s']:.1f} s.",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--laws", type=int, default=20_000, help="law paragraphs around the copies")
    parser.add_argument("--json", type=Path, default=RESULTS / "duplicates.json", help="where to write the figures")
    args = parser.parse_args(argv)

    from indexer import index_paths
    from queries import Searcher

    with tempfile.TemporaryDirectory(prefix="fundstelle-duplicates-") as tmp:
        archive, index = Path(tmp) / "archiv", Path(tmp) / "index"
        groups, edits_of = write_archive(archive, args.laws, random.Random(SEED))
        started = time.perf_counter()
        report_build = index_paths(index, [archive])
        build_s = time.perf_counter() - started
        with Searcher.open(index) as searcher:
            started = time.perf_counter()
            found = searcher.near_copies()
            group_s = time.perf_counter() - started
    report = {"laws": args.laws, "paragraphs": report_build.paragraphs, "originals": len(groups) - len(edits_of),
              **judge(groups, found, edits_of), "build_s": build_s, "group_s": group_s}
    print(markdown(report))
    save_results(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
