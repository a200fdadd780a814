"""Contract: every resource the Companies House sandbox serves, for every seeded company,
validates against the published JSON schemas, and the seed uses the real enumerations."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
import yaml

from sandboxes.common.server import RunningSandbox
from sandboxes.companies_house.seed_rows import COMPANIES
from sandboxes.testing import start_sandbox
from tests.py.sandboxes.companies_house_client import CompaniesHouseClient
from tests.py.sandboxes.companies_house_schemas import ENUMERATIONS, errors, schema

NUMBERS = [row.number for row in COMPANIES]
# The live service files confirmation statements, gazette notices and strike-off
# applications under these categories; the schema's category enum predates them.
LIVE_ONLY_FILING_CATEGORIES = ["confirmation-statement", "gazette", "dissolution"]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("companies_house", limits_enabled=False) as running:
        yield running


@pytest.fixture(scope="module")
def ch(sandbox: RunningSandbox) -> CompaniesHouseClient:
    return CompaniesHouseClient(sandbox)


@cache
def _enumerations(file: str) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when built
    loaded: dict[str, Any] = yaml.load((ENUMERATIONS / file).read_text(), Loader=loader)  # noqa: S506
    return loaded


def _enumeration(file: str, section: str) -> set[str]:
    return {str(key) for key in _enumerations(file)[section]}


def _filing_item_overrides() -> dict[str, Any]:
    properties = dict(schema("filinghistoryitem")["properties"])
    category = dict(properties["category"])
    category["enum"] = [*category["enum"], *LIVE_ONLY_FILING_CATEGORIES]
    properties["category"] = category
    return {"properties": properties}


def _appointment_overrides() -> dict[str, Any]:
    """officerAppointmentSummary's role enum lacks roles that officerSummary and
    constants.yml (officer_role) have, e.g. general partners and persons authorised to
    represent an overseas company; roles are checked against constants.yml instead."""
    properties = dict(schema("officerappointmentsummary")["properties"])
    roles = sorted(_enumeration("constants.yml", "officer_role"))
    properties["officer_role"] = {**properties["officer_role"], "enum": roles}
    return {"properties": properties}


@pytest.mark.parametrize("number", NUMBERS)
def test_company_profile_matches_schema(ch: CompaniesHouseClient, number: str) -> None:
    assert errors("companyprofile", ch.json(f"/company/{number}")) == []


@pytest.mark.parametrize("number", NUMBERS)
def test_registered_office_address_matches_schema(ch: CompaniesHouseClient, number: str) -> None:
    address = ch.json(f"/company/{number}/registered-office-address")
    assert errors("registeredofficeaddress", address) == []


@pytest.mark.parametrize("number", ["03456789", "07777123", "09345678", "11555666"])
def test_insolvency_matches_schema(ch: CompaniesHouseClient, number: str) -> None:
    assert errors("companyinsolvency", ch.json(f"/company/{number}/insolvency")) == []


@pytest.mark.parametrize("number", NUMBERS)
def test_officer_list_matches_schema(ch: CompaniesHouseClient, number: str) -> None:
    assert errors("officerlist", ch.json(f"/company/{number}/officers")) == []


@pytest.mark.parametrize("number", NUMBERS)
def test_officer_appointment_lists_match_schema(ch: CompaniesHouseClient, number: str) -> None:
    for officer in ch.json(f"/company/{number}/officers", items_per_page=100)["items"]:
        listing = ch.json(officer["links"]["officer"]["appointments"])
        assert errors("appointmentlist", {**listing, "items": []}) == [], listing
        for item in listing["items"]:
            assert errors("officerappointmentsummary", item, **_appointment_overrides()) == []


@pytest.mark.parametrize("number", NUMBERS)
def test_filing_history_matches_schema(ch: CompaniesHouseClient, number: str) -> None:
    body = ch.json(f"/company/{number}/filing-history", items_per_page=100)
    item_overrides = _filing_item_overrides()
    assert errors("filinghistorylist", {**body, "items": []}) == []
    for item in body["items"]:
        assert errors("filinghistoryitem", item, **item_overrides) == [], item
        single = ch.json(f"/company/{number}/filing-history/{item['transaction_id']}")
        assert single == item


@pytest.mark.parametrize("number", NUMBERS)
def test_psc_items_match_schema(ch: CompaniesHouseClient, number: str) -> None:
    """The specs folder has no schema for the PSC list (pscModels.json#/definitions/list);
    notificationlist.json describes the same items, and its member definitions are checked
    here without its `required` list, which belongs to the notification resource."""
    body = ch.json(f"/company/{number}/persons-with-significant-control")
    item_schema = {**schema("notificationlist")["properties"]["items"]["items"], "required": []}
    for item in body["items"]:
        assert errors("notificationlist", item, **item_schema) == [], item
    assert set(body) >= {"items", "items_per_page", "start_index", "total_results", "links"}
    assert body["active_count"] + body["ceased_count"] == body["total_results"]


@pytest.mark.parametrize("query", ["limited", "llp", "SC123456", "partnership", "digital"])
def test_search_results_match_schema(ch: CompaniesHouseClient, query: str) -> None:
    body = ch.json("/search/companies", q=query)
    assert body["items"], query
    assert errors("companysearch", body) == []
    for item in body["items"]:
        assert errors("companysearchitems", item) == [], item


def test_seed_uses_the_published_enumerations() -> None:
    types = _enumeration("constants.yml", "company_type")
    statuses = _enumeration("constants.yml", "company_status")
    details = _enumeration("constants.yml", "company_status_detail")
    jurisdictions = _enumeration("constants.yml", "jurisdiction")
    sic_codes = _enumeration("constants.yml", "sic_descriptions")
    roles = _enumeration("constants.yml", "officer_role")
    account_types = _enumeration("constants.yml", "account_type")
    subtypes = _enumeration("constants.yml", "company_subtype")
    natures = _enumeration("psc_descriptions.yml", "description")
    for row in COMPANIES:
        assert row.type in types, row.number
        assert row.status in statuses, row.number
        assert row.status_detail is None or row.status_detail in details, row.number
        assert row.jurisdiction in jurisdictions, row.number
        assert set(row.sic) <= sic_codes, row.number
        assert row.accounts_type in account_types, row.number
        assert row.subtype is None or row.subtype in subtypes, row.number
        for person in row.people:
            assert person.role in roles, (row.number, person.surname)
            assert set(person.control) <= natures, (row.number, person.surname)
        for owner in row.owners:
            assert set(owner.control) <= natures, (row.number, owner.name)


def test_filing_descriptions_are_published_keys(ch: CompaniesHouseClient) -> None:
    descriptions = _enumeration("filing_history_descriptions.yml", "description")
    for number in NUMBERS:
        body = ch.json(f"/company/{number}/filing-history", items_per_page=100)
        assert {item["description"] for item in body["items"]} <= descriptions, number


def test_seed_covers_every_kind_of_register_entry() -> None:
    prefixes = {row.number[:2] for row in COMPANIES if not row.number.isdigit()}
    assert prefixes >= {"SC", "SO", "SL", "NI", "NC", "OC", "FC", "LP"}
    assert {row.status for row in COMPANIES} >= {"active", "dissolved", "liquidation"}
    assert {row.type for row in COMPANIES} >= {"ltd", "plc", "llp", "oversea-company"}
    assert len(COMPANIES) >= 30
