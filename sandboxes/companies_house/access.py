"""What every Companies House resource handler shares: the API-key check (and the rate-limit
headers it adds), the company the path names, and JSON answers carrying their ETag."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sandboxes.companies_house.auth import authenticate
from sandboxes.companies_house.errors import service_error
from sandboxes.companies_house.ratelimit_headers import rate_limit_headers
from sandboxes.companies_house.records import CompanyRecord
from sandboxes.companies_house.state import CompaniesHouseState

Handler = Callable[[Request], Awaitable[Response]]


def state_of(request: Request) -> CompaniesHouseState:
    state: CompaniesHouseState = request.app.sandbox_state
    return state


def authenticated(handler: Handler) -> Handler:
    async def guarded(request: Request) -> Response:
        api_key = authenticate(request, state_of(request).config.api_keys)
        if isinstance(api_key, Response):
            return api_key
        response = await handler(request)
        response.headers.update(rate_limit_headers(request, api_key))
        return response

    return guarded


def company_of(request: Request) -> CompanyRecord | None:
    return state_of(request).companies.get(request.path_params["company_number"].upper())


def json_with_etag(body: dict[str, Any]) -> Response:
    return JSONResponse(body, headers={"ETag": body["etag"]} if "etag" in body else None)


def item_at(request: Request, items: list[dict[str, Any]], not_found: str) -> Response:
    """The item whose links.self is this request's path (single-item resources)."""
    for item in items:
        if item["links"]["self"] == request.url.path:
            return json_with_etag(item)
    return service_error(not_found, 404)
