"""Scale and speed on German law paragraphs: build, query, CLI and update costs, and peers, in one run.

For each size it writes one article file per law (``benchmarks.corpora``) and indexes the folder
through the normal ``fundstelle index`` command in a child process, measuring wall time and peak
RSS. On the largest index it times in-process warm queries by class, the CLI as a person runs it,
and incremental updates. On the peer size it builds and queries stock Whoosh and tantivy, and
times ``rg -i -c`` over the article files.

    python -m benchmarks.scale                                  # 10k, 60k, 120k, all 571,731
    python -m benchmarks.scale --sizes 3000 --peer-size 3000    # smoke run (CI)
    python -m benchmarks.scale --compare old.json new.json      # same answers? (two runs' results)

Figures go to stdout as a Markdown table and to ``benchmarks/results/scale.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from benchmarks.corpora import law_paragraphs, write_law_articles
from benchmarks.results import RESULTS, save_results

REPO = Path(__file__).resolve().parents[1]
ALL = 571_731
CLI = [sys.executable, "-m", "queries.cli"]

# A fixed query mix over the law corpus, by class (at least 50 queries in all).
QUERY_MIX: dict[str, list[str]] = {
    "rare word": ["Goldmünze", "Fischereiabgabe", "Hufbeschlag", "Wattenmeer", "Rennwett", "Seelotse",
                  "Kakaoverordnung", "Sprengstoff"],
    "frequent word": ["Bundesministerium", "Verordnung", "Antrag", "Behörde", "Gesetz", "Frist", "Kosten",
                      "Vorschriften"],
    "2-3 word AND": ["Antrag Frist", "Behörde Genehmigung", "Bundesregierung Zustimmung Bundesrat",
                     "Kosten Erstattung", "Verordnung Inkrafttreten", "Arbeitnehmer Urlaub",
                     "Steuer Erklärung Frist", "Bundesamt Daten"],
    "phrase": ['"mit Zustimmung des Bundesrates"', '"nach Maßgabe"', '"im Einvernehmen mit"',
               '"Deutsche Bundesbank"', '"auf Antrag"', '"in Kraft"', '"Bußgeldvorschriften"',
               '"zuständigen Behörde"'],
    "compound part": ["Ordnung", "Behörde", "Mittel", "Anlage", "Recht", "Gericht", "Steuer", "Verkehr"],
    "prefix": ["Verordn*", "Genehm*", "Bundesmin*", "Zustimm*", "Arbeitneh*", "Lebensmit*", "Steuerp*",
               "Fahrerl*"],
    "--match any question": [
        "Wer erteilt die Genehmigung für den Betrieb einer Anlage?",
        "Wann tritt die Verordnung in Kraft?",
        "Welche Behörde ist für die Überwachung zuständig?",
        "Wie hoch ist die Geldbuße bei einer Ordnungswidrigkeit?",
        "Wer trägt die Kosten des Verfahrens?",
        "Welche Frist gilt für den Antrag auf Erstattung?",
        "Was regelt das Bundesministerium durch Rechtsverordnung?",
        "Wer ist zur Auskunft verpflichtet?",
    ],
}


def peak_rss_run(args: Sequence[str]) -> tuple[float, float, int]:
    """Run a child process, its output discarded: (wall seconds, peak RSS in MB, exit code)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def fresh_folder(folder: Path) -> Path:
    """An empty folder at ``folder``: what an earlier run left in a reused ``--work`` folder goes."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def build_fundstelle(work: Path, size: int) -> dict:
    from indexer.store import index_stats

    corpus = work / f"laws-{size}"
    files, rows = write_law_articles(corpus, size)
    index = work / f"index-{size}"
    fresh_folder(index)  # a full build, not an update of what a reused --work folder holds
    seconds, rss, code = peak_rss_run([*CLI, "--index", str(index), "index", str(corpus)])
    assert code == 0, f"fundstelle index failed with exit code {code}"
    # Short blocks that read like subheadings become headings, not paragraphs: count what was indexed.
    paragraphs = index_stats(index)["paragraphs"]
    raw = folder_bytes(corpus)
    size_on_disk = folder_bytes(index)
    return {"rows": rows, "paragraphs": paragraphs, "files": files, "seconds": seconds,
            "paragraphs_per_s": paragraphs / seconds,
            "mb_per_s": raw / 1e6 / seconds, "peak_rss_mb": rss, "index_mb": size_on_disk / 1e6,
            "raw_mb": raw / 1e6, "index_to_raw": size_on_disk / raw, "corpus": str(corpus), "index": str(index)}


def time_queries(run_query: Callable[[Any, str], object], rounds: int = 3,
                 mix: Mapping[str, Sequence[Any]] = QUERY_MIX) -> dict:
    """Warm, in-process: each query of ``mix`` (by class) once to warm up, then ``rounds`` timed
    runs; p50/p95 per class and overall."""
    per_class: dict[str, list[float]] = {}
    for cls, queries in mix.items():
        for query in queries:
            run_query(query, cls)
            for _ in range(rounds):
                started = time.perf_counter()
                run_query(query, cls)
                per_class.setdefault(cls, []).append((time.perf_counter() - started) * 1000)
    everything = [t for times in per_class.values() for t in times]
    table = {cls: {"p50_ms": statistics.median(t), "p95_ms": percentile(t, 0.95)} for cls, t in per_class.items()}
    table["overall"] = {"p50_ms": statistics.median(everything), "p95_ms": percentile(everything, 0.95)}
    return table


def fundstelle_queries(index: Path) -> dict:
    from queries import Searcher

    with Searcher.open(index) as searcher:
        def run(query: str, cls: str) -> object:
            return searcher.search(query, limit=10, match="any" if cls.startswith("--match any") else "all")

        return time_queries(run)


def fundstelle_answers(index: Path) -> dict[str, list]:
    """Each query's answer, to compare runs of different code (:func:`differing_answers`): its total
    and the top 10 as [citation, score]."""
    from queries import Searcher

    with Searcher.open(index) as searcher:
        answers = {}
        for cls, queries in QUERY_MIX.items():
            for query in queries:
                result = searcher.search(query, limit=10, match="any" if cls.startswith("--match any") else "all")
                answers[query] = [result.total, [[hit.citation, hit.score] for hit in result.hits]]
        return answers


def differing_answers(first: dict[str, list], second: dict[str, list]) -> list[str]:
    """The queries whose answers differ between two runs: in total, in the scores of the top 10, or
    in which paragraphs score above the 10th's. Paragraphs of equal score may come in either order,
    and which of them make the cut may differ: a parallel build numbers documents in the order its
    workers finish, and the order of equal scores follows those numbers."""
    def ranked(answer: list) -> tuple:
        total, hits = answer
        scores = [score for _, score in hits]
        cut = scores[-1] if scores else None
        return total, scores, sorted(citation for citation, score in hits if score != cut)

    return [query for query in first.keys() | second.keys()
            if query not in first or query not in second or ranked(first[query]) != ranked(second[query])]


def cli_wall_time(index: Path, word: str = "Goldmünze", runs: int = 10) -> float:
    """Process start to exit of ``fundstelle search WORD --json``, p50 over ``runs`` (after one warm-up)."""
    exe = shutil.which("fundstelle")
    command = [exe] if exe else CLI
    # Bytecode as an installed Fundstelle has it (pip compiles at install time); a checkout run
    # with PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start.
    import compileall

    for package in ("indexer", "queries", "seeds"):
        compileall.compile_dir(str(REPO / package), quiet=1)
    times = []
    for i in range(runs + 1):
        started = time.perf_counter()
        subprocess.run([*command, "--index", str(index), "search", word, "--json"], stdout=subprocess.DEVNULL,
                       check=False)
        if i:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def incremental_update(corpus: Path, index: Path) -> dict:
    """One article changed, then ``fundstelle index`` again; then a run with nothing changed."""
    article = sorted(corpus.glob("*.txt"))[len(list(corpus.glob("*.txt"))) // 2]
    original = article.read_text(encoding="utf-8")
    return update_times(corpus, index, article, original + "\nEin geänderter Absatz für die Messung.\n")


def update_times(corpus: Path, index: Path, article: Path, changed_text: str) -> dict:
    """``fundstelle index`` of ``corpus`` again with ``article``'s file holding ``changed_text``,
    then once more with nothing changed; the file is given back its text after."""
    original = article.read_text(encoding="utf-8")
    article.write_text(changed_text, encoding="utf-8")
    try:
        changed, _, code = peak_rss_run([*CLI, "--index", str(index), "index", str(corpus)])
        unchanged, _, code2 = peak_rss_run([*CLI, "--index", str(index), "index", str(corpus)])
    finally:
        article.write_text(original, encoding="utf-8")
    assert code == code2 == 0
    return {"one_changed_s": changed, "nothing_changed_s": unchanged}


def stock_whoosh(work: Path, size: int) -> dict:
    from whoosh import index, qparser
    from whoosh.analysis import LanguageAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    folder = fresh_folder(work / "stock-whoosh")
    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=LanguageAnalyzer("de"), stored=True))
    ix = index.create_in(str(folder), schema)
    started = time.perf_counter()
    writer = ix.writer()
    for row in law_paragraphs(size):
        writer.add_document(id=row["id"], text=row["text"])
    writer.commit()
    seconds = time.perf_counter() - started
    parser = qparser.QueryParser("text", schema)
    any_parser = qparser.QueryParser("text", schema, group=qparser.OrGroup)
    with ix.searcher() as searcher:
        def run(query: str, cls: str) -> object:
            p = any_parser if cls.startswith("--match any") else parser
            return [hit.fields() for hit in searcher.search(p.parse(query.rstrip("?")), limit=10)]

        queries = time_queries(run)
    return {"seconds": seconds, "paragraphs_per_s": size / seconds, "index_mb": folder_bytes(folder) / 1e6,
            "queries": queries}


def tantivy_peer(work: Path, size: int) -> dict:
    import tantivy

    folder = fresh_folder(work / "tantivy")
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("text", stored=True, tokenizer_name="de_stem", index_option="position")
    ix = tantivy.Index(builder.build(), path=str(folder))
    ix.register_tokenizer("de_stem", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                          .filter(tantivy.Filter.remove_long(40)).filter(tantivy.Filter.lowercase())
                          .filter(tantivy.Filter.stopword("german")).filter(tantivy.Filter.stemmer("german"))
                          .build())
    started = time.perf_counter()
    writer = ix.writer(heap_size=256_000_000)
    for row in law_paragraphs(size):
        writer.add_document(tantivy.Document(id=row["id"], text=row["text"]))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    ix.reload()
    searcher = ix.searcher()

    def run(query: str, cls: str) -> object:
        q = ix.parse_query_lenient(query.rstrip("?"), ["text"])[0]
        return [searcher.doc(address)["id"] for _, address in searcher.search(q, 10).hits]

    return {"seconds": seconds, "paragraphs_per_s": size / seconds, "index_mb": folder_bytes(folder) / 1e6,
            "queries": time_queries(run)}


def ripgrep(corpus: Path, word: str = "Goldmünze", runs: int = 10) -> float | None:
    rg = shutil.which("rg")
    if not rg:
        return None
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([rg, "-i", "-c", word, str(corpus)], stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def optional(name: str, make: Callable[[], dict]) -> dict | str:
    try:
        return make()
    except ImportError as exc:
        return f"not installed ({exc.name}): pip install '.[bench]'"


#: The targets (what a figure must not exceed, or for build speed reach), each with how it is
#: read from a run's report.
TARGETS: list[tuple[str, str, Callable[[dict], float], float, str]] = [
    # (what, unit, figure of the report, target, "max" or "min")
    ("index size against the raw text, all law rows", "×", lambda r: r["builds"][-1]["index_to_raw"], 2.0, "max"),
    ("peak RSS of the full build", "MB", lambda r: r["builds"][-1]["peak_rss_mb"], 1536, "max"),
    ("update after one article changed", "s", lambda r: r["incremental"]["one_changed_s"], 3.0, "max"),
    ("update when nothing changed", "s", lambda r: r["incremental"]["nothing_changed_s"], 2.0, "max"),
    ("CLI search, process start to exit (p50)", "s", lambda r: r["cli_p50_s"], 0.35, "max"),
    ("queries on the full index, p50", "ms", lambda r: r["queries"]["overall"]["p50_ms"], 15.0, "max"),
    ("queries on the full index, p95", "ms", lambda r: r["queries"]["overall"]["p95_ms"], 100.0, "max"),
    ("build speed against stock Whoosh on the peer rows", "×", lambda r: _build_speed_ratio(r), 3.0, "min"),
]


def _build_speed_ratio(report: dict) -> float:
    """How many times stock Whoosh's build time Fundstelle's is short of (2: twice as fast)."""
    peers = report["peers"]
    whoosh = next((peer for name, peer in peers.items() if name.startswith("stock Whoosh")), None)
    if not isinstance(whoosh, dict):
        return float("nan")
    return whoosh["seconds"] / peers["Fundstelle"]["seconds"]


def targets_table(report: dict) -> str:
    """Each target with the run's figure and whether it is met."""
    out = ["| target | limit | measured | met |", "| --- | --- | --- | --- |"]
    for what, unit, figure, limit, kind in TARGETS:
        value = figure(report)
        met = value <= limit if kind == "max" else value >= limit
        sign = "≤" if kind == "max" else "≥"
        digits = 0 if unit == "MB" else 3 if unit == "s" else 2 if unit == "×" else 1
        out.append(f"| {what} | {sign} {limit:,g} {unit} | {value:,.{digits}f} {unit} | {'yes' if met else 'no'} |")
    return "\n".join(out)


def markdown(report: dict) -> str:
    out = [f"Machine: {report['machine']}", "", targets_table(report), "",
           "| law rows | paragraphs | files | build s | paragraphs/s | MB/s | peak RSS MB | index MB | index/raw |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for b in report["builds"]:
        out.append(f"| {b['rows']:,} | {b['paragraphs']:,} | {b['files']:,} | {b['seconds']:.1f} | "
                   f"{b['paragraphs_per_s']:,.0f} | "
                   f"{b['mb_per_s']:.2f} | {b['peak_rss_mb']:,.0f} | {b['index_mb']:,.1f} | {b['index_to_raw']:.2f} |")
    out += ["", f"Queries on {report['builds'][-1]['paragraphs']:,} paragraphs (in-process, warm, ms):", "",
            "| class | p50 | p95 |", "| --- | --- | --- |"]
    for cls, t in report["queries"].items():
        out.append(f"| {cls} | {t['p50_ms']:.1f} | {t['p95_ms']:.1f} |")
    inc = report["incremental"]
    out += ["", f"CLI `fundstelle search WORD --json`, process start to exit, p50 of 10: {report['cli_p50_s']:.3f} s",
            f"Incremental: one article changed {inc['one_changed_s']:.2f} s; "
            f"nothing changed {inc['nothing_changed_s']:.2f} s",
            "", f"Peers on the first {report['peer_size']:,} law rows:", "",
            "| system | build s | paragraphs/s | index MB | query p50 ms | query p95 ms |",
            "| --- | --- | --- | --- | --- | --- |"]
    for name, peer in report["peers"].items():
        if isinstance(peer, dict):
            q = peer["queries"]["overall"]
            out.append(f"| {name} | {peer['seconds']:.1f} | {peer['paragraphs_per_s']:,.0f} | "
                       f"{peer['index_mb']:,.1f} | "
                       f"{q['p50_ms']:.1f} | {q['p95_ms']:.1f} |")
        else:
            out.append(f"| {name} | {peer} | | | | |")
    if report.get("rg_p50_s") is not None:
        out.append(f"\n`rg -i -c WORD` over the {report['peer_size']:,}-paragraph article files, p50 of 10: "
                   f"{report['rg_p50_s']:.3f} s (Fundstelle CLI on the same: {report['cli_peer_p50_s']:.3f} s)")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 60_000, 120_000, ALL])
    parser.add_argument("--peer-size", type=int, default=120_000)
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--json", type=Path, default=RESULTS / "scale.json")
    parser.add_argument("--compare", type=Path, nargs=2, metavar="JSON",
                        help="only compare the query answers of two results files (exit 1 if any differs)")
    args = parser.parse_args(argv)
    if args.compare:
        first, second = (json.loads(path.read_text(encoding="utf-8")) for path in args.compare)
        differing = differing_answers(first["answers"], second["answers"])
        print(f"{len(first['answers']) - len(differing)} of {len(first['answers'])} queries answered alike"
              + "".join(f"\ndiffers: {query}" for query in sorted(differing)))
        return 1 if differing else 0

    work = Path(args.work or tempfile.mkdtemp(prefix="fundstelle-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                    "builds": [], "peer_size": args.peer_size}
    try:
        for size in args.sizes:
            build = build_fundstelle(work, size)
            report["builds"].append(build)
            print(f"built {size:,}: {build['seconds']:.1f} s, {build['peak_rss_mb']:.0f} MB", file=sys.stderr)
        largest = report["builds"][-1]
        report["queries"] = fundstelle_queries(Path(largest["index"]))
        report["answers"] = fundstelle_answers(Path(largest["index"]))
        report["cli_p50_s"] = cli_wall_time(Path(largest["index"]))
        report["incremental"] = incremental_update(Path(largest["corpus"]), Path(largest["index"]))
        peer_build = next((b for b in report["builds"] if b["rows"] == args.peer_size), None)
        if peer_build is None:
            peer_build = build_fundstelle(work, args.peer_size)
        report["peers"] = {
            "Fundstelle": {**peer_build, "queries": fundstelle_queries(Path(peer_build["index"]))},
            "stock Whoosh (LanguageAnalyzer de, one commit)": optional(
                "whoosh", lambda: stock_whoosh(work, args.peer_size)),
            "tantivy (Snowball German, positions)": optional("tantivy", lambda: tantivy_peer(work, args.peer_size)),
        }
        report["rg_p50_s"] = ripgrep(Path(peer_build["corpus"]))
        report["cli_peer_p50_s"] = cli_wall_time(Path(peer_build["index"]))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(markdown(report))
    save_results(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
