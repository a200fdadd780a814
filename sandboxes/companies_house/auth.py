"""API-key authentication: the key is the HTTP Basic username and the password is empty."""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Sequence

from pydantic import SecretStr
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from sandboxes.companies_house.errors import auth_error


def api_key_from_header(authorization: str) -> str | None:
    """The key in `Basic base64(key:)`, or None when the header is not that."""
    scheme, _, encoded = authorization.strip().partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    key, _, _password = decoded.partition(":")
    return key or None


def api_key_of_scope(scope: Scope) -> str | None:
    """The key a request counts against for the rate limit (None: not counted, it gets 401)."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            return api_key_from_header(value.decode("latin-1"))
    return None


def authenticate(request: Request, accepted: Sequence[SecretStr]) -> str | Response:
    """The request's API key when it is accepted, else the documented 401."""
    header = request.headers.get("authorization", "")
    if not header.strip():
        return auth_error("Empty Authorization header")
    key = api_key_from_header(header)
    if key is None or (accepted and not _is_accepted(key, accepted)):
        return auth_error("Invalid Authorization")
    return key


def _is_accepted(key: str, accepted: Sequence[SecretStr]) -> bool:
    return any(hmac.compare_digest(key, secret.get_secret_value()) for secret in accepted)
