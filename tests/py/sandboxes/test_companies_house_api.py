"""Companies House sandbox behaviour over HTTP: authentication, resources, paging, search."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.testing import sandbox_requests, start_sandbox
from tests.py.sandboxes.companies_house_client import API_KEY, OTHER_KEY, CompaniesHouseClient

NOT_FOUND = {"errors": [{"error": "company-profile-not-found", "type": "ch:service"}]}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("companies_house", api_keys=[API_KEY, OTHER_KEY]) as running:
        yield running


@pytest.fixture(scope="module")
def ch(sandbox: RunningSandbox) -> CompaniesHouseClient:
    return CompaniesHouseClient(sandbox)


def _basic(username: str, password: str = "") -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


# --- authentication -------------------------------------------------------------------


def test_request_without_authorization_is_refused(sandbox: RunningSandbox) -> None:
    response = httpx.get(f"{sandbox.base_url}/company/09876543")
    assert response.status_code == 401
    assert response.json() == {"error": "Empty Authorization header", "type": "ch:service"}


@pytest.mark.parametrize(
    "headers",
    [
        _basic("not-a-registered-key"),
        {"Authorization": f"Bearer {API_KEY}"},
        {"Authorization": "Basic not base64!"},
        {"Authorization": f"Basic {base64.b64encode(API_KEY.encode()).decode()}x"},
    ],
    ids=["unknown key", "bearer scheme", "garbage", "bad padding"],
)
def test_invalid_authorization_is_refused(sandbox: RunningSandbox, headers: dict[str, str]) -> None:
    response = httpx.get(f"{sandbox.base_url}/company/09876543", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"error": "Invalid Authorization", "type": "ch:service"}


def test_api_key_is_the_basic_username_with_an_empty_password(sandbox: RunningSandbox) -> None:
    response = httpx.get(f"{sandbox.base_url}/company/09876543", headers=_basic(API_KEY))
    assert response.status_code == 200


def test_any_key_is_accepted_when_none_is_configured() -> None:
    with start_sandbox("companies_house") as open_sandbox:
        response = httpx.get(
            f"{open_sandbox.base_url}/company/09876543", headers=_basic("whatever-key")
        )
    assert response.status_code == 200


def test_api_key_is_redacted_in_the_request_log(
    sandbox: RunningSandbox, ch: CompaniesHouseClient
) -> None:
    ch.get("/company/09876543")
    logged = sandbox_requests(sandbox, last=1)[0]
    assert logged["headers"]["authorization"] == "Basic [REDACTED]"
    encoded = base64.b64encode(f"{API_KEY}:".encode()).decode()
    assert encoded not in str(sandbox_requests(sandbox))


# --- company profile ------------------------------------------------------------------


def test_company_profile(ch: CompaniesHouseClient) -> None:
    response = ch.get("/company/09876543")
    profile = response.json()
    assert profile["company_name"] == "BRIGHTWATER SOFTWARE LTD"
    assert profile["type"] == "ltd"
    assert profile["company_status"] == "active"
    assert profile["sic_codes"] == ["62012"]
    assert profile["links"]["officers"] == "/company/09876543/officers"
    assert response.headers["ETag"] == profile["etag"]


def test_dissolved_company_has_a_cessation_date_and_cannot_file(ch: CompaniesHouseClient) -> None:
    profile = ch.json("/company/10111213")
    assert profile["company_status"] == "dissolved"
    assert profile["date_of_cessation"] == "2021-10-12"
    assert profile["can_file"] is False


def test_company_in_liquidation_links_its_insolvency(ch: CompaniesHouseClient) -> None:
    profile = ch.json("/company/09345678")
    assert profile["company_status"] == "liquidation"
    assert profile["has_insolvency_history"] is True
    assert profile["links"]["insolvency"] == "/company/09345678/insolvency"


def test_insolvency_case_of_a_company_in_liquidation(ch: CompaniesHouseClient) -> None:
    profile = ch.json("/company/09345678")
    body = ch.json(profile["links"]["insolvency"])
    assert body["status"] == "liquidation"
    assert body["cases"][0]["type"] == "creditors-voluntary-liquidation"
    assert body["cases"][0]["dates"] == [{"type": "wound-up-on", "date": "2024-05-09"}]


def test_company_without_insolvency_history(ch: CompaniesHouseClient) -> None:
    response = ch.get("/company/09876543/insolvency")
    assert response.status_code == 404
    assert response.json() == {
        "errors": [{"error": "company-insolvencies-not-found", "type": "ch:service"}]
    }


def test_scottish_and_northern_irish_companies(ch: CompaniesHouseClient) -> None:
    assert ch.json("/company/SC123456")["jurisdiction"] == "scotland"
    assert ch.json("/company/NI612345")["jurisdiction"] == "northern-ireland"


def test_overseas_company_has_foreign_details(ch: CompaniesHouseClient) -> None:
    profile = ch.json("/company/FC031234")
    assert profile["type"] == "oversea-company"
    assert profile["foreign_company_details"]["originating_registry"]["country"] == "GERMANY"


def test_company_numbers_are_case_insensitive(ch: CompaniesHouseClient) -> None:
    assert ch.json("/company/sc123456")["company_number"] == "SC123456"


@pytest.mark.parametrize(
    "path",
    [
        "/company/99999999",
        "/company/99999999/officers",
        "/company/99999999/filing-history",
        "/company/99999999/persons-with-significant-control",
    ],
)
def test_unknown_company_is_the_documented_404(ch: CompaniesHouseClient, path: str) -> None:
    response = ch.get(path)
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


# --- officers -------------------------------------------------------------------------


def test_officers_are_paged(ch: CompaniesHouseClient) -> None:
    first = ch.json("/company/06543210/officers", items_per_page=10)
    second = ch.json("/company/06543210/officers", items_per_page=10, start_index=10)
    assert first["total_results"] == 40
    assert (first["items_per_page"], first["start_index"]) == (10, 0)
    assert len(first["items"]) == len(second["items"]) == 10
    names = {o["links"]["self"] for o in first["items"]} | {
        o["links"]["self"] for o in second["items"]
    }
    assert len(names) == 20
    assert first["active_count"] + first["resigned_count"] == 40


def test_officers_list_current_officers_first(ch: CompaniesHouseClient) -> None:
    items = ch.json("/company/06543210/officers", items_per_page=100)["items"]
    resigned_flags = ["resigned_on" in item for item in items]
    assert resigned_flags == sorted(resigned_flags)


def test_officers_ordered_by_surname(ch: CompaniesHouseClient) -> None:
    items = ch.json("/company/09876543/officers", order_by="surname")["items"]
    assert [item["name"] for item in items] == ["ELLIS, Tom", "OKAFOR, Daniel", "RAMAN, Priya"]


def test_page_size_is_capped_at_100(ch: CompaniesHouseClient) -> None:
    assert ch.json("/company/06543210/filing-history", items_per_page=500)["items_per_page"] == 100


@pytest.mark.parametrize("query", ["items_per_page=ten", "start_index=-1", "order_by=height"])
def test_invalid_list_parameter_is_a_400(ch: CompaniesHouseClient, query: str) -> None:
    response = ch.get(f"/company/06543210/officers?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["type"] == "ch:service"


def test_llp_members_and_secretaries_have_their_roles(ch: CompaniesHouseClient) -> None:
    roles = {o["officer_role"] for o in ch.json("/company/OC345678/officers")["items"]}
    assert roles == {"llp-designated-member", "llp-member"}
    secretary = [
        o
        for o in ch.json("/company/07654321/officers")["items"]
        if o["officer_role"] == "secretary"
    ]
    assert secretary and "date_of_birth" not in secretary[0]


# --- filing history -------------------------------------------------------------------


def test_filing_history_is_newest_first_and_paged(ch: CompaniesHouseClient) -> None:
    body = ch.json("/company/06543210/filing-history", items_per_page=5, start_index=5)
    dates = [item["date"] for item in body["items"]]
    assert dates == sorted(dates, reverse=True)
    assert body["total_count"] > 30
    assert body["start_index"] == 5 and len(body["items"]) == 5


def test_filing_history_category_filter(ch: CompaniesHouseClient) -> None:
    body = ch.json("/company/06543210/filing-history", category="accounts,officers")
    assert {item["category"] for item in body["items"]} == {"accounts", "officers"}


def test_filing_history_item_and_unknown_item(ch: CompaniesHouseClient) -> None:
    first = ch.json("/company/10111213/filing-history")["items"][0]
    assert first["description"] == "gazette-dissolved-voluntary"
    assert ch.json(f"/company/10111213/filing-history/{first['transaction_id']}") == first
    missing = ch.get("/company/10111213/filing-history/nope")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["type"] == "ch:service"


def test_liquidation_filings(ch: CompaniesHouseClient) -> None:
    body = ch.json("/company/09345678/filing-history", category="liquidation")
    assert {item["type"] for item in body["items"]} == {"600", "LIQ02"}


# --- persons with significant control -------------------------------------------------


def test_individual_pscs(ch: CompaniesHouseClient) -> None:
    body = ch.json("/company/09876543/persons-with-significant-control")
    assert [psc["name"] for psc in body["items"]] == ["Ms Priya Raman", "Mr Daniel Okafor"]
    assert body["items"][0]["natures_of_control"] == [
        "ownership-of-shares-50-to-75-percent",
        "voting-rights-50-to-75-percent",
    ]
    assert body["active_count"] == 2


def test_corporate_psc(ch: CompaniesHouseClient) -> None:
    item = ch.json("/company/12345678/persons-with-significant-control")["items"][0]
    assert item["kind"] == "corporate-entity-person-with-significant-control"
    assert item["identification"]["registration_number"] == "10987654"


# --- single resources the lists link to -----------------------------------------------


@pytest.mark.parametrize("number", ["06543210", "OC345678", "12345678", "FC031234"])
def test_every_officer_and_psc_link_resolves(ch: CompaniesHouseClient, number: str) -> None:
    officers = ch.json(f"/company/{number}/officers", items_per_page=100)["items"]
    pscs = ch.json(f"/company/{number}/persons-with-significant-control")["items"]
    for item in officers + pscs:
        assert ch.json(item["links"]["self"]) == item


def test_officer_appointments_across_companies(ch: CompaniesHouseClient) -> None:
    officer = next(
        o for o in ch.json("/company/12345678/officers")["items"] if o["name"] == "MEHTA, Arjun"
    )
    listing = ch.json(officer["links"]["officer"]["appointments"])
    assert listing["name"] == "Arjun MEHTA"
    assert listing["total_results"] == 2
    companies = {item["appointed_to"]["company_number"] for item in listing["items"]}
    assert companies == {"12345678", "14725836"}
    assert listing["items"][0]["links"]["company"].startswith("/company/")


def test_officer_appointments_active_filter_and_unknown_officer(ch: CompaniesHouseClient) -> None:
    tom = next(
        o for o in ch.json("/company/09876543/officers")["items"] if o["name"] == "ELLIS, Tom"
    )
    path = tom["links"]["officer"]["appointments"]
    assert ch.json(path)["resigned_count"] == 1
    assert ch.json(path, filter="active")["items"] == []
    assert ch.get("/officers/nobody/appointments").status_code == 404


def test_registered_office_address(ch: CompaniesHouseClient) -> None:
    profile = ch.json("/company/SC123456")
    address = ch.json("/company/SC123456/registered-office-address")
    assert address == profile["registered_office_address"]


@pytest.mark.parametrize(
    "path",
    [
        "/company/09876543/appointments/nope",
        "/company/09876543/persons-with-significant-control/individual/nope",
    ],
)
def test_unknown_single_resource(ch: CompaniesHouseClient, path: str) -> None:
    response = ch.get(path)
    assert response.status_code == 404
    assert response.json()["errors"][0]["type"] == "ch:service"


# --- search ---------------------------------------------------------------------------


def test_search_by_name_words(ch: CompaniesHouseClient) -> None:
    body = ch.json("/search/companies", q="harbour advisory")
    assert [item["company_number"] for item in body["items"]] == ["NC001234"]
    assert body["kind"] == "search#companies"


def test_search_by_number(ch: CompaniesHouseClient) -> None:
    item = ch.json("/search/companies", q="SC654321")["items"][0]
    assert item["title"] == "CLYDESIDE DIGITAL LTD"
    assert item["description"] == "SC654321 - Incorporated on 4 September 2017"


def test_search_describes_dissolved_companies(ch: CompaniesHouseClient) -> None:
    item = ch.json("/search/companies", q="last orders")["items"][0]
    assert item["description_identifier"] == ["incorporated-on", "dissolved-on"]
    assert item["date_of_cessation"] == "2021-10-12"


def test_search_restricted_to_active_companies(ch: CompaniesHouseClient) -> None:
    every = ch.json("/search/companies", q="limited")
    active = ch.json("/search/companies", q="limited", restrictions="active-companies")
    assert {item["company_status"] for item in active["items"]} == {"active"}
    assert active["total_results"] < every["total_results"]


def test_search_is_paged(ch: CompaniesHouseClient) -> None:
    page = ch.json("/search/companies", q="limited", items_per_page=2, start_index=2)
    assert len(page["items"]) == 2
    assert page["page_number"] == 2


def test_search_without_a_query_is_a_400(ch: CompaniesHouseClient) -> None:
    response = ch.get("/search/companies")
    assert response.status_code == 400
