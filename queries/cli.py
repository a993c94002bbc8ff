"""The ``fundstelle`` command: a thin Click layer over the indexer and queries libraries.

Only this module turns Fundstelle's exceptions into Click errors. Exit status follows grep:
0 found, 1 nothing found, 2 error.
"""
from __future__ import annotations

import errno
import math
import os
import shutil
import sys
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Iterator

import click

from indexer.building import index_paths, rebuild_index, recorded_paths, remove_paths
from indexer.errors import FundstelleError, IndexDamagedError, PlotError, QueryError
from indexer.german import analyze_text
from indexer.sources import DEFAULT_FIELDS, DEFAULT_INCLUDE
from indexer.store import check_index, default_index_dir, index_stats, is_unused_location
from seeds import SEEDS_DIR

from .dates import check_order, parse_period
from .output import FORMATS
from .parsing import check_size
from .plotting import PLOT_EXTRA, check_plot_path, plot_trend
from .searching import Searcher, group_by_article
from .trend import PERIODS

EXIT_FOUND, EXIT_NOT_FOUND, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT
MAX_WIDTH = 100


class CliError(click.UsageError):
    """Bad input or an unusable index: exit 2 with one line on stderr (Click would add the usage text)."""

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn Fundstelle's own exceptions into one-line Click errors; anything else is a bug and shows as one."""
    try:
        yield
    except FundstelleError as exc:
        raise CliError(str(exc)) from None


def _out(message: str = "", color: bool | None = None, end: str = "\n") -> None:
    """Print a line of results on stdout. A reader that went away (``| head``) has what it wanted:
    the command ends quietly with 0, as ripgrep does (Click would exit 1, "nothing found" to a
    script under ``set -o pipefail``); any other failure to write (``> /dev/full``) is one line
    on stderr, exit 2."""
    try:
        click.echo(message + end, color=color, nl=False)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _stdout_to_nowhere()
            raise click.exceptions.Exit(EXIT_FOUND) from None
        raise CliError(f"cannot write the output: {exc.strerror or exc}") from None


def _stdout_to_nowhere() -> None:
    """Send what stdout still buffers nowhere, so that no later flush (Python's own at exit
    among them) fails again on a closed pipe or a full disk."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _index_dir(ctx: click.Context) -> Path:
    return ctx.obj["index_dir"] or default_index_dir()


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _width() -> int | None:
    return min(shutil.get_terminal_size().columns, MAX_WIDTH) if sys.stdout.isatty() else None


def _print(rendered, color: bool | None = None, end: str | None = None) -> None:
    """Print what an output format rendered: its results on stdout (each ended by ``end``, else
    as the format ends them), its summaries on stderr."""
    for line in rendered.out:
        _out(line, color=color, end=rendered.end if end is None else end)
    for line in rendered.err:
        click.echo(line, err=True)


def _output(output_format: str, as_json: bool):
    """The output format chosen by ``--format`` (``--json``: json)."""
    return FORMATS["json" if as_json else output_format]


class _Progress:
    """A progress bar for long index runs on a terminal (files, paragraphs, rate, ETA); silent elsewhere.

    The bar fits the terminal's width (Click sizes it to what the rest of the line leaves;
    :func:`progress_info` shortens the rest), so that its updates overwrite one line instead of
    wrapping and scrolling. Once the last file is read the writers still save the index (a
    quarter of a large build): the line says so instead of a rate that would only fall, and at
    the end says what was done; the summary after it has the time of the whole run.
    """

    def __init__(self) -> None:
        self._bar = None
        self._started = time.monotonic()
        self._done = self._total = self._paragraphs = 0

    def __call__(self, done: int, total: int, paragraphs: int) -> None:
        if self._bar is None:
            if not sys.stderr.isatty() or total < 20:
                return
            self._bar = click.progressbar(length=total, label=_PROGRESS_LABEL, file=sys.stderr, show_eta=True,
                                          show_pos=False, show_percent=False, item_show_func=lambda _: None,
                                          width=0)
            self._bar.__enter__()
        self._done, self._total, self._paragraphs = done, total, paragraphs
        self._show("saving" if done == total else "reading")
        self._bar.update(done - self._bar.pos)

    def _show(self, phase: str) -> None:
        rate = self._paragraphs / max(time.monotonic() - self._started, 1e-6)
        info = progress_info(shutil.get_terminal_size().columns, self._done, self._total, self._paragraphs, rate,
                             phase)
        self._bar.item_show_func = lambda _: info

    def close(self) -> None:
        if self._bar is not None:
            self._show("done")
            self._bar.render_progress()
            self._bar.__exit__(None, None, None)


_PROGRESS_LABEL = "indexing"
_MIN_BAR = 10


def progress_info(columns: int, done: int, total: int, paragraphs: int, rate: float, phase: str) -> str | None:
    """The text after the progress bar in each ``phase`` of a run (``reading`` files, ``saving``
    the index, ``done``): as much of files, paragraphs, rate and phase as leaves a bar of at
    least :data:`_MIN_BAR` characters on a line of ``columns`` (None: nothing fits). Numbers are
    written with thousands separators, as the summary and ``stats`` write them.

    >>> progress_info(120, 2000, 5191, 40_000, 5123.4, "reading")
    '2,000/5,191 files, 40,000 paragraphs, 5,123/s'
    >>> progress_info(80, 2000, 5191, 40_000, 5123.4, "reading"), progress_info(60, 2000, 5191, 40_000, 5123.4,
    ...                                                                          "reading")
    ('40,000 paragraphs, 5,123/s', '2,000/5,191 files')
    >>> progress_info(80, 5191, 5191, 108_300, 5123.4, "saving"), progress_info(80, 5191, 5191, 108_300, 0, "done")
    ('108,300 paragraphs, saving the index...', '5,191 files, 108,300 paragraphs')
    """
    # The rest of Click's line: label, "  [" bar "]  ", the ETA "hh:mm:ss" and two spaces; one
    # column spare, so that the cursor never wraps.
    clutter = len(_PROGRESS_LABEL) + 6 + _MIN_BAR + 8 + 2 + 1
    files = f"{done:,}/{total:,} files"
    texts = {
        "reading": (f"{files}, {paragraphs:,} paragraphs, {rate:,.0f}/s", f"{paragraphs:,} paragraphs, {rate:,.0f}/s",
                    files),
        "saving": (f"{files}, {paragraphs:,} paragraphs, saving the index...", f"{paragraphs:,} paragraphs, saving the "
                   "index...", "saving the index...", "saving..."),
        "done": (f"{total:,} files, {paragraphs:,} paragraphs", f"{paragraphs:,} paragraphs", "done"),
    }[phase]
    return next((info for info in texts if clutter + 2 + len(info) <= columns), None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), metavar="DIR",
    help="Index folder. Default: $FUNDSTELLE_INDEX, else a per-user data folder.",
)
@click.version_option(package_name="fundstelle", prog_name="fundstelle")
@click.pass_context
def cli(ctx: click.Context, index_dir: Path | None) -> None:
    """Fundstelle: find the paragraphs of German news articles that answer your query.

    \b
    Example:
      fundstelle search Waffenlieferung
      fundstelle index ~/artikel && fundstelle search '"an die Ukraine"'
    """
    ctx.obj = {"index_dir": index_dir}


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    # FloatRange lets nan through (no comparison holds for it), and inf would wait for ever.
    if not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds", ctx=ctx, param=param)
    return value


def _index_after_command(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    # Users type --index after the command too (search Putin --index DIR): it means the same.
    if value is not None:
        ctx.obj["index_dir"] = value


_INDEX_OPTION = click.option(
    "--index", type=click.Path(path_type=Path), metavar="DIR", expose_value=False, callback=_index_after_command,
    help="Index folder (the same as 'fundstelle --index DIR' before the command).")


def _utf8_words(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """Refuse arguments that are not valid UTF-8: Python hands over their bytes as surrogates
    (a Latin-1 terminal's Größe), which the analysis would cut into the words gr and e."""
    for argument in value:
        if any("\udc80" <= char <= "\udcff" for char in argument):
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise click.BadParameter(f"'{shown}' is not valid UTF-8: set the terminal to UTF-8 "
                                     "(LANG=de_DE.UTF-8) and type it again", ctx=ctx, param=param)
    return value


def _json_fields(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str] | None:
    """``--json-field FIELD=NAME`` options as a mapping (None: not given, the index keeps its own)."""
    if not value:
        return None
    fields = {}
    for item in value:
        field, _, name = item.partition("=")
        if field not in DEFAULT_FIELDS or not name:
            raise click.BadParameter(f"{item!r}: write FIELD=NAME with FIELD one of {', '.join(DEFAULT_FIELDS)}",
                                     ctx=ctx, param=param)
        fields[field] = name
    return fields


_WAIT_OPTION = click.option(
    "--wait", type=click.FloatRange(min=0), default=0, metavar="SECONDS", callback=_seconds,
    help="Wait this long for another writer to finish instead of stopping.")


def _format_options(json_help: str):
    """``--format NAME`` (every registered output format) and its alias ``--json``, for a command."""
    def decorate(command):
        command = click.option("--json", "as_json", is_flag=True, help=f"{json_help} (--format json).")(command)
        return click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text",
                            show_default=True,
                            help="Output for people (text), scripts (json) or spreadsheets (csv).")(command)
    return decorate


_SUMMARY_FORMAT = _format_options("Print the summary as a JSON object on stdout")


@cli.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_INDEX_OPTION
@click.option(
    "--include", multiple=True, default=DEFAULT_INCLUDE, show_default=True, metavar="PATTERN",
    help="File name pattern of articles when walking folders (repeatable).",
)
@click.option("-L", "--follow", is_flag=True,
              help="Follow symbolic links inside folders (a path given is always followed).")
@click.option("--json-field", "json_fields", multiple=True, metavar="FIELD=NAME", callback=_json_fields,
              help="A JSON article's field under another name (title, date, text, url), e.g. text=artikel.")
@_WAIT_OPTION
@_SUMMARY_FORMAT
@click.pass_context
def index_command(ctx: click.Context, paths: tuple[Path, ...], include: tuple[str, ...], follow: bool,
                  json_fields: dict[str, str] | None, wait: float, output_format: str, as_json: bool) -> None:
    """Add or update articles from files and folders (default: those the index holds; for a new
    index, the bundled seed article).

    Folders are walked recursively; running it again re-reads only changed files and drops
    files that disappeared. Exit status: 0 all indexed, 1 some files skipped, 2 error.

    \b
    Example:
      fundstelle index ~/artikel
      fundstelle index --include '*.md' notizen/
    """
    progress = _Progress()
    try:
        with reported_errors():
            index_dir = _index_dir(ctx)
            # Without a path: update what the index holds; a new index gets the seed article.
            report = index_paths(index_dir, paths or recorded_paths(index_dir) or [SEEDS_DIR], include=include,
                                 wait=wait, progress=progress, follow=follow, json_fields=json_fields)
    finally:
        progress.close()
    _print(_output(output_format, as_json).report(report))
    if not report.found:
        click.echo(f"no article files found: none matches --include {' '.join(include)}", err=True)
    ctx.exit(EXIT_NOT_FOUND if report.skipped or not report.found else EXIT_FOUND)


@cli.command()
@_INDEX_OPTION
@_WAIT_OPTION
@_SUMMARY_FORMAT
@click.pass_context
def rebuild(ctx: click.Context, wait: float, output_format: str, as_json: bool) -> None:
    """Rebuild the index from the article files it holds (after an upgrade, say).

    The new index replaces the old one only when complete; searches meanwhile use the old one.
    Exit status: 0 rebuilt, 1 some files were skipped or are gone, 2 error.

    \b
    Example:
      fundstelle rebuild
    """
    progress = _Progress()
    try:
        with reported_errors():
            report = rebuild_index(_index_dir(ctx), wait=wait, progress=progress)
    finally:
        progress.close()
    _print(_output(output_format, as_json).report(report))
    ctx.exit(EXIT_NOT_FOUND if report.skipped or report.missing else EXIT_FOUND)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_INDEX_OPTION
@_WAIT_OPTION
@_SUMMARY_FORMAT
@click.pass_context
def remove(ctx: click.Context, paths: tuple[Path, ...], wait: float, output_format: str, as_json: bool) -> None:
    """Remove the articles of files and folders from the index (whether they still exist or not).

    A later 'fundstelle index' without a path, or a rebuild, does not bring them back.

    \b
    Example:
      fundstelle remove ~/artikel/2023
    """
    with reported_errors():
        report = remove_paths(_index_dir(ctx), paths, wait=wait)
    _print(_output(output_format, as_json).report(report))


def ensure_index(index_dir: Path) -> None:
    """A newcomer's first search just works: where no index exists yet, build one from the bundled seeds."""
    if not is_unused_location(index_dir):
        return
    click.echo(f"No index at {index_dir} yet: building it from the bundled seed article.", err=True)
    report = index_paths(index_dir, [SEEDS_DIR])
    click.echo(report.summary(), err=True)


def _date_bound(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    """--since: the start of the named day, month or year; --until: its end."""
    if value is None:
        return None
    try:
        start, end = parse_period(value)
    except QueryError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return start if param.name == "since" else end


def _plot_path(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """--plot: a file name of a picture format, refused before the search runs."""
    if value is not None:
        try:
            check_plot_path(value)
        except PlotError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return value


def _check_period(ctx: click.Context, since: datetime | None, until: datetime | None) -> None:
    """Refuse --since after --until (usage error, exit 2)."""
    if since and until:
        try:
            check_order(since, until, f"--since {since:%Y-%m-%d}", f"--until {until:%Y-%m-%d}")
        except QueryError as exc:
            raise click.UsageError(str(exc), ctx=ctx) from None


_MATCH_OPTION = click.option(
    "--match", type=click.Choice(["all", "any"]), default="all", show_default=True,
    help="all: every word must match. any: rank paragraphs matching any word (for questions).")
_SINCE_OPTION = click.option(
    "--since", callback=_date_bound, metavar="DATE",
    help="Only articles published on or after DATE (2024-06-21, 21.06.2024, 'Juni 2024', 2024).")
_UNTIL_OPTION = click.option(
    "--until", callback=_date_bound, metavar="DATE",
    help="Only articles published on or before DATE (the whole day, month or year it names).")


@cli.command()
@click.argument("query", nargs=-1, callback=_utf8_words)
@_INDEX_OPTION
@click.option("-n", "--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Show at most this many hits (with --group: articles).")
@_MATCH_OPTION
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="Order of hits: best first, or newest first.")
@_SINCE_OPTION
@_UNTIL_OPTION
@click.option("-C", "--context", type=click.IntRange(min=0), default=0, metavar="N",
              help="Show N paragraphs of the article before and after each hit.")
@click.option("--no-collapse", is_flag=True,
              help="Show every copy of a paragraph (agency copy in several articles) as a hit of its own.")
@click.option("--group", is_flag=True, help="Group hits by article, with a count per article.")
@click.option("--count", is_flag=True, help="Print only the number of matching paragraphs.")
@click.option("-l", "--files-with-matches", "files_only", is_flag=True,
              help="Print only the paths of articles with matching paragraphs.")
@click.option("-0", "--null", is_flag=True, help="With -l: end each path with a NUL byte, not a newline (xargs -0).")
@click.option("--batch", type=click.File("rb"), metavar="FILE",
              help="Run one query per line of FILE ('-': stdin) in one process; answers as JSON Lines.")
@_format_options("JSON Lines on stdout, one object per hit")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Highlight matches in colour (auto: on a terminal, unless NO_COLOR is set).")
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], limit: int, match: str, sort: str, since: datetime | None,
           until: datetime | None, context: int, no_collapse: bool, group: bool, count: bool, files_only: bool,
           null: bool, batch: IO[bytes] | None, output_format: str, as_json: bool, color: str) -> None:
    """Find paragraphs matching QUERY, best first.

    Words must all match; "..." is a phrase (inflected forms match), "..."~N allows N words
    between; Waffenliefer* is a prefix, M?ller a wildcard (? one letter); OR, NOT and parentheses
    combine; field:term searches title, heading, path, published or exact (the wording as written).

    \b
    Examples:
      fundstelle search Waffenlieferung
      fundstelle search '"Waffenlieferung an die Ukraine"' -C 1
      fundstelle search 'exact:"Waffenlieferungen an Nordkorea"' --json
      fundstelle search --match any 'Wer ist der Sprecher des Außenministeriums?'
      fundstelle search Putin --since 'Juni 2024' --sort date --group
      fundstelle search --batch fragen.txt > antworten.jsonl
    """
    if batch is None and not query:
        raise click.UsageError("Missing argument 'QUERY...' (or give --batch FILE).", ctx=ctx)
    if batch is not None and query:
        raise click.UsageError("Give either QUERY or --batch FILE, not both.", ctx=ctx)
    if sum((count, files_only, group)) > 1:
        raise click.UsageError("--count, -l/--files-with-matches and --group exclude each other.", ctx=ctx)
    if null and not (files_only and batch is None and _output(output_format, as_json).for_people):
        raise click.UsageError("-0/--null goes with -l/--files-with-matches (paths for people, not --json, "
                               "--format csv or --batch).", ctx=ctx)
    _check_period(ctx, since, until)
    options = {"match": match, "since": since, "until": until, "sort": sort, "context": context,
               "collapse": not no_collapse}
    shape = "count" if count else "files" if files_only else "group" if group else "hits"
    index_dir = _index_dir(ctx)
    with reported_errors():
        ensure_index(index_dir)
        with Searcher.open(index_dir) as searcher:
            if batch is not None:
                ctx.exit(_run_batch(searcher, batch, shape, limit, options, _output(output_format, as_json)))
            result = _search_as(searcher, " ".join(query), shape, limit, options)

    output = _output(output_format, as_json)
    colored = _use_color(color) and output.for_people
    if shape == "count":
        _print(output.count(result))
    elif shape in ("files", "group"):
        groups = group_by_article(result.hits)
        rendered = output.groups(groups, limit, result.total, with_hits=group, color=colored, width=_width())
        if null:
            # The paths as they are, each ended by NUL (ripgrep's and grep's -0): no escaping needed.
            rendered.out = [f"{group.path}\0" for group in groups]
        # color=True: Click would strip what looks like a colour code from a name given raw.
        _print(rendered, True if null else colored, end="" if null else None)
    else:
        _print(output.hits(result, color=colored, width=_width()), colored)
    ctx.exit(EXIT_FOUND if result.total else EXIT_NOT_FOUND)


def _search_as(searcher, text: str, shape: str, limit: int, options: dict):
    """Run one query for the output ``shape`` asks for: ``count`` (the total only), ``files`` and
    ``group`` (every hit, grouped later), or ``hits`` (the best ``limit``)."""
    if shape == "count":
        # The total counts every match whatever the limit: no hit needs reading.
        return searcher.search(text, limit=1, highlight=False, **{**options, "collapse": False})
    if shape in ("files", "group"):
        # Every article with a match, copies of a paragraph in others too.
        return searcher.search(text, limit=None, highlight=shape == "group", **{**options, "collapse": False})
    return searcher.search(text, limit=limit, **options)


def _run_batch(searcher, lines: IO[bytes], shape: str, limit: int, options: dict, output) -> int:
    """Answer one query per line (UTF-8) in the ``output`` format (JSON Lines for ``text``),
    shaped as ``shape`` asks (see :func:`_search_as`); a failing line (a bad query, bytes that are
    not UTF-8) yields an error object or row and the batch goes on.

    Exit status: 2 if any query failed, else 0 if any query found something, else 1.
    """
    queries = found = failed = 0
    _print(output.batch_start())
    for number, raw in enumerate(lines, 1):
        try:
            text, valid = raw.decode("utf-8").strip(), True
        except UnicodeDecodeError:
            text, valid = raw.decode("utf-8", "backslashreplace").strip(), False
        if not text:
            continue
        queries += 1
        if not valid:
            failed += 1
            _print(output.batch_error(text, f"line {number} is not valid UTF-8: save the file as UTF-8", number))
            continue
        try:
            result = _search_as(searcher, text, shape, limit, options)
        except QueryError as exc:
            failed += 1
            _print(output.batch_error(text, str(exc), number))
            continue
        found += bool(result.total)
        _print(output.batch_answer(result, shape, limit, number))
    click.echo(f"{queries} {'query' if queries == 1 else 'queries'}: {found} found something, "
               f"{queries - found - failed} nothing, {failed} failed", err=True)
    return EXIT_ERROR if failed else EXIT_FOUND if found else EXIT_NOT_FOUND


@cli.command()
@click.argument("query", nargs=-1, required=True, callback=_utf8_words)
@_INDEX_OPTION
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True,
              help="Count per ISO week (2024-W11), month (2024-03) or year (2024).")
@_SINCE_OPTION
@_UNTIL_OPTION
@_MATCH_OPTION
@_format_options("JSON Lines on stdout, one object per period")
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path), callback=_plot_path, metavar="FILE",
              help=f"Also draw the counts into FILE, .png or .svg (needs: {PLOT_EXTRA}).")
@click.pass_context
def trend(ctx: click.Context, query: tuple[str, ...], by: str, since: datetime | None, until: datetime | None,
          match: str, output_format: str, as_json: bool, plot: Path | None) -> None:
    """Count the paragraphs and articles matching QUERY per week, month or year, as a bar chart.

    Every period from the first match to the last is shown, empty ones as 0 (with --since or
    --until, from and to those dates). A paragraph counts by its article's date; articles
    without a date are not counted (the summary says how many). QUERY is a search query.

    \b
    Examples:
      fundstelle trend Waffenlieferung
      fundstelle trend '"Waffenlieferung an die Ukraine"' --by week --since 'Juni 2024'
      fundstelle trend Heizungsgesetz --by year --format csv > heizungsgesetz.csv
    """
    _check_period(ctx, since, until)
    index_dir = _index_dir(ctx)
    with reported_errors():
        ensure_index(index_dir)
        with Searcher.open(index_dir) as searcher:
            counts = searcher.trend(" ".join(query), by, match, since=since, until=until)
        if plot is not None and counts.periods:
            plot_trend(counts, plot)
    _print(_output(output_format, as_json).trend(counts, width=shutil.get_terminal_size().columns))
    ctx.exit(EXIT_FOUND if counts.paragraphs else EXIT_NOT_FOUND)


@cli.command()
@click.argument("text", nargs=-1, required=True, callback=_utf8_words)
@_format_options("One JSON object per word on stdout")
def analyze(text: tuple[str, ...], output_format: str, as_json: bool) -> None:
    """Show what the index makes of TEXT: words, stems, compound parts, stop words.

    Use it to see why a query matches a paragraph or does not. Needs no index.

    \b
    Example:
      fundstelle analyze 'Waffenlieferungen an die Ukraine'
    """
    words = " ".join(text)
    with reported_errors():
        check_size(words, "text", "analyze")
    _print(_output(output_format, as_json).analysis(analyze_text(words)))


@cli.command()
@_INDEX_OPTION
@_format_options("Print the figures as one JSON object")
@click.pass_context
def stats(ctx: click.Context, output_format: str, as_json: bool) -> None:
    """Show what the index holds: articles, paragraphs, distinct terms, size, sources, last update.

    \b
    Example:
      fundstelle stats
    """
    with reported_errors():
        figures = index_stats(_index_dir(ctx))
    _print(_output(output_format, as_json).stats(figures))


@cli.command()
@_INDEX_OPTION
@_format_options("Print the result as one JSON object")
@click.pass_context
def check(ctx: click.Context, output_format: str, as_json: bool) -> None:
    """Verify every file of the index: its size and checksum as written when it was saved.

    A search verifies the files' sizes and what it reads; this reads every byte, as
    'git fsck' does. Exit status: 0 sound, 2 damaged (run 'fundstelle rebuild') or no index.

    \b
    Example:
      fundstelle check
    """
    index_dir = _index_dir(ctx)
    with reported_errors():
        result = check_index(index_dir)
    _print(_output(output_format, as_json).check(result))
    if not result["sound"]:
        first = result["problems"][0]
        raise CliError(str(IndexDamagedError(f"the index file {first['file']}: {first['problem']}", index_dir)))


def main() -> None:
    """Console-script entry point: Click's standalone handling, except that Ctrl-C is one line
    and exit status 130 (as a shell reports a process it interrupted), and that output which
    could not be written is not written again when Python exits."""
    try:
        code = cli.main(prog_name="fundstelle", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.Abort as exc:
        interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
        click.echo("Interrupted: nothing of this run was saved" if interrupted else "Aborted", err=True)
        code = EXIT_INTERRUPTED if interrupted else EXIT_ERROR
    try:
        sys.stdout.flush()
    except OSError:
        # What stdout kept could not be written (a full disk, a closed pipe; said already).
        _stdout_to_nowhere()
    sys.exit(code)


if __name__ == "__main__":
    main()
