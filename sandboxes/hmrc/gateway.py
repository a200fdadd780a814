"""What HMRC's API platform checks before an API sees a request: the versioned Accept header,
the bearer token and its scopes. It also records the fraud-prevention verdict of every call.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from sandboxes.hmrc import errors
from sandboxes.hmrc.fraud.verdict import judge
from sandboxes.hmrc.state import hmrc_state

ACCEPT = "application/vnd.hmrc.1.0+json"


@dataclass(frozen=True)
class Caller:
    client_id: str
    vrn: str | None  # None: an application-restricted token
    scopes: frozenset[str]
    emprefs: frozenset[str]  # the PAYE schemes the user's grant covers


def authorise(request: Request, scope: str | None) -> Caller | Response:
    """The caller, or the platform's error: 406 for the Accept header, 401 for the token.
    `scope` None admits any valid token, application-restricted ones included."""
    if ACCEPT not in request.headers.get("accept", ""):
        return errors.accept_header_invalid()
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return errors.missing_credentials()
    found = hmrc_state(request).tokens.valid_access_token(token.strip())
    if found is None:
        return errors.invalid_credentials()
    if scope is not None and (scope not in found.scopes or found.vrn is None):
        return errors.invalid_scope()
    return Caller(found.client_id, found.vrn, found.scopes, found.emprefs)


def record_fraud_headers(request: Request, api: str) -> None:
    """Judge the call's fraud-prevention headers and keep the feedback.

    HMRC's APIs do not refuse a call for missing or invalid fraud-prevention headers; they
    record them and report through validation-feedback (and, in production, to the
    vendor). The sandbox does the same, so a bad header never changes an API answer.
    """
    state = hmrc_state(request)
    headers = {name.lower(): value for name, value in request.headers.items()}
    verdict = judge(headers)
    state.count(f"fraud_headers_{verdict.code.lower()}")
    state.fraud_feedback.appendleft(
        {
            "api": api,
            "method": request.method,
            "path": request.url.path,
            "requestTimestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
            **verdict.feedback_json(headers),
        }
    )
