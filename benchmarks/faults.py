"""Faults a build must survive, tried many times on law paragraphs: kill -9 of the parent at random
moments of a parallel build and of a rebuild, kill -9 of one writer process, index files damaged
on disk, and hostile queries; and what the index's integrity checks cost on the full law corpus.

    python -m benchmarks.faults                  # 20,000 law rows, 20 kills of each kind, all law rows for costs
    python -m benchmarks.faults --rows 5000 --kills 3 --damages 2 --cost-rows 20000

Every run uses the parallel writer, as a run over 4 MB of articles does, whatever ``--rows``.
For each kill it checks what issue 19 asks: within 5 s no process of the run is left, the old
index answers exactly as before, and the next ``index`` succeeds without ``--wait`` with as many
paragraphs as a clean build. For each damaged file (issue 28) it checks that no search ends in a
traceback or says "nothing found" for damage (exit 0 answering as before, or 2 naming the damage),
and that ``fundstelle check`` exits 2 naming the file; it counts the searches that answered
otherwise than the clean index without noticing (damage that decodes: only ``check`` finds it).
Figures go to stdout as Markdown and to ``benchmarks/results/faults.json``; the run fails (exit 1)
if any check fails.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

from indexer import index_paths
from indexer.engine.codec import FundstelleStorage, live_toc
from indexer.engine.filerecords import check_sizes, verify_files
from indexer.store import INDEX_NAME, current_generation
from queries import Searcher
from seeds import SEEDS_DIR

from .corpora import write_law_articles
from .processes import descendants, fundstelle_process, wait_until_gone, writer_processes
from .results import RESULTS, save_results

QUERIES = ("Waffenlieferung", "Putin", "Behörde", '"zuständige Behörde"', "Antrag Frist")
HOSTILE = {
    "16,000 letters": "a" * 16_000,
    "100 KB of unknown words": " ".join(f"xq{n}zz" for n in range(14_000))[:100_000],
    "3,000 unknown words OR-ed": " OR ".join(f"xq{n}zz" for n in range(3_000)),
    "*": "*", "*e*": "*e*", "exact:*": "exact:*", "a*": "a*",
    "1,000 nested parentheses": "(" * 1000 + "Gesetz" + ")" * 1000,
    "900 nested parentheses": "(" * 900 + "Gesetz" + ")" * 900,
    "Be* (2 letters)": "Be*",
    "150 unknown words OR-ed": " OR ".join(f"xq{n}zz" for n in range(150)),
    "1,900 characters of common words": " ".join(["Gesetz", "Behörde", "Antrag", "Verordnung"] * 60)[:1900],
}


def answers(index_dir: Path) -> dict:
    """Paragraph count and every hit of the probe queries with its score (sorted: paragraphs that
    score alike come in document order, which differs between builds of the same articles)."""
    with Searcher.open(index_dir) as searcher:
        return {"paragraphs": searcher._reader.doc_count(),
                **{q: sorted((h.citation, round(h.score, 6)) for h in searcher.search(q, limit=None,
                                                                                      highlight=False).hits)
                   for q in QUERIES}}


def timed_run(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.monotonic()
    process = fundstelle_process(*args, parallel=True)
    out, err = process.communicate()
    return time.monotonic() - started, subprocess.CompletedProcess(args, process.returncode, out, err)


def kill_trial(work: Path, old: Path, command: list[str], clean: dict, kill_after: float, kill_worker: bool) -> dict:
    """One run of ``command`` on a copy of the index ``old``, killed after ``kill_after`` seconds
    (the parent, or with ``kill_worker`` one writer process once they run)."""
    index_dir = work / "trial"
    shutil.rmtree(index_dir, ignore_errors=True)
    shutil.copytree(old, index_dir)
    before = answers(index_dir)
    process = fundstelle_process("--index", str(index_dir), *command, parallel=True)
    started = time.monotonic()
    if kill_worker:
        victim = random.choice(writer_processes(process))
        time.sleep(kill_after)
        subprocess.run(["kill", "-9", str(victim)], check=False)
        process.communicate()
        left_for = 0.0
    else:
        time.sleep(kill_after)
        left = descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        left_for = wait_until_gone(left, 5)
    ended_after = time.monotonic() - started
    # The old index as it was, or (a kill after the commit) the complete new one: never a mix.
    after = answers(index_dir)
    state = "old" if after == before else "new" if after == clean else "neither"
    next_seconds, next_run = timed_run("--index", str(index_dir), *command)
    complete = next_run.returncode == 0 and answers(index_dir) == clean
    return {"kill_after_s": round(kill_after, 2), "exit": process.returncode, "ended_after_s": round(ended_after, 2),
            "processes_gone_s": None if left_for is None else round(left_for, 2), "index_after_kill": state,
            "next_run_ok": complete, "next_run_s": round(next_seconds, 1),
            "ok": state != "neither" and complete and left_for is not None
            and (not kill_worker or (process.returncode, state) == (2, "old"))}


def kill_series(name: str, trials: int, run_seconds: float, trial: Callable[[float], dict]) -> dict:
    rows = []
    for number in range(trials):
        # Random moments over the whole run, the last tenth included (the writers' final flush).
        rows.append(trial(random.uniform(0.05, run_seconds)))
        print(f"  {name} {number + 1}/{trials}: {rows[-1]}", file=sys.stderr)
    gone = [row["processes_gone_s"] for row in rows if row["processes_gone_s"] is not None]
    return {"name": name, "trials": len(rows), "ok": sum(row["ok"] for row in rows),
            "old": sum(row["index_after_kill"] == "old" for row in rows),
            "new": sum(row["index_after_kill"] == "new" for row in rows),
            "max_processes_gone_s": max(gone, default=None), "median_processes_gone_s":
            statistics.median(gone) if gone else None, "rows": rows}


def hostile_queries(index_dir: Path) -> dict:
    """Seconds per hostile query, run through the command line (start to exit), and its answer."""
    timings = {}
    for name, query in HOSTILE.items():
        seconds, done = timed_run("--index", str(index_dir), "search", query)
        timings[name] = {"seconds": round(seconds, 3), "exit": done.returncode,
                         "answer": (done.stderr.strip().splitlines() or [""])[-1][:120]}
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "import queries.cli"], check=True)
    timings["(python -c 'import queries.cli', for scale)"] = {"seconds": round(time.monotonic() - started, 3),
                                                              "exit": 0, "answer": ""}
    return timings


# How a file is damaged: in place (its size unchanged: only decoding or a checksum tells), or in
# its size (every search's open tells).
DAMAGES: dict[str, Callable[[Path, random.Random], None]] = {
    "3,000 random bytes over its middle": lambda path, rng: _overwrite(path, path.stat().st_size // 2 - 1500, 3000,
                                                                       rng),
    "64 random bytes at a random place": lambda path, rng: _overwrite(path, rng.randrange(path.stat().st_size), 64,
                                                                      rng),
    "3 bytes cut off its end": lambda path, rng: os.truncate(path, path.stat().st_size - 3),
    "deleted": lambda path, rng: path.unlink(),
}


def _overwrite(path: Path, start: int, count: int, rng: random.Random) -> None:
    start = max(0, start)
    with open(path, "r+b") as fh:
        fh.seek(start)
        fh.write(rng.randbytes(max(0, min(count, path.stat().st_size - start))))


def _json_answers(index_dir: Path) -> dict[str, tuple[int, list[str]]]:
    """Each probe query's exit status and citations, through the command line (``-n 2000``)."""
    found = {}
    for query in QUERIES:
        _, done = timed_run("--index", str(index_dir), "search", "--json", "-n", "2000", query)
        if "Traceback" in done.stderr:
            found[query] = (-1, [done.stderr.strip().splitlines()[-1]])
            continue
        found[query] = (done.returncode, [f"{row['path']} ¶{row['paragraph']}" for row in map(json.loads,
                                                                                            done.stdout.splitlines())
                                          if "path" in row])
    return found


def damage_trial(work: Path, full: Path, clean: dict, damage: str, rng: random.Random) -> dict:
    """One file of a copy of the index ``full`` damaged as ``damage`` says: what the probe searches
    and ``fundstelle check`` make of it."""
    index_dir = work / "damaged"
    shutil.rmtree(index_dir, ignore_errors=True)
    shutil.copytree(full, index_dir)
    files = sorted(p for p in current_generation(index_dir).glob("paragraphs_*") if p.stat().st_size > 3)
    path = rng.choice(files)
    DAMAGES[damage](path, rng)
    answers_now = _json_answers(index_dir)
    exits = [code for code, _ in answers_now.values()]
    same = sum(answers_now[q] == clean[q] for q in QUERIES)
    said = sum(code == 2 for code in exits)
    _, check = timed_run("--index", str(index_dir), "check")
    named = check.returncode == 2 and path.name in check.stderr
    silent = len(QUERIES) - same - said - exits.count(-1)  # a traceback is counted on its own
    return {"file": path.name.split(".", 1)[1], "damage": damage, "searches_as_before": same,
            "searches_said_damaged": said, "searches_otherwise": silent, "tracebacks": exits.count(-1),
            "check_named_it": named,
            "ok": named and -1 not in exits and all(code in (0, 1, 2) for code in exits)}


def damage_series(work: Path, full: Path, trials: int, rng: random.Random) -> list[dict]:
    """Every kind of damage ``trials`` times, each to a file chosen at random."""
    clean = _json_answers(full)
    rows = []
    for damage in DAMAGES:
        for number in range(trials):
            rows.append(damage_trial(work, full, clean, damage, rng))
            print(f"  damage {damage} {number + 1}/{trials}: {rows[-1]}", file=sys.stderr)
    return rows


def integrity_costs(work: Path, rows: int | None) -> dict:
    """What the integrity checks cost on a law corpus of ``rows`` (None: all): the build (its
    checksums included), the SHA-256 of every file at commit, the size check every search's open
    makes, and ``fundstelle check``."""
    corpus, index_dir = work / "cost-laws", work / "cost-index"
    files, rows_written = write_law_articles(corpus, rows)
    build_seconds, build = timed_run("--index", str(index_dir), "index", str(corpus))
    if build.returncode:
        raise SystemExit(f"the cost build failed: {build.stderr}")
    shutil.rmtree(corpus)
    storage = FundstelleStorage(str(current_generation(index_dir)))
    toc = live_toc(storage, INDEX_NAME)
    size_check = _median_seconds(lambda: check_sizes(storage, toc), 50)
    opening = _median_seconds(lambda: Searcher.open(index_dir).close(), 20)
    checks = [timed_run("--index", str(index_dir), "check", "--json") for _ in range(3)]
    result = json.loads(checks[-1][1].stdout)
    # The SHA-256 of every file: what the build's commit computed, and check again.
    hashing = _median_seconds(lambda: verify_files(storage, toc), 3)
    with Searcher.open(index_dir) as searcher:
        paragraphs = searcher._reader.doc_count()
    return {"rows": rows_written, "files": files, "paragraphs": paragraphs, "build_s": round(build_seconds, 1),
            "index_files": result["files"], "index_bytes": result["bytes"],
            "sha256_all_files_s": round(hashing, 2), "size_check_ms": round(size_check * 1000, 3),
            "open_ms": round(opening * 1000, 2),
            "check_s": round(statistics.median(seconds for seconds, _ in checks), 2),
            "check_sound": result["sound"]}


def _median_seconds(call: Callable[[], object], times: int) -> float:
    """The median time of ``times`` calls of ``call``, in seconds."""
    seconds = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def markdown(report: dict) -> str:
    """The tables of a run's figures (``report`` as :func:`main` saves it)."""
    lines = [f"Faults on {report['rows']:,} law rows ({report['paragraphs']:,} paragraphs): build "
             f"{report['build_s']:.1f} s, rebuild {report['rebuild_s']:.1f} s", "",
             "| fault | trials | all checks held | index after the kill: old / new (killed after its commit) "
             "| processes gone after the kill, median / max s |", "| --- | --- | --- | --- | --- |"]
    for s in report["series"]:
        gone = ("-" if s["median_processes_gone_s"] is None
                else f"{s['median_processes_gone_s']:.2f} / {s['max_processes_gone_s']:.2f}")
        lines.append(f"| {s['name']} | {s['trials']} | {s['ok']} | {s['old']} / {s['new']} | {gone} |")
    if report.get("damage"):
        lines += ["", "| damage to one file | trials | searches as before / said damaged (exit 2) / otherwise "
                  "| tracebacks | check named the file |", "| --- | --- | --- | --- | --- |"]
        for damage in DAMAGES:
            rows = [row for row in report["damage"] if row["damage"] == damage]
            if rows:
                lines.append(f"| {damage} | {len(rows)} | {sum(r['searches_as_before'] for r in rows)} / "
                             f"{sum(r['searches_said_damaged'] for r in rows)} / "
                             f"{sum(r['searches_otherwise'] for r in rows)} | {sum(r['tracebacks'] for r in rows)} | "
                             f"{sum(r['check_named_it'] for r in rows)} of {len(rows)} |")
    costs = report.get("integrity_costs")
    if costs:
        lines += ["", f"Integrity checks on {costs['rows']:,} law rows ({costs['paragraphs']:,} paragraphs, "
                  f"{costs['index_files']} index files, {costs['index_bytes'] / 1e6:,.0f} MB):", "",
                  "| check | when | cost |", "| --- | --- | --- |",
                  f"| every file's size against its commit's record | every search, when the index opens | "
                  f"{costs['size_check_ms']:.2f} ms (the whole open: {costs['open_ms']:.1f} ms) |",
                  "| what a search reads decodes (zlib's checksum of each block, pickles, packed numbers) | every "
                  "search, for the blocks it reads | none beyond the decoding itself |",
                  f"| SHA-256 of every new file | every commit | {costs['sha256_all_files_s']:.1f} s for all of them "
                  f"(the whole build: {costs['build_s']:.0f} s) |",
                  f"| every byte against its SHA-256 | `fundstelle check` only | {costs['check_s']:.1f} s |"]
    lines += ["", "| query | seconds (whole process) | exit | answer |", "| --- | --- | --- | --- |"]
    lines += [f"| {name} | {q['seconds']:.3f} | {q['exit']} | {q['answer']} |"
              for name, q in report["hostile_queries"].items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000, help="law rows in the corpus (default 20,000)")
    parser.add_argument("--kills", type=int, default=20, help="kills of the parent per kind (default 20)")
    parser.add_argument("--worker-kills", type=int, default=5)
    parser.add_argument("--damages", type=int, default=5, help="files damaged per kind of damage (default 5)")
    parser.add_argument("--cost-rows", type=int, default=None,
                        help="law rows for the integrity costs (default: all; 0: not measured)")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--json", type=Path, default=RESULTS / "faults.json")
    args = parser.parse_args(argv)
    random.seed(args.seed)

    with tempfile.TemporaryDirectory(prefix="fundstelle-faults-") as tmp:
        work = Path(tmp)
        corpus = work / "laws"
        files, rows = write_law_articles(corpus, args.rows)
        seed_index, full_index = work / "seed-index", work / "full-index"
        index_paths(seed_index, [SEEDS_DIR])
        build_seconds, build = timed_run("--index", str(full_index), "index", str(corpus))
        if build.returncode:
            raise SystemExit(f"the clean build failed: {build.stderr}")
        index_paths(full_index, [SEEDS_DIR])
        clean = answers(full_index)
        rebuild_seconds, _ = timed_run("--index", str(full_index), "rebuild")
        print(f"corpus: {files} files, {rows:,} law rows, {clean['paragraphs']:,} paragraphs with the seed; "
              f"clean build {build_seconds:.1f} s, rebuild {rebuild_seconds:.1f} s", file=sys.stderr)

        index_command = ["index", str(corpus), str(SEEDS_DIR)]
        series = [
            kill_series("kill -9 of the parent during index", args.kills, build_seconds,
                        lambda after: kill_trial(work, seed_index, index_command, clean, after, False)),
            kill_series("kill -9 of the parent during rebuild", args.kills, rebuild_seconds,
                        lambda after: kill_trial(work, full_index, ["rebuild"], clean, after, False)),
            kill_series("kill -9 of one writer process during index", args.worker_kills, build_seconds * 0.5,
                        lambda after: kill_trial(work, seed_index, index_command, clean, after, True)),
        ]
        queries = hostile_queries(full_index)
        damage = damage_series(work, full_index, args.damages, random.Random(args.seed))
        costs = integrity_costs(work, args.cost_rows) if args.cost_rows != 0 else None

    report = {"rows": rows, "files": files, "paragraphs": clean["paragraphs"], "build_s": round(build_seconds, 1),
              "rebuild_s": round(rebuild_seconds, 1), "series": series, "damage": damage,
              "integrity_costs": costs, "hostile_queries": queries}
    save_results(args.json, report)
    print(markdown(report))
    failed = sum(s["trials"] - s["ok"] for s in series) + sum(not row["ok"] for row in damage)
    slow = [name for name, q in queries.items() if q["seconds"] > 1.5]
    return 1 if failed or slow else 0


if __name__ == "__main__":
    sys.exit(main())
