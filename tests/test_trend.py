"""Counting matches per period (queries.trend): ISO week, month and year names, every period from
the first to the last, articles counted apart from paragraphs."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.german.dates import iso_moment
from indexer.schema import UNDATED_DAY, published_date, published_day
from queries.trend import DayCount, PeriodCount, count_by_period, count_days, period_name, periods_between


@pytest.mark.parametrize(("day", "by", "name"), [
    (date(2024, 3, 11), "week", "2024-W11"),
    # ISO weeks belong to the year of their Thursday: the 30th of December 2024 is in 2025's first.
    (date(2024, 12, 30), "week", "2025-W01"),
    (date(2021, 1, 3), "week", "2020-W53"),
    (date(2024, 3, 11), "month", "2024-03"),
    (date(2024, 12, 30), "year", "2024"),
])
def test_period_names(day: date, by: str, name: str) -> None:
    assert period_name(day, by) == name


@pytest.mark.parametrize(("first", "last", "by", "names"), [
    (date(2024, 11, 20), date(2025, 2, 1), "month", ["2024-11", "2024-12", "2025-01", "2025-02"]),
    (date(2020, 12, 31), date(2021, 1, 11), "week", ["2020-W53", "2021-W01", "2021-W02"]),
    (date(2022, 6, 1), date(2024, 1, 1), "year", ["2022", "2023", "2024"]),
    (date(2024, 6, 21), date(2024, 6, 21), "month", ["2024-06"]),
])
def test_every_period_from_the_first_to_the_last(first: date, last: date, by: str, names: list[str]) -> None:
    assert periods_between(first, last, by) == names


# The paths and dates of matching paragraphs as the index gives them: ISO at the precision the
# article gave (a day, a minute, a month), None for an undated article.
MATCHES = [
    ("tagesschau/putin.txt", "2024-06-21T09:28"),
    ("tagesschau/putin.txt", "2024-06-21T09:28"),
    ("dpa/pjoengjang.jsonl#1", "2024-06-19"),
    ("dpa/seoul.jsonl#4", "2024-08"),
    ("notizen/ohne-datum.txt", None),
]


def _days(matches: list[tuple[str, str | None]]) -> list[DayCount]:
    """``matches`` counted by day as a search counts them: each article's day as the index keeps
    it, each article a number."""
    articles = {path: number for number, path in enumerate(dict.fromkeys(path for path, _ in matches))}
    return count_days([published_day(iso_moment(published) if published else None) for _, published in matches],
                      [articles[path] for path, _ in matches])


def test_counts_paragraphs_and_articles_with_empty_periods_as_zero() -> None:
    trend = count_by_period(_days(MATCHES), "month", "Putin")
    assert trend.periods == (PeriodCount("2024-06", 3, 2), PeriodCount("2024-07", 0, 0), PeriodCount("2024-08", 1, 1))
    assert (trend.paragraphs, trend.articles, trend.undated) == (4, 3, 1)


def test_by_week_a_month_alone_counts_on_its_first_day() -> None:
    trend = count_by_period(_days(MATCHES), "week")
    assert [(p.period, p.paragraphs) for p in trend.periods if p.paragraphs] == [
        ("2024-W25", 3), ("2024-W31", 1)]
    assert len(trend.periods) == 7  # W25 to W31


def test_since_and_until_set_the_span() -> None:
    trend = count_by_period(_days(MATCHES[:2]), "month", since=datetime(2024, 5, 1),
                            until=datetime(2024, 7, 31, 23, 59))
    assert [(p.period, p.paragraphs) for p in trend.periods] == [("2024-05", 0), ("2024-06", 2), ("2024-07", 0)]


def test_nothing_dated_has_no_periods() -> None:
    trend = count_by_period(_days([("a.txt", None)]), "year")
    assert (trend.periods, trend.paragraphs, trend.articles, trend.undated) == ((), 0, 0, 1)


def test_an_article_counts_on_its_own_day_whatever_its_zone() -> None:
    """Half past midnight in Berlin is the evening before in UTC: the article's day is Berlin's."""
    trend = count_by_period(_days([("dpa/nacht.txt", "2024-07-01T00:30+02:00")]), "month")
    assert trend.periods == (PeriodCount("2024-07", 1, 1),)


@given(st.lists(st.tuples(st.integers(-800, 800) | st.just(UNDATED_DAY), st.integers(0, 2**32 - 1) | st.integers(0, 5)),
                max_size=60))
def test_count_days_counts_each_days_paragraphs_and_distinct_articles(matches: list[tuple[int, int]]) -> None:
    """As counted in plain Python: an article matching twice on a day, days before 1970, undated,
    an article on several days."""
    _assert_counted_as_in_python(matches)


@given(st.lists(st.integers(0, 40), max_size=80), st.integers(-3, 3))
def test_count_days_of_articles_each_on_their_own_day(articles: list[int], shift: int) -> None:
    """As an index has them (every paragraph of an article on its day), in any order."""
    _assert_counted_as_in_python([(UNDATED_DAY if article == 0 else article // 3 * shift, article)
                                  for article in articles])


def _assert_counted_as_in_python(matches: list[tuple[int, int]]) -> None:
    by_day: dict[int, list[int]] = {}
    for day, article in matches:
        by_day.setdefault(day, []).append(article)
    expected = [DayCount(published_date(day), len(articles), len(set(articles)))
                for day, articles in sorted(by_day.items())]
    assert count_days([day for day, _ in matches], [article for _, article in matches]) == expected
