"""HMRC error bodies: `{"code": ..., "message": ...}` for APIs, RFC 6749 bodies for OAuth."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response


def api_error(status: int, code: str, message: str, **extra: Any) -> Response:
    return JSONResponse({"code": code, "message": message, **extra}, status_code=status)


def oauth_error(status: int, error: str, description: str) -> Response:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


# The API platform's answers, the same for every HMRC API.
def accept_header_invalid() -> Response:
    return api_error(406, "ACCEPT_HEADER_INVALID", "The accept header is missing or invalid")


def missing_credentials() -> Response:
    return api_error(401, "MISSING_CREDENTIALS", "Authentication information is not provided")


def invalid_credentials() -> Response:
    return api_error(401, "INVALID_CREDENTIALS", "Invalid Authentication information provided")


def invalid_scope() -> Response:
    return api_error(
        401,
        "INVALID_SCOPE",
        "Cannot access the required resource. Ensure this token has all the required privileges.",
    )


def throttled(retry_after: int) -> Response:
    response = api_error(
        429,
        "MESSAGE_THROTTLED_OUT",
        "The request for the API is throttled as you have exceeded your quota.",
    )
    response.headers["Retry-After"] = str(retry_after)
    return response


def server_error(status: int) -> Response:
    # vat-api's DownstreamError and ServiceUnavailableError.
    if status == 503:
        return api_error(503, "SERVICE_UNAVAILABLE", "Internal server error")
    return api_error(status, "INTERNAL_SERVER_ERROR", "An internal server error occurred")
