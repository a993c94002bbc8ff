"""A decade on one machine: an archive of several outlets over ten years, built at growing sizes,
then queried, searched from the command line and updated at the largest.

The archive is real German text recombined: sentences of the law paragraphs (in corpus order, so
a larger archive reaches further into the laws and its vocabulary grows), of XQuAD's and of
GermanQuAD's passages, put together into paragraphs of one to four sentences and articles of
three to twelve paragraphs. Once the sentences are used up they are used again, each the first
half of one and the second of another with one noun made a new compound (``Antrag`` →
``Hafenantrag``), as news coins compounds: the vocabulary keeps growing with the archive, and a
paragraph of a later pass is no near copy of an earlier one, which a search would collapse
(docs/scaling.md). Articles are dated over ten years (2015–2024) and written as JSON Lines, one
file per outlet and day (``kurier/2019/2019-03-14.jsonl``). About a tenth of the paragraphs are
agency copy: a paragraph of an agency (``Berlin (dpa) - …``) that two to eight outlets print, some
with a word changed.

At each size ``fundstelle index`` builds the archive in a child process (wall time, peak RSS,
index size against the raw text). At the largest: warm in-process queries by class (those of
``benchmarks.scale`` and, on this archive's dates, date-filtered searches and ``trend``), the CLI
as a person runs it, and ``fundstelle index`` again after one article changed and with nothing
changed.

    python -m benchmarks.decade                         # 0.5M, 1M, 2M, 5M paragraphs
    python -m benchmarks.decade --paragraphs 30000      # one build of 30,000: a few minutes
    python -m benchmarks.decade --work DIR              # keep the archives and indexes in DIR

Figures go to stdout and ``benchmarks/results/decade.json`` (``--out``); ``python -m
benchmarks.docs`` writes them into docs/scaling.md.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import itertools
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Iterator, Sequence

from benchmarks.corpora import GESETZE, germanquad_passages, xquad_passages
from benchmarks.results import RESULTS, save_results
from benchmarks.scale import CLI, QUERY_MIX, cli_wall_time, folder_bytes, peak_rss_run, time_queries, update_times

SIZES = (500_000, 1_000_000, 2_000_000, 5_000_000)
OUTLETS = ("tagesblatt", "rundschau", "kurier", "anzeiger", "morgenpost", "abendzeitung", "echo", "nachrichten")
AGENCIES = ("dpa", "AFP", "Reuters", "epd", "KNA")
PLACES = ("Berlin", "Hamburg", "München", "Köln", "Frankfurt/Main", "Brüssel", "Wien", "Kiew")
FIRST_DAY, DAYS = datetime.date(2015, 1, 1), 3653
#: Share of paragraphs that are agency copy.
COPY_RATE = 0.10
SEED = 10
#: Searches restricted to a year or a month of the archive, and trends by month.
DATED_QUERIES = {
    "date-filtered": [("Antrag", "2019-01-01", "2019-12-31"), ("Behörde Genehmigung", "2021-01-01", "2021-12-31"),
                      ('"in Kraft"', "2016-03-01", "2016-03-31"), ("Verordn*", "2023-06-01", "2023-06-30"),
                      ("Kosten Erstattung", "2015-01-01", "2017-12-31"), ("Gesetz", "2024-01-01", "2024-12-31"),
                      ("Goldmünze", "2018-01-01", "2018-12-31"), ("Steuer", "2020-07-01", "2020-07-31")],
    "trend": ["Goldmünze", "Antrag Frist", '"zuständigen Behörde"', "Verordnung", "Wattenmeer", "Steuer"],
}
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"(])")
_NOUN_RE = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]{4,}\b")


def _sentences_of(text: str) -> list[str]:
    return [sentence for sentence in _SENTENCE_RE.split(" ".join(text.split())) if len(sentence) > 20]


def sentences(rng: random.Random) -> Iterator[str]:
    """Sentences without end: the laws' in corpus order, every tenth one from XQuAD or GermanQuAD;
    after the first pass each the first half of one and the second half of one of the hundred
    before it, with one noun made a new compound."""
    wiki = [s for passage in xquad_passages() + germanquad_passages() for s in _sentences_of(passage["text"])]
    nouns = sorted({noun for s in wiki[:5000] for noun in _NOUN_RE.findall(s)})
    recent: deque[str] = deque(maxlen=100)
    for cycle in itertools.count():
        with gzip.open(GESETZE, "rt", encoding="utf-8") as lines:
            for line in lines:
                for sentence in _sentences_of(json.loads(line)["text"]):
                    if rng.random() < 0.1:
                        sentence = rng.choice(wiki)
                    if cycle:
                        # Halves of two sentences: no paragraph of an earlier pass holds more
                        # than about half of its word pairs (a near copy holds most).
                        partner = rng.choice(recent) if recent else ""
                        recent.append(sentence)
                        sentence = _new_compound(_spliced(sentence, partner), nouns, rng)
                    yield sentence


def _spliced(first: str, second: str) -> str:
    """The first half of ``first``'s words, then the second half of ``second``'s."""
    first_words, second_words = first.split(), second.split()
    return " ".join(first_words[:len(first_words) // 2] + second_words[len(second_words) // 2:])


def _new_compound(sentence: str, nouns: list[str], rng: random.Random) -> str:
    found = list(_NOUN_RE.finditer(sentence))
    if not found:
        return sentence
    noun = rng.choice(found)
    return sentence[:noun.start()] + rng.choice(nouns) + noun.group().lower() + sentence[noun.end():]


def write_archive(folder: Path, paragraphs: int, seed: int = SEED) -> dict:
    """Write an archive of ``paragraphs`` paragraphs; returns what it holds."""
    rng = random.Random(seed)
    source = sentences(rng)
    per_day = paragraphs / DAYS
    written = copies = articles = 0
    agency: list[tuple[str, int]] = []  # recent agency paragraphs and how many outlets may still print them
    for day_number in range(DAYS):
        day = FIRST_DAY + datetime.timedelta(days=day_number)
        budget = round(per_day * (day_number + 1)) - written
        by_outlet: dict[str, list[str]] = {}
        while budget > 0:
            outlet = rng.choice(OUTLETS)
            size = min(budget, rng.randint(3, 12))
            body = []
            for _ in range(size):
                if rng.random() < COPY_RATE:
                    body.append(_agency_copy(agency, source, rng))
                    copies += 1
                else:
                    body.append(" ".join(next(source) for _ in range(rng.randint(1, 4))))
            title = " ".join(next(source).split()[:8]).rstrip(",;:")
            moment = f"{day.isoformat()}T{rng.randint(5, 22):02d}:{rng.randrange(60):02d}"
            by_outlet.setdefault(outlet, []).append(
                json.dumps({"title": title, "date": moment, "text": body}, ensure_ascii=False))
            budget -= size
            written += size
            articles += 1
        for outlet, lines in by_outlet.items():
            path = folder / outlet / str(day.year) / f"{day.isoformat()}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"paragraphs": written, "articles": articles, "agency_copies": copies}


def _agency_copy(agency: list[tuple[str, int]], source: Iterator[str], rng: random.Random) -> str:
    """An agency paragraph as one outlet prints it: a new one, or one that others printed already."""
    if not agency or rng.random() < 0.3:
        text = " ".join(next(source) for _ in range(rng.randint(2, 4)))
        agency.append((f"{rng.choice(PLACES)} ({rng.choice(AGENCIES)}) - {text}", rng.randint(1, 7)))
        del agency[:-50]
    index = rng.randrange(len(agency))
    text, left = agency[index]
    if left <= 1:
        del agency[index]
    else:
        agency[index] = (text, left - 1)
    words = text.split()
    if rng.random() < 0.3 and len(words) > 12:  # an editor's change: a word dropped
        del words[rng.randrange(6, len(words))]
    return " ".join(words)


def build(archive: Path, index: Path) -> dict:
    """``fundstelle index`` of the whole archive into a fresh index, in a child process (a failed
    build is reported with its exit code, its time and memory as far as it got)."""
    shutil.rmtree(index, ignore_errors=True)
    seconds, rss, code = peak_rss_run([*CLI, "--index", str(index), "index", str(archive)])
    if code != 0:
        return {"seconds": seconds, "peak_rss_mb": rss, "failed": f"fundstelle index exited with {code}"}
    return {"seconds": seconds, "peak_rss_mb": rss, "index_mb": folder_bytes(index) / 1e6,
            "raw_mb": folder_bytes(archive) / 1e6, "index_to_raw": folder_bytes(index) / folder_bytes(archive)}


def query_times(index: Path) -> dict:
    """Warm, in-process (:func:`benchmarks.scale.time_queries`): the scale query mix, searches
    between two dates, and trends by month."""
    from queries import Searcher

    def run(query, cls: str) -> object:
        if cls == "date-filtered":
            words, since, until = query
            return searcher.search(words, limit=10, since=datetime.datetime.fromisoformat(since),
                                   until=datetime.datetime.fromisoformat(until))
        if cls == "trend":
            return searcher.trend(query, "month")
        return searcher.search(query, limit=10, match="any" if cls.startswith("--match any") else "all")

    with Searcher.open(index) as searcher:
        return time_queries(run, mix={**QUERY_MIX, **DATED_QUERIES})


def incremental(archive: Path, index: Path) -> dict:
    """One article changed (a paragraph added to it), then ``fundstelle index``; then nothing changed."""
    files = sorted(archive.rglob("*.jsonl"))
    path = files[len(files) // 2]
    first, *rest = path.read_text(encoding="utf-8").splitlines()
    article = json.loads(first)
    article["text"].append("Ein geänderter Absatz für die Messung.")
    return update_times(archive, index, path, "\n".join([json.dumps(article, ensure_ascii=False), *rest]) + "\n")


def markdown(report: dict) -> str:
    """The run's figures as tables."""
    lines = ["| paragraphs | articles | build | peak RSS | index / raw text |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {b['paragraphs']:,} | {b['articles']:,} | {b['seconds'] / 60:.1f} min | {b['peak_rss_mb']:,.0f} MB | "
              + (f"{b['index_to_raw']:.2f} |" if "failed" not in b else f"{b['failed']} |") for b in report["builds"]]
    if "queries" not in report:
        return "\n".join(lines)
    largest = report["builds"][-1]["paragraphs"]
    lines += ["", f"Queries at {largest:,} paragraphs (warm, in-process, 10 hits):", "",
              "| class | p50 | p95 |", "| --- | --- | --- |"]
    lines += [f"| {cls} | {figures['p50_ms']:.1f} ms | {figures['p95_ms']:.1f} ms |"
              for cls, figures in report["queries"].items()]
    lines += ["", f"`fundstelle search` from start to exit: {report['cli_p50_s']:.2f} s (median); "
              f"`fundstelle index` again after one article changed: {report['incremental']['one_changed_s']:.1f} s, "
              f"with nothing changed: {report['incremental']['nothing_changed_s']:.1f} s."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=SIZES[-1],
                        help="the largest archive; smaller builds at the sizes of 0.5M, 1M, 2M below it")
    parser.add_argument("--work", type=Path, help="keep archives and indexes here (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=RESULTS / "decade.json", help="where to write the figures")
    args = parser.parse_args(argv)
    sizes = [size for size in SIZES if size < args.paragraphs] + [args.paragraphs]
    with tempfile.TemporaryDirectory(prefix="fundstelle-decade-") as tmp:
        work = args.work or Path(tmp)
        builds = []
        for size in sizes:
            archive, index = work / f"archive-{size}", work / f"index-{size}"
            shutil.rmtree(archive, ignore_errors=True)
            started = time.perf_counter()
            held = write_archive(archive, size)
            print(f"{size:,}: archive written in {time.perf_counter() - started:.0f} s", flush=True)
            builds.append({**held, **build(archive, index)})
            print(builds[-1], flush=True)
            if "failed" in builds[-1]:
                break
            if size != sizes[-1]:
                shutil.rmtree(archive), shutil.rmtree(index)
        report: dict = {"builds": builds}
        if "failed" not in builds[-1]:
            report.update(queries=query_times(index), cli_p50_s=cli_wall_time(index),
                          incremental=incremental(archive, index))
    print(markdown(report))
    save_results(args.out, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
