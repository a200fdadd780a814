"""Company resources: profile, registered office address, filing history, insolvency, and
company search."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sandboxes.companies_house.access import authenticated, company_of, json_with_etag, state_of
from sandboxes.companies_house.errors import company_not_found, invalid_parameter, service_error
from sandboxes.companies_house.ids import etag
from sandboxes.companies_house.insolvency import insolvency_json
from sandboxes.companies_house.paging import read_page
from sandboxes.companies_house.search import search_companies


@authenticated
async def company_profile(request: Request) -> Response:
    company = company_of(request)
    return company_not_found() if company is None else json_with_etag(company.profile)


@authenticated
async def registered_office_address(request: Request) -> Response:
    company = company_of(request)
    if company is None:
        return company_not_found()
    return JSONResponse(company.profile["registered_office_address"])


@authenticated
async def filing_history(request: Request) -> Response:
    company = company_of(request)
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
    return json_with_etag(
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
    company = company_of(request)
    if company is None:
        return company_not_found()
    transaction_id = request.path_params["transaction_id"]
    for item in company.filings:
        if item["transaction_id"] == transaction_id:
            return JSONResponse(item)
    # errors.yml has no code for a missing filing; named after the resource like the others.
    return service_error("filing-history-item-not-found", 404)


@authenticated
async def insolvency(request: Request) -> Response:
    company = company_of(request)
    if company is None:
        return company_not_found()
    found = insolvency_json(state_of(request).rows[company.profile["company_number"]])
    return (
        service_error("company-insolvencies-not-found", 404)
        if found is None
        else json_with_etag(found)
    )


@authenticated
async def search(request: Request) -> Response:
    query = request.query_params.get("q", "").strip()
    if not query:
        return invalid_parameter("q")
    page = read_page(request, default=20, maximum=100)
    if isinstance(page, Response):
        return page
    restrictions = request.query_params.get("restrictions", "").split()
    state = state_of(request)
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
