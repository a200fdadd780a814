"""The Public Data API resources: company profile, officers, filing history, PSCs, search."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandboxes.companies_house.auth import authenticate
from sandboxes.companies_house.errors import company_not_found, invalid_parameter, service_error
from sandboxes.companies_house.ids import etag
from sandboxes.companies_house.insolvency import insolvency_json
from sandboxes.companies_house.paging import read_page
from sandboxes.companies_house.ratelimit_headers import rate_limit_headers
from sandboxes.companies_house.records import CompanyRecord
from sandboxes.companies_house.search import search_companies
from sandboxes.companies_house.state import CompaniesHouseState

Handler = Callable[[Request], Awaitable[Response]]

OFFICER_ORDERS = {
    # order_by value -> (sort key, newest first)
    "appointed_on": (lambda o: o["appointed_on"], True),
    "resigned_on": (lambda o: o.get("resigned_on", ""), True),
    "surname": (lambda o: o["name"], False),
}


def _state(request: Request) -> CompaniesHouseState:
    state: CompaniesHouseState = request.app.sandbox_state
    return state


def authenticated(handler: Handler) -> Handler:
    async def guarded(request: Request) -> Response:
        api_key = authenticate(request, _state(request).config.api_keys)
        if isinstance(api_key, Response):
            return api_key
        response = await handler(request)
        response.headers.update(rate_limit_headers(request, api_key))
        return response

    return guarded


def _company(request: Request) -> CompanyRecord | None:
    return _state(request).companies.get(request.path_params["company_number"].upper())


def _json(body: dict[str, Any]) -> Response:
    return JSONResponse(body, headers={"ETag": body["etag"]} if "etag" in body else None)


@authenticated
async def company_profile(request: Request) -> Response:
    company = _company(request)
    return company_not_found() if company is None else _json(company.profile)


@authenticated
async def officers(request: Request) -> Response:
    company = _company(request)
    if company is None:
        return company_not_found()
    page = read_page(request, default=35, maximum=100)
    if isinstance(page, Response):
        return page
    order_by = request.query_params.get("order_by")
    items = company.officers
    if order_by is not None:
        if order_by not in OFFICER_ORDERS:
            return invalid_parameter("order_by")
        key, newest_first = OFFICER_ORDERS[order_by]
        items = sorted(items, key=key, reverse=newest_first)
    else:  # current officers first, then by appointment, newest first
        items = sorted(items, key=lambda o: o["appointed_on"], reverse=True)
        items.sort(key=lambda o: "resigned_on" in o)
    resigned = sum(1 for o in items if "resigned_on" in o)
    number = company.profile["company_number"]
    return _json(
        {
            "kind": "officer-list",
            "etag": etag(number, "officers"),
            "links": {"self": f"/company/{number}/officers"},
            **page.envelope(),
            "total_results": len(items),
            "active_count": len(items) - resigned,
            "resigned_count": resigned,
            "inactive_count": 0,
            "items": page.of(items),
        }
    )


@authenticated
async def filing_history(request: Request) -> Response:
    company = _company(request)
    if company is None:
        return company_not_found()
    page = read_page(request, default=25, maximum=100)
    if isinstance(page, Response):
        return page
    items = company.filings
    categories = request.query_params.get("category")
    if categories:
        wanted = {c.strip() for c in categories.split(",")}
        items = [item for item in items if item["category"] in wanted]
    number = company.profile["company_number"]
    return _json(
        {
            "kind": "filing-history",
            "etag": etag(number, "filing-history", categories or ""),
            "filing_history_status": "filing-history-available",
            **page.envelope(),
            "total_count": len(items),
            "items": page.of(items),
        }
    )


@authenticated
async def filing_history_item(request: Request) -> Response:
    company = _company(request)
    if company is None:
        return company_not_found()
    transaction_id = request.path_params["transaction_id"]
    for item in company.filings:
        if item["transaction_id"] == transaction_id:
            return JSONResponse(item)
    # errors.yml has no code for a missing filing; named after the resource like the others.
    return service_error("filing-history-item-not-found", 404)


@authenticated
async def persons_with_significant_control(request: Request) -> Response:
    company = _company(request)
    if company is None:
        return company_not_found()
    page = read_page(request, default=25, maximum=100)
    if isinstance(page, Response):
        return page
    ceased = sum(1 for psc in company.pscs if "ceased_on" in psc)
    number = company.profile["company_number"]
    return _json(
        {
            "etag": etag(number, "persons-with-significant-control"),
            "links": {"self": f"/company/{number}/persons-with-significant-control"},
            **page.envelope(),
            "total_results": len(company.pscs),
            "active_count": len(company.pscs) - ceased,
            "ceased_count": ceased,
            "items": page.of(company.pscs),
        }
    )


def _item_at(request: Request, items: list[dict[str, Any]], not_found: str) -> Response:
    """The item whose links.self is this request's path (single-item resources)."""
    for item in items:
        if item["links"]["self"] == request.url.path:
            return _json(item)
    return service_error(not_found, 404)


@authenticated
async def registered_office_address(request: Request) -> Response:
    company = _company(request)
    if company is None:
        return company_not_found()
    return JSONResponse(company.profile["registered_office_address"])


@authenticated
async def appointment(request: Request) -> Response:
    company = _company(request)
    if company is None:
        return company_not_found()
    # errors.yml has no codes for these; named after the resource like company-profile-...
    return _item_at(request, company.officers, "appointment-not-found")


@authenticated
async def person_with_significant_control(request: Request) -> Response:
    company = _company(request)
    if company is None:
        return company_not_found()
    return _item_at(request, company.pscs, "psc-not-found")


@authenticated
async def officer_appointments(request: Request) -> Response:
    officer_id = request.path_params["officer_id"]
    found = _state(request).appointments.get(officer_id)
    if found is None:
        return service_error("officer-not-found", 404)
    page = read_page(request, default=35, maximum=50)
    if isinstance(page, Response):
        return page
    items = found.items
    if request.query_params.get("filter") == "active":
        items = [item for item in items if "resigned_on" not in item]
    return _json(
        {
            **found.envelope(officer_id),
            "etag": etag("officer", officer_id),
            **page.envelope(),
            "items": page.of(items),
        }
    )


@authenticated
async def insolvency(request: Request) -> Response:
    company = _company(request)
    if company is None:
        return company_not_found()
    found = insolvency_json(_state(request).rows[company.profile["company_number"]])
    return service_error("company-insolvencies-not-found", 404) if found is None else _json(found)


@authenticated
async def search(request: Request) -> Response:
    query = request.query_params.get("q", "").strip()
    if not query:
        return invalid_parameter("q")
    page = read_page(request, default=20, maximum=100)
    if isinstance(page, Response):
        return page
    restrictions = request.query_params.get("restrictions", "").split()
    state = _state(request)
    results = search_companies(
        state.rows.values(), query, active_only="active-companies" in restrictions
    )
    return JSONResponse(
        {
            "kind": "search#companies",
            "etag": etag("search", query, *restrictions),
            **page.envelope(),
            "page_number": page.start_index // page.items_per_page + 1,
            "total_results": len(results),
            "items": page.of(results),
        }
    )


ROUTES: list[BaseRoute] = [
    Route("/company/{company_number}", company_profile),
    Route("/company/{company_number}/officers", officers),
    Route("/company/{company_number}/filing-history", filing_history),
    Route("/company/{company_number}/filing-history/{transaction_id}", filing_history_item),
    Route(
        "/company/{company_number}/persons-with-significant-control",
        persons_with_significant_control,
    ),
    Route("/company/{company_number}/registered-office-address", registered_office_address),
    Route("/company/{company_number}/appointments/{appointment_id}", appointment),
    Route(
        "/company/{company_number}/persons-with-significant-control/{kind}/{notification_id}",
        person_with_significant_control,
    ),
    Route("/company/{company_number}/insolvency", insolvency),
    Route("/officers/{officer_id}/appointments", officer_appointments),
    Route("/search/companies", search),
]
