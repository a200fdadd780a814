"""VAT obligations: a VRN's own (quarters since the start of last year, fulfilled once a return
for the period key is submitted) or the canned sets HMRC's Gov-Test-Scenario values name."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sandboxes.hmrc.state import VatAccount
from sandboxes.hmrc.vat.periods import Period, month, quarter, quarters_between

MONTHLY_OPEN = re.compile(r"MONTHLY_OBS_(0[1-9]|1[0-2])_OPEN")
QUARTERLY_OPEN = re.compile(r"QUARTERLY_OBS_(0[1-4])_OPEN")
COUNTS = {"NONE": 0, "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4}


def obligation_json(period: Period, received: date | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "due": period.due.isoformat(),
        "status": "F" if received else "O",
        "periodKey": period.key,
    }
    if received:
        body["received"] = received.isoformat()
    return body


def _fulfilled_first(periods: list[Period], fulfilled: int) -> list[dict[str, Any]]:
    """The first `fulfilled` periods met a day before they were due, the rest open."""
    return [
        obligation_json(p, p.due - timedelta(days=1) if i < fulfilled else None)
        for i, p in enumerate(periods)
    ]


def _scenario_periods(scenario: str) -> list[dict[str, Any]] | None:
    quarters_2017 = [quarter(2017, q) for q in range(1, 5)]
    months_2017 = [month(2017, m) for m in range(1, 4)]
    if scenario.startswith("QUARTERLY_") and scenario.endswith("_MET"):
        return _fulfilled_first(quarters_2017, COUNTS[scenario.split("_")[1]])
    if scenario.startswith("MONTHLY_") and scenario.endswith("_MET"):
        return _fulfilled_first(months_2017, COUNTS[scenario.split("_")[1]])
    if match := MONTHLY_OPEN.fullmatch(scenario):
        open_month = int(match[1])
        return _fulfilled_first([month(2018, m) for m in range(1, open_month + 1)], open_month - 1)
    if match := QUARTERLY_OPEN.fullmatch(scenario):
        open_quarter = int(match[1])
        periods = [quarter(2018, q) for q in range(1, open_quarter + 1)]
        return _fulfilled_first(periods, open_quarter - 1)
    if scenario == "MONTHLY_OBS_12_FULFILLED":
        return _fulfilled_first([month(2018, m) for m in range(1, 13)], 12)
    if scenario == "QUARTERLY_OBS_04_FULFILLED":
        return _fulfilled_first([quarter(2018, q) for q in range(1, 5)], 4)
    if scenario == "MULTIPLE_OPEN_MONTHLY":
        return _fulfilled_first([month(2018, m) for m in range(1, 5)], 2)
    if scenario == "MULTIPLE_OPEN_QUARTERLY":
        return _fulfilled_first([quarter(2018, q) for q in range(1, 4)], 1)
    if scenario == "OBS_SPANS_MULTIPLE_YEARS":
        spanning = Period("18AZ", date(2018, 11, 1), date(2019, 1, 31))
        return [obligation_json(spanning, None)]
    return None


SCENARIOS_WITH_DATA = frozenset(
    [f"QUARTERLY_{n}_MET" for n in COUNTS]
    + [f"MONTHLY_{n}_MET" for n in ("NONE", "ONE", "TWO", "THREE")]
    + [f"MONTHLY_OBS_{m:02d}_OPEN" for m in range(1, 13)]
    + [f"QUARTERLY_OBS_{q:02d}_OPEN" for q in range(1, 5)]
    + ["MONTHLY_OBS_12_FULFILLED", "QUARTERLY_OBS_04_FULFILLED"]
    + ["MULTIPLE_OPEN_MONTHLY", "MULTIPLE_OPEN_QUARTERLY", "OBS_SPANS_MULTIPLE_YEARS"]
)


def scenario_obligations(scenario: str) -> list[dict[str, Any]] | None:
    """HMRC's canned obligations for `scenario`; None when it is not one of them."""
    return _scenario_periods(scenario) if scenario in SCENARIOS_WITH_DATA else None


def account_obligations(account: VatAccount, today: date) -> list[dict[str, Any]]:
    """The VRN's quarters from 1 January last year to the current one.

    HMRC's default sandbox answer is a fixed 2017 set; the sandbox keeps real state
    instead (the 2017 set is QUARTERLY_ONE_MET), so a submitted return fulfils its period.
    """
    periods = quarters_between(date(today.year - 1, 1, 1), today)
    return [
        obligation_json(p, account.returns[p.key].received if p.key in account.returns else None)
        for p in periods
    ]
