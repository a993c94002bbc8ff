"""Dates as people type them, as periods."""
from __future__ import annotations

from datetime import datetime

import pytest

from indexer import QueryError
from queries.dates import parse_period

END_OF_DAY = (23, 59, 59, 999999)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024-06-21", datetime(2024, 6, 21), datetime(2024, 6, 21, *END_OF_DAY)),
        ("21.06.2024", datetime(2024, 6, 21), datetime(2024, 6, 21, *END_OF_DAY)),
        ("1.6.2024", datetime(2024, 6, 1), datetime(2024, 6, 1, *END_OF_DAY)),
        ("2024-06", datetime(2024, 6, 1), datetime(2024, 6, 30, *END_OF_DAY)),
        ("06.2024", datetime(2024, 6, 1), datetime(2024, 6, 30, *END_OF_DAY)),
        ("Juni 2024", datetime(2024, 6, 1), datetime(2024, 6, 30, *END_OF_DAY)),
        ("juni 2024", datetime(2024, 6, 1), datetime(2024, 6, 30, *END_OF_DAY)),
        ("21. Juni 2024", datetime(2024, 6, 21), datetime(2024, 6, 21, *END_OF_DAY)),
        ("3. März 2024", datetime(2024, 3, 3), datetime(2024, 3, 3, *END_OF_DAY)),
        ("Feb. 2024", datetime(2024, 2, 1), datetime(2024, 2, 29, *END_OF_DAY)),
        ("Dezember 2023", datetime(2023, 12, 1), datetime(2023, 12, 31, *END_OF_DAY)),
        ("2024", datetime(2024, 1, 1), datetime(2024, 12, 31, *END_OF_DAY)),
        ("  2024-06-21 ", datetime(2024, 6, 21), datetime(2024, 6, 21, *END_OF_DAY)),
        # Two-digit years, as German dates are often written (strptime's %y: 69 and on are 19xx).
        ("21.06.24", datetime(2024, 6, 21), datetime(2024, 6, 21, *END_OF_DAY)),
        ("1.1.70", datetime(1970, 1, 1), datetime(1970, 1, 1, *END_OF_DAY)),
        # The ISO value --json prints, and the same with seconds: that minute or second.
        ("2024-06-21T09:28", datetime(2024, 6, 21, 9, 28), datetime(2024, 6, 21, 9, 28, 59, 999999)),
        ("2024-06-21 09:28:30", datetime(2024, 6, 21, 9, 28, 30), datetime(2024, 6, 21, 9, 28, 30, 999999)),
        # Any year up to 9999 (the end of 9999 has no next year to count back from).
        ("9999", datetime(9999, 1, 1), datetime(9999, 12, 31, *END_OF_DAY)),
        ("12.9999", datetime(9999, 12, 1), datetime(9999, 12, 31, *END_OF_DAY)),
    ],
)
def test_periods(text: str, start: datetime, end: datetime) -> None:
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("gestern", "cannot read the date 'gestern': write it like 2024-06-21, 21.06.2024, Juni 2024, 2024-06 or 2024"),
        ("Juno 2024",
         "cannot read the date 'Juno 2024': write it like 2024-06-21, 21.06.2024, Juni 2024, 2024-06 or 2024"),
        ("", "cannot read the date '': write it like 2024-06-21, 21.06.2024, Juni 2024, 2024-06 or 2024"),
        ("31.02.2024", "there is no such date as '31.02.2024'"),
        ("2024-13", "there is no such date as '2024-13'"),
        ("2024-06-21T25:00", "there is no such date as '2024-06-21T25:00'"),
        ("06.24", "cannot read the date '06.24': write it like 2024-06-21, 21.06.2024, Juni 2024, 2024-06 or 2024"),
    ],
)
def test_unreadable_dates(text: str, message: str) -> None:
    with pytest.raises(QueryError) as excinfo:
        parse_period(text)
    assert str(excinfo.value) == message
