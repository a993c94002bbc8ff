"""``--plot``'s pictures (queries.plotting): PNG and SVG files, and the errors a user can meet."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from indexer.errors import PlotError
from queries.plotting import plot_trend
from queries.trend import DayCount, count_by_period

# One paragraph on the 21st of June, two of one article on the 2nd of August.
TREND = count_by_period([DayCount(date(2024, 6, 21), 1, 1), DayCount(date(2024, 8, 2), 2, 1)], "month",
                        "Waffenlieferungen")


def test_png_and_svg(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the plot extra: pip install 'fundstelle[plot]'")
    plot_trend(TREND, tmp_path / "trend.png")
    assert (tmp_path / "trend.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plot_trend(TREND, tmp_path / "trend.SVG")
    svg = (tmp_path / "trend.SVG").read_text(encoding="utf-8")
    assert "<svg" in svg and "2024-07" in svg  # the empty month is on the axis


def test_other_suffixes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PlotError, match=r"^cannot draw trend.pdf: name a .png or .svg file$"):
        plot_trend(TREND, tmp_path / "trend.pdf")


def test_without_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # import fails as if not installed
    with pytest.raises(PlotError, match=r"^drawing a picture needs an extra: pip install 'fundstelle\[plot\]'$"):
        plot_trend(TREND, tmp_path / "trend.png")
    assert not (tmp_path / "trend.png").exists()


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the plot extra: pip install 'fundstelle[plot]'")
    with pytest.raises(PlotError, match=r"^cannot write .*trend.png: No such file or directory$"):
        plot_trend(TREND, tmp_path / "nowhere" / "trend.png")
