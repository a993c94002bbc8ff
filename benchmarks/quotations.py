"""Quotations and their speakers against 515 quotations labelled by hand in real German news text
(``tests/data/quotations``): how many are found with exactly the labelled boundaries, and how
often the speaker found is the one labelled.

A quotation counts as exact when the text found is the labelled text, character for character;
precision is over the quotations found, recall over those labelled. A speaker found counts as
right when it is the labelled name (case aside); precision is over the speakers found, recall
over the labelled ones. Each set is reported apart (``tests/data/quotations/README.md`` says how
they were made), then all together, with the time the rules take per paragraph.

    python -m benchmarks.quotations

Figures go to stdout and ``benchmarks/results/quotations.json``; ``python -m benchmarks.docs``
writes them into docs/quotations.md.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

from benchmarks.results import REPO, RESULTS, save_results

LABELS = REPO / "tests" / "data" / "quotations" / "news.jsonl"
SETS = ("development", "check", "held-out", "fresh")


def load_labels(path: Path = LABELS) -> list[dict]:
    """The labelled paragraphs, one dict each (``set``, ``source``, ``paragraph``, ``text``, ``quotes``)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def judge(rows: Iterable[dict]) -> dict:
    """Boundaries and speakers of :func:`indexer.german.quotes.quotations` against the labels."""
    from indexer.german.quotes import quotations

    counts: Counter = Counter()
    for row in rows:
        found = quotations(row["text"])
        remaining = [quotation.text for quotation in found]
        speakers = {quotation.text: quotation.speaker for quotation in found}
        counts["paragraphs"] += 1
        counts["labelled"] += len(row["quotes"])
        counts["found"] += len(found)
        for label in row["quotes"]:
            if label["text"] in remaining:
                remaining.remove(label["text"])
                counts["exact"] += 1
            speaker, labelled = speakers.get(label["text"]), label["speaker"]
            counts["labelled_speakers"] += labelled is not None
            counts["found_speakers"] += speaker is not None
            counts["right_speakers"] += (speaker is not None and labelled is not None
                                         and speaker.lower() == labelled.lower())
        # Speakers of quotations found that no label has (wrong boundaries) are wrong too.
        counts["found_speakers"] += sum(speakers.get(text) is not None for text in remaining)
    return {
        **counts,
        "boundary_precision": counts["exact"] / max(counts["found"], 1),
        "boundary_recall": counts["exact"] / max(counts["labelled"], 1),
        "speaker_precision": counts["right_speakers"] / max(counts["found_speakers"], 1),
        "speaker_recall": counts["right_speakers"] / max(counts["labelled_speakers"], 1),
    }


def time_per_paragraph(rows: list[dict], repeats: int = 5) -> float:
    """Microseconds :func:`~indexer.german.quotes.quotations` takes for a paragraph of these (median of runs)."""
    from indexer.german.quotes import quotations

    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        for row in rows:
            quotations(row["text"])
        runs.append((time.perf_counter() - started) / len(rows) * 1e6)
    return sorted(runs)[len(runs) // 2]


def markdown(report: dict) -> str:
    """The run's figures as a table."""
    lines = [
        "| set | paragraphs | quotations | exact boundaries: precision | recall | speakers labelled | "
        "speaker precision | recall |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, figures in report["sets"].items():
        lines.append(
            f"| {name} | {figures['paragraphs']} | {figures['labelled']} | {figures['boundary_precision']:.3f} | "
            f"{figures['boundary_recall']:.3f} | {figures['labelled_speakers']} | "
            f"{figures['speaker_precision']:.3f} | {figures['speaker_recall']:.3f} |")
    lines += ["", f"The rules take {report['us_per_paragraph']:.0f} µs a paragraph of these (all hold a mark)."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=RESULTS / "quotations.json", help="where to write the figures")
    args = parser.parse_args(argv)
    rows = load_labels()
    sets = {name: judge(row for row in rows if row["set"] == name) for name in SETS}
    sets["all"] = judge(rows)
    report = {"labels": str(LABELS.relative_to(REPO)), "sets": sets, "us_per_paragraph": time_per_paragraph(rows)}
    print(markdown(report))
    save_results(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
