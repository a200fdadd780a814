"""People resources: officers (list, single appointment, an officer's appointments across
companies) and persons with significant control (list and single)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sandboxes.companies_house.access import (
    authenticated,
    company_of,
    item_at,
    json_with_etag,
    state_of,
)
from sandboxes.companies_house.errors import company_not_found, invalid_parameter, service_error
from sandboxes.companies_house.ids import etag
from sandboxes.companies_house.paging import read_page

OFFICER_ORDERS = {
    # order_by value -> (sort key, newest first)
    "appointed_on": (lambda o: o["appointed_on"], True),
    "resigned_on": (lambda o: o.get("resigned_on", ""), True),
    "surname": (lambda o: o["name"], False),
}


@authenticated
async def officers(request: Request) -> Response:
    company = company_of(request)
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
    return json_with_etag(
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
async def appointment(request: Request) -> Response:
    company = company_of(request)
    if company is None:
        return company_not_found()
    # errors.yml has no codes for these; named after the resource like company-profile-...
    return item_at(request, company.officers, "appointment-not-found")


@authenticated
async def officer_appointments(request: Request) -> Response:
    officer_id = request.path_params["officer_id"]
    found = state_of(request).appointments.get(officer_id)
    if found is None:
        return service_error("officer-not-found", 404)
    page = read_page(request, default=35, maximum=50)
    if isinstance(page, Response):
        return page
    items = found.items
    if request.query_params.get("filter") == "active":
        items = [item for item in items if "resigned_on" not in item]
    return json_with_etag(
        {
            **found.envelope(officer_id),
            "etag": etag("officer", officer_id),
            **page.envelope(),
            "items": page.of(items),
        }
    )


@authenticated
async def persons_with_significant_control(request: Request) -> Response:
    company = company_of(request)
    if company is None:
        return company_not_found()
    page = read_page(request, default=25, maximum=100)
    if isinstance(page, Response):
        return page
    ceased = sum(1 for psc in company.pscs if "ceased_on" in psc)
    number = company.profile["company_number"]
    return json_with_etag(
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


@authenticated
async def person_with_significant_control(request: Request) -> Response:
    company = company_of(request)
    if company is None:
        return company_not_found()
    return item_at(request, company.pscs, "psc-not-found")
