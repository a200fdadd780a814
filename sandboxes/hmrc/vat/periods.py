"""VAT periods and their period keys.

Quarterly keys are `<yy>A<q>` and monthly keys `<yy>A<letter>` (January = D), the pattern
HMRC's examples use, where 2017's first quarter is 18A1 and January 2017 is 18AD.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, cached_property

QUARTER_KEY = re.compile(r"(\d{2})A([1-4])")


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date

    @cached_property
    def due(self) -> date:
        """One calendar month and seven days after the period ends."""
        month = self.end.month % 12 + 1
        year = self.end.year + (self.end.month == 12)
        return date(year, month, calendar.monthrange(year, month)[1]) + timedelta(days=7)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@cache  # periods are looked up on every obligations call
def quarter(year: int, number: int) -> Period:
    first_month = 3 * number - 2
    return Period(
        f"{(year + 1) % 100:02d}A{number}",
        date(year, first_month, 1),
        _month_end(year, first_month + 2),
    )


@cache
def month(year: int, number: int) -> Period:
    return Period(
        f"{(year + 1) % 100:02d}A{chr(ord('C') + number)}",
        date(year, number, 1),
        _month_end(year, number),
    )


def quarter_of_key(key: str) -> Period | None:
    """The quarter a sandbox-issued quarterly key names, if it is one."""
    match = QUARTER_KEY.fullmatch(key)
    if match is None:
        return None
    return quarter(2000 + int(match[1]) - 1, int(match[2]))


def quarters_between(first: date, last: date) -> list[Period]:
    """Calendar quarters from the one holding `first` to the one holding `last`."""
    periods = []
    year, number = first.year, (first.month - 1) // 3 + 1
    while (year, number) <= (last.year, (last.month - 1) // 3 + 1):
        periods.append(quarter(year, number))
        year, number = (year, number + 1) if number < 4 else (year + 1, 1)
    return periods
