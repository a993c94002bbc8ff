"""Dates as German text writes them: ``21.06.2024``, ``21.06.24``, ``21. Juni 2024``, ``Juni 2024``,
``2024-06-21``, with a time (``09:28 Uhr``, ``2024-06-21T09:28``) where one follows.

:func:`dates_in` finds them in running text (an article's first lines: ``Stand: 21.06.2024 09:28
Uhr``); ``queries.dates`` reads a whole value typed by a user with the same month names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Iterator

__all__ = ["GERMAN_MONTHS", "FoundDate", "dates_in", "four_digit_year", "iso_moment"]

GERMAN_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}



def _time(prefix: str) -> str:
    """An optional time after a date (``09:28``, ``9.28 Uhr``), its groups named with ``prefix``."""
    return rf"(?:,?\s*(?:um\s+)?(?P<{prefix}h>\d{{1,2}})[:.](?P<{prefix}min>\d{{2}})(?:\s*Uhr)?)?"


_MONTH_NAMES = "|".join(sorted(GERMAN_MONTHS, key=len, reverse=True))
_DATE_RE = re.compile(
    r"(?<![\w.-])(?:"
    rf"(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?:[T ](?P<ih>\d{{2}}):(?P<imin>\d{{2}}))?"
    rf"|(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}|\d{{2}}(?!\d)){_time('n')}"
    rf"|(?P<wd>\d{{1,2}})\.\s*(?P<wm>{_MONTH_NAMES})\.?\s+(?P<wy>\d{{4}}){_time('w')}"
    r")(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: as written, and as ISO 8601 at the precision given (None when it
    names no real day, as ``31.02.2024``)."""

    text: str
    iso: str | None


def iso_moment(iso: str) -> datetime:
    """A date as :attr:`FoundDate.iso` writes it (and an article's ``published``: ISO 8601 at the
    precision given) as a datetime; a month alone means its first day.

    >>> iso_moment("2024-06"), iso_moment("2024-06-21T09:28")
    (datetime.datetime(2024, 6, 1, 0, 0), datetime.datetime(2024, 6, 21, 9, 28))
    """
    return datetime.fromisoformat(iso + "-01" if len(iso) == 7 else iso)


def four_digit_year(year: str) -> int:
    """A year as written: ``24`` is 2024 and ``70`` is 1970, as strptime's ``%y`` reads them.

    >>> four_digit_year("24"), four_digit_year("70"), four_digit_year("1999")
    (2024, 1970, 1999)
    """
    value = int(year)
    if len(year) > 2:
        return value
    return value + (2000 if value < 69 else 1900)


def dates_in(text: str) -> Iterator[FoundDate]:
    """The dates written in ``text``, in order.

    >>> [d.iso for d in dates_in("Stand: 21.06.2024 09:28 Uhr, zuvor am 3. März 2024 und 2024-02-30")]
    ['2024-06-21T09:28', '2024-03-03', None]
    """
    for match in _DATE_RE.finditer(text):
        if match["iy"]:
            year, month, day = int(match["iy"]), int(match["im"]), int(match["id"])
            hour, minute = match["ih"], match["imin"]
        elif match["y"]:
            year, month, day = four_digit_year(match["y"]), int(match["m"]), int(match["d"])
            hour, minute = match["nh"], match["nmin"]
        else:
            year, month, day = int(match["wy"]), GERMAN_MONTHS[match["wm"].lower()], int(match["wd"])
            hour, minute = match["wh"], match["wmin"]
        try:
            moment = datetime(year, month, day, int(hour or 0), int(minute or 0))
        except ValueError:
            yield FoundDate(match.group(), None)
            continue
        yield FoundDate(match.group(), moment.strftime("%Y-%m-%dT%H:%M" if hour else "%Y-%m-%d"))
