"""A trend as a picture for a story: a bar chart of matching paragraphs per period, PNG or SVG.

Drawn by matplotlib, the optional extra ``plot`` (``pip install 'fundstelle[plot]'``), imported
only when a picture is asked for. Its object API (``Figure``) is used, not pyplot: no global
state, no window, no display needed.
"""
from __future__ import annotations

from pathlib import Path

from indexer.errors import PlotError

from .trend import Trend

__all__ = ["PLOT_EXTRA", "PLOT_SUFFIXES", "check_plot_path", "plot_trend"]

PLOT_EXTRA = "pip install 'fundstelle[plot]'"
#: The picture formats ``--plot`` writes, by the file's suffix.
PLOT_SUFFIXES = (".png", ".svg")
# Tick labels at most this many: a decade by week would otherwise print 520 labels over each other.
_MAX_LABELS = 24


def check_plot_path(path: Path) -> None:
    """Refuse a file name whose suffix names no picture format this draws.

    >>> check_plot_path(Path("trend.pdf"))
    Traceback (most recent call last):
    indexer.errors.PlotError: cannot draw trend.pdf: name a .png or .svg file
    """
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise PlotError(f"cannot draw {path.name}: name a {' or '.join(PLOT_SUFFIXES)} file")


def plot_trend(trend: Trend, path: Path) -> None:
    """Draw ``trend``'s paragraphs per period as bars, its articles as a line, into ``path``
    (``.png`` at 150 dpi or ``.svg``); raises :class:`PlotError`."""
    check_plot_path(path)
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise PlotError(f"drawing a picture needs an extra: {PLOT_EXTRA}") from None
    names = [count.period for count in trend.periods]
    figure = Figure(figsize=(max(6.0, min(16.0, 0.25 * len(names))), 4), layout="constrained")
    axes = figure.add_subplot()
    positions = range(len(names))
    axes.bar(positions, [count.paragraphs for count in trend.periods], color="#2b6cb0", label="paragraphs")
    axes.plot(positions, [count.articles for count in trend.periods], color="#c05621", marker="." if
              len(names) <= 60 else None, label="articles")
    step = max(1, -(-len(names) // _MAX_LABELS))
    axes.set_xticks(list(positions)[::step], names[::step], rotation=45 if len(names) > 8 else 0, ha="right"
                    if len(names) > 8 else "center")
    axes.set_title(trend.query)
    axes.set_ylabel(f"matches per {trend.by}")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False)
    try:
        figure.savefig(path, dpi=150)
    except OSError as exc:
        raise PlotError(f"cannot write {path}: {exc.strerror or exc}") from None
