"""Liabilities and payments: a VRN's own (a submitted return that leaves VAT to pay becomes a
liability) or the canned sets HMRC's Gov-Test-Scenario values name. Either way only items
whose `to` date (payments: received date) falls within the requested range are returned."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

DEBIT_CHARGE = "VAT Return Debit Charge"


def _liability(start: str, end: str, due: str, amount: float, outstanding: float) -> dict[str, Any]:
    return {
        "taxPeriod": {"from": start, "to": end},
        "type": DEBIT_CHARGE,
        "originalAmount": amount,
        "outstandingAmount": outstanding,
        "due": due,
    }


SCENARIO_LIABILITIES: dict[str, list[dict[str, Any]]] = {
    "SINGLE_LIABILITY": [_liability("2016-11-01", "2017-01-31", "2017-03-07", 463872.0, 0.0)],
    "MULTIPLE_LIABILITIES": [
        _liability("2017-04-01", "2017-06-30", "2017-08-07", 15.0, 0.0),
        _liability("2017-07-01", "2017-09-30", "2017-11-07", 1250.25, 500.0),
        _liability("2017-09-01", "2017-11-30", "2018-01-07", 3004.35, 3004.35),
    ],
    "SINGLE_LIABILITY_2018_19": [
        _liability("2017-11-01", "2018-01-31", "2018-03-07", 46387.2, 0.0)
    ],
    "MULTIPLE_LIABILITIES_2018_19": [
        _liability("2018-04-01", "2018-06-30", "2018-08-07", 6000.3, 100.51),
        _liability("2018-07-01", "2018-09-30", "2018-11-07", 4250.0, 4250.0),
        _liability("2018-09-01", "2018-11-30", "2019-01-07", 7200.1, 7200.1),
    ],
}
SCENARIO_PAYMENTS: dict[str, list[dict[str, Any]]] = {
    "SINGLE_PAYMENT": [{"amount": 463872.0, "received": "2017-01-31"}],
    "MULTIPLE_PAYMENTS": [
        {"amount": 15.0, "received": "2017-03-01"},
        {"amount": 750.25, "received": "2017-11-01"},
        {"amount": 500.0, "received": "2017-12-01"},
    ],
    "SINGLE_PAYMENT_2018_19": [{"amount": 46387.2, "received": "2018-01-31"}],
    "MULTIPLE_PAYMENTS_2018_19": [
        {"amount": 100.05, "received": "2018-04-06"},
        {"amount": 5899.79, "received": "2018-08-01"},
        {"amount": 4250.0, "received": "2018-11-05"},
    ],
}


def liability_date(liability: dict[str, Any]) -> str:
    tax_period: dict[str, str] | None = liability.get("taxPeriod")
    return tax_period["to"] if tax_period else str(liability["due"])


def payment_date(payment: dict[str, Any]) -> str:
    return str(payment["received"])


def within(
    items: list[dict[str, Any]], date_of: Callable[[dict[str, Any]], str], first: date, last: date
) -> list[dict[str, Any]]:
    return [item for item in items if first.isoformat() <= date_of(item) <= last.isoformat()]
