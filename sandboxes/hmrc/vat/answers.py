"""VAT API responses: JSON with an X-CorrelationId on every answer, and HMRC's error shapes
(one error: its code and message; several: INVALID_REQUEST listing them).

Where the published OAS and hmrc/vat-api's code disagree on an error body, the OAS is
followed, because it is what clients are written against and what the contract tests hold
the sandbox to: the service wraps DUPLICATE_SUBMISSION, NOT_FINALISED and DATE_RANGE_TOO_LARGE
in {"code": "BUSINESS_ERROR", "errors": [...]}, and answers bad obligation dates as
{"statusCode": 400, "message": "INVALID_DATE_FROM"}; the OAS documents each as
{"code": ..., "message": ...}. Clients should accept both: config business_error_envelope
makes the sandbox answer a return's business refusals the service's way.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from starlette.responses import Response

from sandboxes.hmrc.jsonable import AmountsJSONResponse
from sandboxes.hmrc.vat.validation import FieldError

VRN_INVALID = ("VRN_INVALID", "The provided VRN is invalid")
NOT_AUTHORISED = ("CLIENT_OR_AGENT_NOT_AUTHORISED", "The client and/or agent is not authorised")
NOT_FOUND = ("NOT_FOUND", "The requested resource could not be found")
INSOLVENT_TRADER = (
    "RULE_INSOLVENT_TRADER",
    "The remote endpoint has indicated that the Trader is insolvent",
)
UNKNOWN_SCENARIO = ("RULE_INCORRECT_GOV_TEST_SCENARIO", "The Gov-Test-Scenario was not found")
INVALID_REQUEST = ("INVALID_REQUEST", "Invalid request")
BUSINESS_ERROR = ("BUSINESS_ERROR", "Business validation error")


def answer(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return AmountsJSONResponse(
        body,
        status_code=status,
        headers={"X-CorrelationId": str(uuid.uuid4()), **(headers or {})},
    )


def error(status: int, code_and_message: tuple[str, str]) -> Response:
    code, message = code_and_message
    return answer({"code": code, "message": message}, status)


def business_error(status: int, code_and_message: tuple[str, str], *, nested: bool) -> Response:
    """A business refusal: the bare code (as the OAS documents), or nested under
    BUSINESS_ERROR (as the service answers)."""
    if not nested:
        return error(status, code_and_message)
    code, message = code_and_message
    outer, outer_message = BUSINESS_ERROR
    return answer(
        {"code": outer, "message": outer_message, "errors": [{"code": code, "message": message}]},
        status,
    )


def field_errors(status: int, found: Sequence[FieldError]) -> Response:
    if len(found) == 1:
        return answer(found[0].as_json(), status)
    code, message = INVALID_REQUEST
    return answer(
        {"code": code, "message": message, "errors": [e.as_json() for e in found]}, status
    )
