"""A company's statutory calendar: accounting periods and confirmation statements, derived
from its incorporation date the way the Companies Act sets them (accounting reference date
at the end of the month of incorporation; accounts due 9 months after the period end, 6 for
a plc; a confirmation statement every 12 months, due 14 days after its made-up date)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sandboxes.companies_house.seed_rows import CompanyRow

# Confirmation statements replaced annual returns on 30 June 2016.
CONFIRMATION_STATEMENTS_FROM = date(2016, 6, 30)


def add_months(value: date, months: int) -> date:
    """`value` moved by whole months, clamped to the month's last day."""
    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class AccountsPeriod:
    start: date
    end: date
    due: date

    @property
    def filed_on(self) -> date:
        return self.due - timedelta(days=30)


class Timeline:
    def __init__(self, row: CompanyRow, today: date) -> None:
        self.row = row
        self.created = date.fromisoformat(row.created)
        self.today = today
        # Filings stop when the company stopped trading on the register.
        stops = [today]
        stops += [date.fromisoformat(d) for d in (row.ceased, row.insolvent_on) if d]
        self.last_day = min(stops)
        self._months_to_file = 6 if row.type == "plc" else 9

    def _period(self, index: int) -> AccountsPeriod:
        first_end = month_end(self.created.year + 1, self.created.month)
        end = month_end(first_end.year + index, first_end.month)
        start = self.created if index == 0 else month_end(end.year - 1, end.month) + timedelta(1)
        return AccountsPeriod(start, end, add_months(end, self._months_to_file))

    def filed_accounts(self) -> list[AccountsPeriod]:
        periods: list[AccountsPeriod] = []
        while (period := self._period(len(periods))).filed_on < self.last_day:
            periods.append(period)
        return periods

    def accounts_json(self) -> dict[str, Any]:
        filed = self.filed_accounts()
        upcoming = self._period(len(filed))
        accounts: dict[str, Any] = {
            # Live responses carry day and month as strings ("31"); the published
            # accountingReferenceDate schema says integer, which is followed here.
            "accounting_reference_date": {"day": upcoming.end.day, "month": upcoming.end.month},
            "next_made_up_to": upcoming.end.isoformat(),
            "next_due": upcoming.due.isoformat(),
            "overdue": self._overdue(upcoming.due),
            "next_accounts": {
                "period_start_on": upcoming.start.isoformat(),
                "period_end_on": upcoming.end.isoformat(),
                "due_on": upcoming.due.isoformat(),
                "overdue": self._overdue(upcoming.due),
            },
        }
        if filed:
            last = filed[-1]
            accounts["last_accounts"] = {
                "made_up_to": last.end.isoformat(),
                "period_start_on": last.start.isoformat(),
                "period_end_on": last.end.isoformat(),
                "type": self.row.accounts_type,
            }
        return accounts

    def statement_dates(self) -> list[date]:
        """Made-up dates of the annual returns / confirmation statements filed so far."""
        dates: list[date] = []
        while (made_up := add_months(self.created, 12 * (len(dates) + 1))) < self.last_day:
            dates.append(made_up)
        return dates

    def confirmation_statement_json(self) -> dict[str, Any]:
        made = self.statement_dates()
        next_made_up_to = add_months(self.created, 12 * (len(made) + 1))
        next_due = next_made_up_to + timedelta(days=14)
        statement: dict[str, Any] = {
            "next_made_up_to": next_made_up_to.isoformat(),
            "next_due": next_due.isoformat(),
            "overdue": self._overdue(next_due),
        }
        if made:
            statement["last_made_up_to"] = made[-1].isoformat()
        return statement

    def _overdue(self, due: date) -> bool:
        return self.row.status == "active" and due < self.today
