"""What the Companies House sandbox holds: the seeded register, rebuilt on every reset."""

from __future__ import annotations

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

    def snapshot(self) -> Any:
        return {"companies": {n: record.as_json() for n, record in self.companies.items()}}
