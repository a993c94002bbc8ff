"""A query's matches over time: matching paragraphs and articles per ISO week, month or year.

Every period from the first to the last is counted, empty ones as 0, so that a chart of the
counts has no gaps that hide a quiet month. Periods are named as ISO 8601 names them: ``2024``,
``2024-03``, ``2024-W11`` (the ISO week, Monday to Sunday, whose year may differ from the
calendar's around New Year). A paragraph counts in the period of its article's date as the
article gives it (no time zone is applied); a date given to the month only counts on the 1st.
Copies of one text in several articles count once each: coverage, as a reporter counts it.

>>> trend = count_by_period(count_days([19752, 19752, 19784], [7, 7, 40]), "month")
>>> [(p.period, p.paragraphs, p.articles) for p in trend.periods]
[('2024-01', 2, 1), ('2024-02', 0, 0), ('2024-03', 1, 1)]
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable, Literal, Sequence

from indexer.schema import published_date

__all__ = ["PERIODS", "DayCount", "Period", "PeriodCount", "Trend", "count_by_period", "count_days", "period_name",
           "periods_between"]

Period = Literal["week", "month", "year"]
#: The lengths of period a trend is counted by.
PERIODS: tuple[Period, ...] = ("week", "month", "year")


@dataclass(frozen=True)
class PeriodCount:
    """One period's matches: ``paragraphs`` matching, in ``articles`` distinct articles."""

    period: str
    paragraphs: int
    articles: int


@dataclass(frozen=True)
class DayCount:
    """One day's matches (``day`` None: undated): ``paragraphs`` matching, in ``articles`` distinct
    articles (an article has one day)."""

    day: date | None
    paragraphs: int
    articles: int


@dataclass(frozen=True)
class Trend:
    """A query's counts per period, first to last; ``undated`` matching paragraphs have no date
    and are in no period."""

    query: str
    by: Period
    periods: tuple[PeriodCount, ...]
    #: Distinct articles in all periods together (an article has one date).
    articles: int = 0
    undated: int = 0

    @property
    def paragraphs(self) -> int:
        """The dated matching paragraphs."""
        return sum(count.paragraphs for count in self.periods)


def _period_start(day: date, by: Period) -> date:
    if by == "year":
        return date(day.year, 1, 1)
    if by == "month":
        return date(day.year, day.month, 1)
    return day - timedelta(days=day.weekday())  # the ISO week's Monday


def _next_start(start: date, by: Period) -> date:
    if by == "year":
        return date(start.year + 1, 1, 1)
    if by == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=7)


def period_name(day: date, by: Period) -> str:
    """The name of the period ``day`` falls in.

    >>> [period_name(date(2024, 12, 30), by) for by in PERIODS]
    ['2025-W01', '2024-12', '2024']
    """
    if by == "year":
        return f"{day.year:04d}"
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def periods_between(first: date, last: date, by: Period) -> list[str]:
    """The names of every period from ``first``'s to ``last``'s, both included.

    >>> periods_between(date(2024, 11, 5), date(2025, 1, 1), "month")
    ['2024-11', '2024-12', '2025-01']
    """
    names = []
    start, end = _period_start(first, by), _period_start(last, by)
    while start <= end:
        names.append(period_name(start, by))
        start = _next_start(start, by)
    return names


def count_days(days: Sequence[int], articles: Sequence[int]) -> list[DayCount]:
    """The matches counted by day: ``days`` holds each matching paragraph's ``published_day``
    (:func:`indexer.schema.published_day`), ``articles`` its article's number (0 to 2³²) at the
    same place. Counted with numpy: a frequent word matches a tenth of an archive.

    >>> [(count.day.isoformat(), count.paragraphs, count.articles) for count in count_days([19752, 19752, 19784],
    ...                                                                                     [7, 8, 40])]
    [('2024-01-30', 2, 2), ('2024-03-02', 1, 1)]
    """
    import numpy as np  # here only: the CLI's other commands start without it

    days, articles = np.asarray(days, dtype=np.int64), np.asarray(articles, dtype=np.int64)
    # By article: a word's or a phrase's matches come a segment at a time in ascending order, a
    # few runs that a stable sort (timsort) merges in one pass, where sorting the days or the
    # pairs below took 30 ms each for 560,000 matches.
    order = np.argsort(articles, kind="stable")
    articles, days = articles[order], days[order]
    first = np.ones(len(articles), dtype=bool)
    first[1:] = articles[1:] != articles[:-1]
    if not np.any(~first[1:] & (days[1:] != days[:-1])):
        # Each article on one day (as an index has them): its paragraphs counted on its day.
        starts = np.flatnonzero(first)
        values, inverse, distinct = np.unique(days[starts], return_inverse=True, return_counts=True)
        paragraphs = np.bincount(inverse, weights=np.diff(np.append(starts, len(articles))), minlength=len(values))
    else:
        values, paragraphs = np.unique(days, return_counts=True)
        # Each (day, article) once, as one number: the day in the high 32 bits (an arithmetic
        # shift gives it back, negative or not), the article in the low ones; sorted, and kept
        # where it differs from the one before (numpy 2's np.unique hashes such numbers, ten
        # times slower).
        pairs = np.sort((days << 32) | articles)
        kept = np.ones(len(pairs), dtype=bool)
        kept[1:] = pairs[1:] != pairs[:-1]
        _days, distinct = np.unique(pairs[kept] >> 32, return_counts=True)
    return [DayCount(published_date(int(day)), int(count), int(held))
            for day, count, held in zip(values, paragraphs, distinct)]


def count_by_period(days: Iterable[DayCount], by: Period, query: str = "",
                    since: datetime | None = None, until: datetime | None = None) -> Trend:
    """Count the matches of ``days`` (:func:`count_days`) by period, from ``since``'s period (else
    the first match's) to ``until``'s (else the last match's)."""
    paragraphs: dict[str, int] = {}
    articles: dict[str, int] = {}
    dated: list[date] = []
    undated = 0
    for count in days:
        if count.day is None:
            undated += count.paragraphs
            continue
        dated.append(count.day)
        name = period_name(count.day, by)
        paragraphs[name] = paragraphs.get(name, 0) + count.paragraphs
        articles[name] = articles.get(name, 0) + count.articles
    first = since.date() if since else min(dated, default=None)
    last = until.date() if until else max(dated, default=None)
    if first is None or last is None:
        return Trend(query, by, (), 0, undated)
    counts = tuple(PeriodCount(name, paragraphs.get(name, 0), articles.get(name, 0))
                   for name in periods_between(first, last, by))
    return Trend(query, by, counts, sum(articles.values()), undated)
