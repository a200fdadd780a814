"""The HMRC sandbox app: OAuth, the VAT (MTD) API, the Apprenticeship Levy API, the Test
Fraud Prevention Headers API, 3 requests per second per application."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.types import Scope

from sandboxes.common.app import ErrorResponses, build_app
from sandboxes.common.ratelimit import RateLimits, WindowLimit
from sandboxes.hmrc import errors, oauth
from sandboxes.hmrc.config import HmrcConfig
from sandboxes.hmrc.fraud import routes as fraud_routes
from sandboxes.hmrc.levy import routes as levy_routes
from sandboxes.hmrc.state import HmrcState
from sandboxes.hmrc.vat import routes as vat_routes


def create_app(config: Mapping[str, Any] | None = None) -> Starlette:
    settings = HmrcConfig().updated(config or {})
    state = HmrcState(settings)

    def application_of(scope: Scope) -> str | None:
        """The rate limit is per application: the client id behind the bearer token.
        Calls without a valid token (and the OAuth endpoints) are not counted."""
        for name, value in scope["headers"]:
            if name == b"authorization":
                _, _, token = value.decode("latin-1").partition(" ")
                found = state.tokens.valid_access_token(token.strip())
                return found.client_id if found else None
        return None

    limits = RateLimits(
        application_of, [WindowLimit("requests", settings.requests_per_second, 1.0)]
    )
    return build_app(
        "hmrc",
        [*oauth.ROUTES, *vat_routes.ROUTES, *levy_routes.ROUTES, *fraud_routes.ROUTES],
        state,
        limits=limits,
        errors=ErrorResponses(throttled=errors.throttled, server_error=errors.server_error),
    )
