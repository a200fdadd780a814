"""Intuit's error bodies: {"Fault": {"Error": [...], "type": ...}, "time": ...}.

The codes and messages are those Intuit documents ("Handling common errors" and the
throttling fault reported by SDK users).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from sandboxes.quickbooks.clock import intuit_time


class QuickBooksFault(Exception):
    """An error answered as an Intuit Fault; raised anywhere under a route or batch item."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        detail: str,
        *,
        fault_type: str = "ValidationFault",
        element: str = "",
    ) -> None:
        super().__init__(f"{code} {message}: {detail}")
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.fault_type = fault_type
        self.element = element

    def fault(self) -> dict[str, Any]:
        error = {"Message": self.message, "Detail": self.detail, "code": self.code}
        if self.fault_type == "ValidationFault":
            error["element"] = self.element
        return {"Error": [error], "type": self.fault_type}

    def response(self, headers: dict[str, str] | None = None) -> Response:
        body = json.dumps({"Fault": self.fault(), "time": intuit_time()}, separators=(",", ":"))
        return Response(body, self.status, headers, media_type="application/json")


def validation(code: str, message: str, detail: str, element: str = "") -> QuickBooksFault:
    return QuickBooksFault(400, code, message, detail, element=element)


def stale_object(entity: str) -> QuickBooksFault:
    return validation(
        "5010",
        "Stale Object Error",
        f"Stale Object Error : You and another user were working on the same {entity} at the "
        "same time. The other user finished before you did, so your work was not saved.",
    )


def duplicate_name(existing_id: str) -> QuickBooksFault:
    return validation(
        "6240",
        "Duplicate Name Exists Error",
        f"The name supplied already exists. : Id={existing_id}",
    )


def object_not_found(entity: str, entity_id: str) -> QuickBooksFault:
    return validation(
        "610",
        "Object Not Found",
        f"Object Not Found : Something you're trying to use has been made inactive or deleted. "
        f"Check {entity} Id={entity_id}.",
    )


def invalid_reference(field: str, value: str) -> QuickBooksFault:
    return validation(
        "2500",
        "Invalid Reference Id",
        f"Invalid Reference Id : {field} {value} does not exist or has been made inactive",
        element=field,
    )


def required_missing(field: str) -> QuickBooksFault:
    return validation(
        "2020",
        "Required param missing, need to supply the required value for the API",
        f"Required parameter {field} is missing in the request",
        element=field,
    )


def unsupported_property(detail: str) -> QuickBooksFault:
    return validation("2010", "Request has invalid or unsupported property", detail)


def unsupported_operation(detail: str) -> QuickBooksFault:
    return validation("500", "Unsupported Operation", f"Operation {detail} is not supported.")


def authentication_failed(detail: str) -> QuickBooksFault:
    return QuickBooksFault(
        401,
        "3200",
        "message=AuthenticationFailed; errorCode=003200; statusCode=401",
        detail,
        fault_type="AUTHENTICATION",
    )


def authorization_failed(detail: str) -> QuickBooksFault:
    return QuickBooksFault(
        403,
        "3100",
        "message=AuthorizationFailed; errorCode=003100; statusCode=403",
        detail,
        fault_type="SERVICE",
    )


def throttled_response(retry_after: int | None) -> Response:
    """429 as Intuit sends it (Retry-After only when given: Intuit's documentation promises
    none, only that the limit is per minute). Intuit has been seen answering this one in XML
    whatever the Accept header; the sandbox answers JSON (its clients speak JSON) with the
    same fields."""
    fault = QuickBooksFault(
        429,
        "3001",
        "message=ThrottleExceeded; errorCode=003001; statusCode=429",
        "The request limit was reached.  Try again later",
        fault_type="SERVICE",
    )
    return fault.response(None if retry_after is None else {"Retry-After": str(retry_after)})


def server_error_response(status: int) -> Response:
    message = "Service Unavailable" if status == 503 else "An application error has occurred"
    fault = QuickBooksFault(
        status,
        "10000",
        message,
        f"System Failure Error: {message} while processing your request",
        fault_type="SystemFault",
    )
    return fault.response()
