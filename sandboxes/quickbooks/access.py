"""Who may call the Accounting API: bearer tokens checked against the realm in the path."""

from __future__ import annotations

import time

from starlette.requests import Request

from sandboxes.quickbooks import faults
from sandboxes.quickbooks.company import Company
from sandboxes.quickbooks.state import QuickBooksState


def authorized_company(state: QuickBooksState, request: Request, realm_id: str) -> Company:
    """The company `realm_id` when the request's bearer token grants it, else a 401/403 Fault."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise faults.authentication_failed("Authorization header is missing or not a bearer token")
    record = state.tokens.access.get(token.strip())
    if record is None:
        raise faults.authentication_failed("Token invalid: unknown or revoked access token")
    if record.expires_at < time.time():
        raise faults.authentication_failed("Token expired: refresh the access token")
    company = state.companies.get(realm_id)
    if company is None or record.grant.realm_id != realm_id:
        raise faults.authorization_failed(f"The token does not grant access to realm {realm_id}")
    return company
