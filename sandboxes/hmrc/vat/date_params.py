"""The from/to/status query parameters of obligations, liabilities and payments, checked as
hmrc/vat-api checks them. Each check answers the first problem as (code, message), or the
dates it read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from starlette.datastructures import QueryParams

# vat-api's FinancialDataDateFormatValidation. The OAS text says liabilities and payments
# start at 2017-12-01, but its own test scenarios use 2017 dates, as the service does.
EARLIEST_FINANCIAL_DATE = date(2016, 4, 6)

INVALID_FROM = ("INVALID_DATE_FROM", "The provided from date is invalid")
INVALID_TO = ("INVALID_DATE_TO", "The provided to date is invalid")
INVALID_RANGE = ("INVALID_DATE_RANGE", "Invalid date range, must be 366 days or less")
INVALID_STATUS = ("INVALID_STATUS", "The provided data is failed validation, invalid status")
MISSING_RANGE = ("MISSING_DATE_RANGE", "Missing date range")
FINANCIAL_FROM = ("DATE_FROM_INVALID", "The provided from date is invalid")
FINANCIAL_TO = ("DATE_TO_INVALID", "The provided to date is invalid")
FINANCIAL_RANGE = ("DATE_RANGE_INVALID", "Invalid date range, must be 365 days or less")

Problem = tuple[str, str]


@dataclass(frozen=True)
class DateRange:
    first: date
    last: date


@dataclass(frozen=True)
class ObligationQuery:
    first: date | None
    last: date | None
    status: str | None


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None


def _one_year(first: date, last: date, *, days: int) -> bool:
    return first < last and (last - first).days <= days


def obligation_query(params: QueryParams) -> ObligationQuery | Problem:
    raw_from, raw_to, status = params.get("from"), params.get("to"), params.get("status")
    if status is not None and status not in ("O", "F"):
        return INVALID_STATUS
    if raw_from is None and raw_to is None:
        # Dates are mandatory unless only open obligations are asked for.
        if status == "O":
            return ObligationQuery(None, None, status)
        return MISSING_RANGE if status == "F" else INVALID_FROM
    first, last = _date(raw_from), _date(raw_to)
    if first is None:
        return INVALID_FROM
    if last is None:
        return INVALID_TO
    if not _one_year(first, last, days=366):
        return INVALID_RANGE
    return ObligationQuery(first, last, status)


def financial_range(params: QueryParams, today: date) -> DateRange | Problem:
    first, last = _date(params.get("from")), _date(params.get("to"))
    if first is None or first < EARLIEST_FINANCIAL_DATE:
        return FINANCIAL_FROM
    if last is None or last > today:
        return FINANCIAL_TO
    if not _one_year(first, last, days=364):
        return FINANCIAL_RANGE
    return DateRange(first, last)
