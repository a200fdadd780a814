"""A seed row turned into the JSON resources the API serves: profile, officers, PSCs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sandboxes.companies_house.filings import filing_history
from sandboxes.companies_house.ids import etag, stable_id
from sandboxes.companies_house.seed_rows import (
    Address,
    CompanyRow,
    CorporateOwner,
    Person,
    extra_officers,
)
from sandboxes.companies_house.timeline import Timeline

# company_birth_type in constants.yml, as search descriptions spell it.
BIRTH_IDENTIFIER = {
    "limited-partnership": "registered-on",
    "oversea-company": "first-uk-establishment-opened-on",
}
PARTNERSHIP_TYPES = frozenset({"limited-partnership"})


@dataclass
class CompanyRecord:
    """Everything the sandbox holds about one company, as served."""

    profile: dict[str, Any]
    officers: list[dict[str, Any]]
    filings: list[dict[str, Any]]
    pscs: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "officers": self.officers,
            "filings": self.filings,
            "pscs": self.pscs,
        }


def build_company(row: CompanyRow, today: date) -> CompanyRecord:
    timeline = Timeline(row, today)
    officers = [_officer(row, person) for person in (*row.people, *extra_officers(row))]
    pscs = [_individual_psc(row, p) for p in row.people if p.control]
    pscs += [_corporate_psc(row, owner) for owner in row.owners]
    return CompanyRecord(
        profile=_profile(row, timeline, has_pscs=bool(pscs)),
        officers=officers,
        filings=filing_history(row, timeline),
        pscs=pscs,
    )


def address_json(address: Address) -> dict[str, str]:
    return {
        "premises": address.premises,
        "address_line_1": address.address_line_1,
        "locality": address.locality,
        "postal_code": address.postal_code,
        "country": address.country,
    }


def _profile(row: CompanyRow, timeline: Timeline, *, has_pscs: bool) -> dict[str, Any]:
    path = f"/company/{row.number}"
    links = {
        "self": path,
        "filing_history": f"{path}/filing-history",
        "officers": f"{path}/officers",
    }
    if has_pscs:
        links["persons_with_significant_control"] = f"{path}/persons-with-significant-control"
    if row.insolvent_on:
        links["insolvency"] = f"{path}/insolvency"
    profile: dict[str, Any] = {
        "company_name": row.name,
        "company_number": row.number,
        "type": row.type,
        "company_status": row.status,
        "date_of_creation": row.created,
        "jurisdiction": row.jurisdiction,
        "registered_office_address": address_json(row.address),
        "can_file": row.status == "active",
        "has_charges": False,
        "has_insolvency_history": row.insolvent_on is not None,
        "has_been_liquidated": row.insolvent_on is not None and row.status != "administration",
        "undeliverable_registered_office_address": False,
        "registered_office_is_in_dispute": False,
        "etag": etag(row.number, row.status),
        "links": links,
    }
    if row.sic:
        profile["sic_codes"] = list(row.sic)
    if row.status_detail:
        profile["company_status_detail"] = row.status_detail
    if row.ceased:
        profile["date_of_cessation"] = row.ceased
    if row.subtype:
        profile["subtype"] = row.subtype
    if row.previous_name:
        name, ceased_on = row.previous_name
        profile["previous_company_names"] = [
            {"name": name, "effective_from": row.created, "ceased_on": ceased_on}
        ]
    if row.foreign:
        profile["foreign_company_details"] = {
            "originating_registry": {"country": row.foreign.country, "name": row.foreign.registry},
            "registration_number": row.foreign.registration_number,
            "legal_form": row.foreign.legal_form,
            "governed_by": row.foreign.governed_by,
            "is_a_credit_finance_institution": False,
        }
        profile["external_registration_number"] = row.foreign.registration_number
    if row.type not in PARTNERSHIP_TYPES:
        profile["accounts"] = timeline.accounts_json()
        profile["confirmation_statement"] = timeline.confirmation_statement_json()
    return profile


def officer_id_of(person: Person) -> str:
    """One id per person across companies, as the register's officer ids are."""
    return stable_id("officer", person.surname, person.forename, str(person.born))


def display_name(person: Person) -> str:
    """Officer names as the register lists them: SURNAME, Forenames."""
    return f"{person.surname.upper()}, {person.forename}"


def _officer(row: CompanyRow, person: Person) -> dict[str, Any]:
    appointment = stable_id(row.number, person.surname, person.forename, person.role)
    officer_id = officer_id_of(person)
    item: dict[str, Any] = {
        "name": display_name(person),
        "officer_role": person.role,
        "appointed_on": person.appointed or row.created,
        "address": address_json(row.address),
        "etag": etag(appointment),
        "links": {
            "self": f"/company/{row.number}/appointments/{appointment}",
            "officer": {"appointments": f"/officers/{officer_id}/appointments"},
        },
    }
    if person.resigned:
        item["resigned_on"] = person.resigned
    if person.role != "secretary":  # secretaries' dates of birth are not published
        item["date_of_birth"] = {"month": person.born[1], "year": person.born[0]}
        item["nationality"] = person.nationality
        item["country_of_residence"] = row.address.country
    if person.occupation:
        item["occupation"] = person.occupation
    return item


def _psc_common(row: CompanyRow, kind: str, name: str, natures: tuple[str, ...]) -> dict[str, Any]:
    notification = stable_id("psc", row.number, name)
    path_kind = "individual" if kind.startswith("individual") else "corporate-entity"
    return {
        "kind": kind,
        "name": name,
        "notified_on": max(row.created, "2016-04-06"),  # the PSC register began 6 April 2016
        "natures_of_control": list(natures),
        "address": address_json(row.address),
        "etag": etag(notification),
        "links": {
            "self": f"/company/{row.number}/persons-with-significant-control/"
            f"{path_kind}/{notification}",
            "company": f"/company/{row.number}",
        },
    }


def _individual_psc(row: CompanyRow, person: Person) -> dict[str, Any]:
    name = f"{person.title} {person.forename} {person.surname}"
    psc = _psc_common(row, "individual-person-with-significant-control", name, person.control)
    psc["name_elements"] = {
        "title": person.title,
        "forename": person.forename,
        "surname": person.surname,
    }
    psc["nationality"] = person.nationality
    psc["country_of_residence"] = row.address.country
    psc["date_of_birth"] = {"month": person.born[1], "year": person.born[0]}
    if person.resigned:
        psc["ceased_on"] = person.resigned
    return psc


def _corporate_psc(row: CompanyRow, owner: CorporateOwner) -> dict[str, Any]:
    psc = _psc_common(
        row, "corporate-entity-person-with-significant-control", owner.name, owner.control
    )
    psc["identification"] = {
        "legal_authority": "Companies Act 2006",
        "legal_form": owner.legal_form,
        "place_registered": "Companies House",
        "registration_number": owner.registration_number,
        "country_registered": "England",
    }
    return psc


def search_description(row: CompanyRow) -> tuple[str, list[str]]:
    """The search result's description text and description_identifier list."""
    born = BIRTH_IDENTIFIER.get(row.type, "incorporated-on")
    created = date.fromisoformat(row.created)
    text = f"{row.number} - {born.replace('-', ' ').capitalize()} {_long_date(created)}"
    identifiers = [born]
    if row.status == "dissolved" and row.ceased:
        identifiers.append("dissolved-on")
        text += f" - Dissolved on {_long_date(date.fromisoformat(row.ceased))}"
    elif row.status in ("liquidation", "administration", "receivership"):
        identifiers.append(row.status)
    return text, identifiers


def _long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
