"""Reading the dates people type: ISO (``2024-06-21``, ``2024-06``, ``2024``, and with a time
``2024-06-21T09:28`` as ``--json`` prints it) and German (``21.06.2024``, ``21.06.24``,
``06.2024``, ``21. Juni 2024``, ``Juni 2024``), as the bounds of a period.

A date names a period (a minute, a day, a month, a year): ``--since`` starts at its beginning,
``--until`` ends at its end, so ``--until "Juni 2024"`` includes the 30th of June.
"""
from __future__ import annotations

import calendar
import re
from datetime import datetime

from indexer.errors import QueryError
from indexer.german.dates import GERMAN_MONTHS, four_digit_year

__all__ = ["check_order", "parse_period"]


_ISO_RE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
                     r"(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?)?)?")
# A two-digit year only with a day (21.06.24): 06.24 reads as a day and month.
_GERMAN_NUMERIC_RE = re.compile(r"(?:(?P<d>\d{1,2})\.)?(?P<m>\d{1,2})\.(?P<y>\d{4})|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\."
                                r"(?P<yy>\d{2})")
_GERMAN_WORDS_RE = re.compile(r"(?:(?P<d>\d{1,2})\.?\s*)?(?P<month>[^\W\d_]+)\.?\s+(?P<y>\d{4})")


def parse_period(text: str) -> tuple[datetime, datetime]:
    """The first and last moment of the day, month or year that ``text`` names.

    >>> parse_period("Juni 2024")
    (datetime.datetime(2024, 6, 1, 0, 0), datetime.datetime(2024, 6, 30, 23, 59, 59, 999999))
    >>> parse_period("21.06.24")[0], parse_period("2024-06-21T09:28")[1]
    (datetime.datetime(2024, 6, 21, 0, 0), datetime.datetime(2024, 6, 21, 9, 28, 59, 999999))
    """
    cleaned = " ".join(text.strip().split())
    year = month = day = time = None
    if match := _ISO_RE.fullmatch(cleaned):
        year, month, day = match["y"], match["m"], match["d"]
        if match["hour"] is not None:
            time = (match["hour"], match["minute"], match["second"])
    elif match := _GERMAN_NUMERIC_RE.fullmatch(cleaned):
        if match["yy"] is not None:
            year, month, day = four_digit_year(match["yy"]), match["m2"], match["d2"]
        else:
            year, month, day = match["y"], match["m"], match["d"]
    else:
        match = _GERMAN_WORDS_RE.fullmatch(cleaned)
        if match and match["month"].lower() in GERMAN_MONTHS:
            year, month, day = match["y"], GERMAN_MONTHS[match["month"].lower()], match["d"]
    if year is None:
        raise QueryError(
            f"cannot read the date {text!r}: write it like 2024-06-21, 21.06.2024, Juni 2024, 2024-06 or 2024"
        )
    year, month, day = int(year), int(month) if month else None, int(day) if day else None
    try:
        # The last moment is computed, not the next period's first: the year 9999 has no next.
        if month is None:
            start, last = datetime(year, 1, 1), datetime(year, 12, 31)
        elif day is None:
            start = datetime(year, month, 1)
            last = datetime(year, month, calendar.monthrange(year, month)[1])
        elif time is None:
            start = last = datetime(year, month, day)
        else:
            hour, minute, second = int(time[0]), int(time[1]), int(time[2]) if time[2] else None
            start = datetime(year, month, day, hour, minute, second or 0)
            return start, start.replace(second=59 if second is None else second, microsecond=999_999)
    except ValueError:
        raise QueryError(f"there is no such date as {text!r}") from None
    return start, last.replace(hour=23, minute=59, second=59, microsecond=999_999)


def check_order(start: datetime, end: datetime, start_text: str, end_text: str) -> None:
    """Refuse a period that ends before it starts (``--since 2025 --until 2019``,
    ``published:[2019 TO 2018]``): nothing could match, and an empty answer would hide the typo.

    >>> check_order(datetime(2025, 1, 1), datetime(2019, 12, 31), "--since 2025", "--until 2019")
    Traceback (most recent call last):
    indexer.errors.QueryError: --since 2025 is after --until 2019: nothing can match
    """
    if start > end:
        raise QueryError(f"{start_text} is after {end_text}: nothing can match")
