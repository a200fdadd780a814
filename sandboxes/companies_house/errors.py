"""Companies House error bodies.

Two shapes are documented: authentication failures are a bare object
(`{"error": "Invalid Authorization", "type": "ch:service"}`), resource errors a list
(`{"errors": [{"error": "company-profile-not-found", "type": "ch:service"}]}`) whose
codes come from api-enumerations/errors.yml.
"""

from __future__ import annotations

import secrets

from starlette.responses import JSONResponse, Response

SERVICE_ERROR_TYPE = "ch:service"
COMPANY_NOT_FOUND = "company-profile-not-found"


def auth_error(message: str) -> Response:
    """401 for a missing or unknown API key."""
    return JSONResponse(
        {"error": message, "type": SERVICE_ERROR_TYPE},
        status_code=401,
        headers={"WWW-Authenticate": 'Basic realm="companies-house"'},
    )


def service_error(code: str, status: int) -> Response:
    return JSONResponse({"errors": [{"error": code, "type": SERVICE_ERROR_TYPE}]}, status)


def company_not_found() -> Response:
    """Also used for officers, filing history and PSCs of an unknown company: errors.yml
    holds no separate code for those, and the company profile is what is missing."""
    return service_error(COMPANY_NOT_FOUND, 404)


def invalid_parameter(name: str) -> Response:
    # errors.yml lists no code for bad query parameters; the shape is the documented one.
    return JSONResponse(
        {
            "errors": [
                {
                    "error": "invalid-parameter",
                    "type": SERVICE_ERROR_TYPE,
                    "location": name,
                    "location_type": "request-query-parameter",
                }
            ]
        },
        status_code=400,
    )


def throttled(retry_after: int) -> Response:
    """429 once a key has used its 600 requests. Companies House documents only the status;
    the body keeps its error shape and Retry-After says when the window frees a request."""
    response = service_error("too-many-requests", 429)
    response.headers["Retry-After"] = str(retry_after)
    return response


def server_error(status: int) -> Response:
    # The live service answers unexpected failures as {"exception_id", "error"}.
    message = "Internal server error" if status == 500 else "Service unavailable"
    return JSONResponse({"exception_id": secrets.token_hex(6), "error": message}, status)
