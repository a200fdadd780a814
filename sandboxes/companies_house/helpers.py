"""Companies House-specific /_sandbox/ routes for tests and local development:

POST /_sandbox/companies/<number>  {"company_name"?: str, "company_status"?: str} the register
                                   changes the company (a new name keeps the old one in
                                   previous_company_names; dissolved sets date_of_cessation)
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandboxes.companies_house.access import state_of
from sandboxes.companies_house.errors import company_not_found

CHANGEABLE = frozenset({"company_name", "company_status"})


async def change_company(request: Request) -> Response:
    body = json.loads(await request.body() or b"{}")
    if (
        not isinstance(body, dict)
        or not body
        or set(body) - CHANGEABLE
        or not all(isinstance(value, str) and value for value in body.values())
    ):
        return JSONResponse(
            {"error": f"expected a JSON object of non-empty strings: {sorted(CHANGEABLE)}"}, 400
        )
    record = state_of(request).change_company(
        request.path_params["company_number"].upper(),
        name=body.get("company_name"),
        status=body.get("company_status"),
    )
    return company_not_found() if record is None else JSONResponse(record.profile)


HELPER_ROUTES: list[BaseRoute] = [
    Route("/_sandbox/companies/{company_number}", change_company, methods=["POST"]),
]
