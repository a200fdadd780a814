"""What the sandbox holds for a PAYE scheme, opened on first use of its employer reference.

HMRC's own sandbox serves fixed 2014-2017 sets, which its default date range (the last six
years) no longer reaches; the sandbox instead seeds each scheme relative to today, as it
does for VAT: one Employer Payment Summary per tax month of the previous and the current
tax year up to the latest one due (levy due year to date rising by LEVY_PER_MONTH a month,
the year's allowance, one month with no payment), two fraction calculations (15 March of
the last two years) and two employees. Declaration ids follow HMRC's scheme: the EPS
submission id times ten plus the entry type (0 no payment, 1 inactive, 2 levy, 3 ceased).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

LEVY_PER_MONTH = Decimal("250.00")
ALLOWANCE = Decimal(15000)
NO_PAYMENT_MONTH = 6  # of the previous tax year
FIRST_SUBMISSION_ID = 10001
EMPLOYEES = frozenset({"AA123456A", "AB654321C"})
FRACTIONS = (Decimal("0.83"), Decimal("0.78"))  # the latest calculation first


@dataclass
class LevyScheme:
    empref: str
    employer_name: str
    declarations: list[dict[str, Any]] = field(default_factory=list)
    fraction_calculations: list[dict[str, Any]] = field(default_factory=list)
    employees: frozenset[str] = EMPLOYEES


def tax_year_start(day: date) -> int:
    return day.year if day >= date(day.year, 4, 6) else day.year - 1


def _submitted(start_year: int, month: int) -> date:
    """The EPS for tax month `month` (1 = April) is sent on the 14th after the period ends
    (the period runs to the 5th of the next calendar month)."""
    calendar = 4 + month  # the calendar month the period ends in (may pass December)
    return date(start_year + (calendar - 1) // 12, (calendar - 1) % 12 + 1, 14)


def seeded_scheme(empref: str, today: date) -> LevyScheme:
    scheme = LevyScheme(empref, f"Sandbox Employer {empref}")
    current = tax_year_start(today)
    submission_id = FIRST_SUBMISSION_ID
    for start_year in (current - 1, current):
        year = f"{start_year % 100:02d}-{(start_year + 1) % 100:02d}"
        for month in range(1, 13):
            sent = _submitted(start_year, month)
            if sent > today:
                break
            entry: dict[str, Any] = {
                "submissionId": submission_id,
                "submissionTime": datetime.combine(sent, time(16, 5, 23)).isoformat() + ".000",
                "payrollPeriod": {"year": year, "month": month},
            }
            if start_year < current and month == NO_PAYMENT_MONTH:
                entry |= {"id": submission_id * 10, "noPaymentForPeriod": True}
            else:
                entry |= {
                    "id": submission_id * 10 + 2,
                    "levyDueYTD": LEVY_PER_MONTH * month,
                    "levyAllowanceForFullYear": ALLOWANCE,
                }
            scheme.declarations.append(entry)
            submission_id += 1
    scheme.declarations.reverse()  # newest first, as HMRC lists them
    latest = today.year if today >= date(today.year, 3, 15) else today.year - 1
    scheme.fraction_calculations = [
        {
            "calculatedAt": date(latest - n, 3, 15).isoformat(),
            "fractions": [{"region": "England", "value": value}],
        }
        for n, value in enumerate(FRACTIONS)
    ]
    return scheme
