"""An officer's appointments across the register (GET /officers/{officer_id}/appointments)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sandboxes.companies_house.records import CompanyRecord, officer_id_of
from sandboxes.companies_house.seed_rows import CompanyRow, Person, extra_officers

# What an appointment summary repeats from the company's officer list item.
COPIED = (
    "officer_role",
    "appointed_on",
    "resigned_on",
    "address",
    "nationality",
    "occupation",
    "country_of_residence",
)


@dataclass
class OfficerAppointments:
    person: Person
    items: list[dict[str, Any]] = field(default_factory=list)

    def envelope(self, officer_id: str) -> dict[str, Any]:
        """The list resource without its page of items."""
        resigned = sum(1 for item in self.items if "resigned_on" in item)
        path = f"/officers/{officer_id}/appointments"
        return {
            "kind": "personal-appointment",
            "name": f"{self.person.forename} {self.person.surname.upper()}",
            "date_of_birth": {"month": self.person.born[1], "year": self.person.born[0]},
            "is_corporate_officer": False,
            # officerLinkTypes names the list "appointments"; live answers call it "self".
            "links": {"self": path, "appointments": path},
            "total_results": len(self.items),
            "active_count": len(self.items) - resigned,
            "resigned_count": resigned,
            "inactive_count": 0,
        }


def appointments_by_officer(
    rows: Iterable[CompanyRow], companies: dict[str, CompanyRecord]
) -> dict[str, OfficerAppointments]:
    found: dict[str, OfficerAppointments] = {}
    for row in rows:
        # build_company serves a row's officers in this order: its people, then extras.
        people = (*row.people, *extra_officers(row))
        for person, officer in zip(people, companies[row.number].officers, strict=True):
            entry = found.setdefault(officer_id_of(person), OfficerAppointments(person))
            entry.items.append(_summary(row, person, officer))
    return found


def _summary(row: CompanyRow, person: Person, officer: dict[str, Any]) -> dict[str, Any]:
    summary: dict[str, Any] = {key: officer[key] for key in COPIED if key in officer}
    summary["name"] = f"{person.forename} {person.surname.upper()}"
    summary["name_elements"] = {
        "title": person.title,
        "forename": person.forename,
        "surname": person.surname.upper(),
    }
    summary["appointed_to"] = {
        "company_number": row.number,
        "company_name": row.name,
        "company_status": row.status,
    }
    summary["links"] = {"company": f"/company/{row.number}"}
    return summary
