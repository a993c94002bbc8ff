"""Reading the dates people type: ISO (``2024-06-21``, ``2024-06``, ``2024``) and German
(``21.06.2024``, ``06.2024``, ``21. Juni 2024``, ``Juni 2024``), as the bounds of a period.

A date names a period (a day, a month, a year): ``--since`` starts at its beginning, ``--until``
ends at its end, so ``--until "Juni 2024"`` includes the 30th of June.
"""
from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from indexer.errors import QueryError

__all__ = ["GERMAN_MONTHS", "parse_period"]

GERMAN_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}

_ISO_RE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")
_GERMAN_NUMERIC_RE = re.compile(r"(?:(?P<d>\d{1,2})\.)?(?P<m>\d{1,2})\.(?P<y>\d{4})")
_GERMAN_WORDS_RE = re.compile(r"(?:(?P<d>\d{1,2})\.?\s*)?(?P<month>[^\W\d_]+)\.?\s+(?P<y>\d{4})")


def parse_period(text: str) -> tuple[datetime, datetime]:
    """The first and last moment of the day, month or year that ``text`` names.

    >>> parse_period("Juni 2024")
    (datetime.datetime(2024, 6, 1, 0, 0), datetime.datetime(2024, 6, 30, 23, 59, 59, 999999))
    >>> parse_period("21.06.2024")[0]
    datetime.datetime(2024, 6, 21, 0, 0)
    """
    cleaned = " ".join(text.strip().split())
    year = month = day = None
    for pattern in (_ISO_RE, _GERMAN_NUMERIC_RE):
        match = pattern.fullmatch(cleaned)
        if match:
            year, month, day = match["y"], match["m"], match["d"]
            break
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
        if month is None:
            start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
        elif day is None:
            start = datetime(year, month, 1)
            end = start + timedelta(days=calendar.monthrange(year, month)[1])
        else:
            start = datetime(year, month, day)
            end = start + timedelta(days=1)
    except ValueError:
        raise QueryError(f"there is no such date as {text!r}") from None
    return start, end - timedelta(microseconds=1)
