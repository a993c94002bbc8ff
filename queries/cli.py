"""The ``fundstelle`` command: a thin Click layer over the indexer and queries libraries.

Only this module turns Fundstelle's exceptions into Click errors. Exit status follows grep:
0 found, 1 nothing found, 2 error. Library imports happen inside the commands, so that a
command loads only what it uses.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

EXIT_FOUND, EXIT_NOT_FOUND, EXIT_ERROR = 0, 1, 2
MAX_WIDTH = 100


class CliError(click.UsageError):
    """Bad input or an unusable index: exit 2 with one line on stderr (Click would add the usage text)."""

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn Fundstelle's own exceptions into one-line Click errors; anything else is a bug and shows as one."""
    from indexer.errors import FundstelleError

    try:
        yield
    except FundstelleError as exc:
        raise CliError(str(exc)) from None


def _index_dir(ctx: click.Context) -> Path:
    from indexer.store import default_index_dir

    return ctx.obj["index_dir"] or default_index_dir()


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _echo_report(report, as_json: bool) -> None:
    """An index run's result: details and the summary on stderr, or one JSON object on stdout."""
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    for path, reason in report.skipped:
        click.echo(f"skipped {path}: {reason}", err=True)
    for path in report.missing:
        click.echo(f"missing {path}: the file is gone, its paragraphs were dropped", err=True)
    click.echo(report.summary(), err=True)


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


@cli.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--include", multiple=True, default=("*.txt",), show_default=True, metavar="PATTERN",
    help="File name pattern of articles when walking folders (repeatable).",
)
@click.option("--wait", type=click.FloatRange(min=0), default=0, metavar="SECONDS",
              help="Wait this long for another writer to finish instead of stopping.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as a JSON object on stdout.")
@click.pass_context
def index_command(ctx: click.Context, paths: tuple[Path, ...], include: tuple[str, ...], wait: float,
                  as_json: bool) -> None:
    """Add or update articles from files and folders (default: the bundled seed article).

    Folders are walked recursively; running it again re-reads only changed files and drops
    files that disappeared. Exit status: 0 all indexed, 1 some files skipped, 2 error.

    \b
    Example:
      fundstelle index ~/artikel
    """
    from indexer.building import index_paths
    from seeds import SEEDS_DIR

    with reported_errors():
        report = index_paths(_index_dir(ctx), paths or [SEEDS_DIR], include=include, wait=wait)
    _echo_report(report, as_json)
    ctx.exit(EXIT_NOT_FOUND if report.skipped else EXIT_FOUND)


@cli.command()
@click.option("--wait", type=click.FloatRange(min=0), default=0, metavar="SECONDS",
              help="Wait this long for another writer to finish instead of stopping.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as a JSON object on stdout.")
@click.pass_context
def rebuild(ctx: click.Context, wait: float, as_json: bool) -> None:
    """Rebuild the index from the article files it holds (after an upgrade, say).

    The new index replaces the old one only when complete; searches meanwhile use the old one.

    \b
    Example:
      fundstelle rebuild
    """
    from indexer.building import rebuild_index

    with reported_errors():
        report = rebuild_index(_index_dir(ctx), wait=wait)
    _echo_report(report, as_json)
    ctx.exit(EXIT_NOT_FOUND if report.skipped or report.missing else EXIT_FOUND)


def ensure_index(index_dir: Path) -> None:
    """A newcomer's first search just works: where no index exists yet, build one from the bundled seeds."""
    from indexer.building import index_paths
    from indexer.store import is_unused_location
    from seeds import SEEDS_DIR

    if not is_unused_location(index_dir):
        return
    click.echo(f"No index at {index_dir} yet: building it from the bundled seed article.", err=True)
    report = index_paths(index_dir, [SEEDS_DIR])
    click.echo(report.summary(), err=True)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("-n", "--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Show at most this many hits.")
@click.option("--match", type=click.Choice(["all", "any"]), default="all", show_default=True,
              help="all: every word must match. any: rank paragraphs matching any word (for questions).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines on stdout, one object per hit.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Highlight matches in colour (auto: on a terminal, unless NO_COLOR is set).")
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], limit: int, match: str, as_json: bool, color: str) -> None:
    """Find paragraphs matching QUERY, best first.

    Words must all match; "..." is a phrase (inflected forms match), "..."~N allows N words
    between; Waffenliefer* is a prefix; OR, NOT and parentheses combine; field:term searches
    title, heading, path, published or exact (the wording as written).

    \b
    Examples:
      fundstelle search Waffenlieferung
      fundstelle search '"Waffenlieferung an die Ukraine"'
      fundstelle search 'exact:"Waffenlieferungen an Nordkorea"' --json
      fundstelle search --match any 'Wer ist der Sprecher des Außenministeriums?'
    """
    from queries.formatting import format_hit, hit_to_json
    from queries.searching import Searcher

    index_dir = _index_dir(ctx)
    with reported_errors():
        ensure_index(index_dir)
        with Searcher.open(index_dir) as searcher:
            result = searcher.search(" ".join(query), limit=limit, match=match)

    if as_json:
        for hit in result.hits:
            click.echo(hit_to_json(hit))
    else:
        use_color = _use_color(color)
        width = min(shutil.get_terminal_size().columns, MAX_WIDTH) if sys.stdout.isatty() else None
        for i, hit in enumerate(result.hits):
            if i:
                click.echo()
            click.echo(format_hit(hit, color=use_color, width=width), color=use_color)
        shown = len(result.hits)
        if shown:
            more = f" (of {result.total}; see more with --limit)" if result.total > shown else ""
            click.echo(f"{shown} matching paragraph{'s' if shown != 1 else ''}{more}", err=True)
    ctx.exit(EXIT_FOUND if result.hits else EXIT_NOT_FOUND)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="fundstelle")
