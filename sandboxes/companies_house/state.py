"""What the Companies House sandbox holds: the seeded register, rebuilt on every reset."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from sandboxes.common.state import SandboxState
from sandboxes.companies_house.appointments import OfficerAppointments, appointments_by_officer
from sandboxes.companies_house.config import CompaniesHouseConfig
from sandboxes.companies_house.records import CompanyRecord, build_company
from sandboxes.companies_house.seed_rows import COMPANIES, CompanyRow


class CompaniesHouseState(SandboxState[CompaniesHouseConfig]):
    companies: dict[str, CompanyRecord]
    rows: dict[str, CompanyRow]
    appointments: dict[str, OfficerAppointments]  # by officer id

    def seed(self) -> None:
        # Dates (accounts due, overdue flags) are relative to the day the sandbox starts.
        today = date.today()
        self.rows = {row.number: row for row in COMPANIES}
        self.companies = {row.number: build_company(row, today) for row in COMPANIES}
        self.appointments = appointments_by_officer(COMPANIES, self.companies)
        self.entities["companies"] = self.companies

    def change_company(
        self, number: str, *, name: str | None, status: str | None
    ) -> CompanyRecord | None:
        """The register changes company `number` (renamed, dissolved, ...): its resources,
        search entry and officers' appointments follow. None: no such company."""
        row = self.rows.get(number)
        if row is None:
            return None
        today = date.today()
        if name is not None and name != row.name:
            row = dataclasses.replace(row, name=name, previous_name=(row.name, today.isoformat()))
        if status is not None and status != row.status:
            ceased = today.isoformat() if status == "dissolved" else None
            row = dataclasses.replace(row, status=status, ceased=ceased)
        self.rows[number] = row
        self.companies[number] = build_company(row, today)
        self.appointments = appointments_by_officer(self.rows.values(), self.companies)
        return self.companies[number]

    def snapshot(self) -> Any:
        return {"companies": {n: record.as_json() for n, record in self.companies.items()}}
