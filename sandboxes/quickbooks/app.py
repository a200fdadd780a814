"""The QuickBooks Online sandbox app (see `sandboxes.registry`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.types import Scope

from sandboxes.common import ErrorResponses, RateLimits, WindowLimit, build_app
from sandboxes.quickbooks.api import api_routes
from sandboxes.quickbooks.config import QuickBooksConfig
from sandboxes.quickbooks.faults import server_error_response, throttled_response
from sandboxes.quickbooks.helpers import helper_routes
from sandboxes.quickbooks.oauth import oauth_routes
from sandboxes.quickbooks.state import QuickBooksState

_COMPANY_PREFIX = "/v3/company/"


def realm_of(scope: Scope) -> str | None:
    """Intuit's limits count per realm: the id in /v3/company/<realm>/..."""
    path: str = scope["path"]
    if not path.startswith(_COMPANY_PREFIX):
        return None
    return path[len(_COMPANY_PREFIX) :].split("/", 1)[0]


def _is_batch(scope: Scope) -> bool:
    path: str = scope["path"]
    return path.endswith("/batch")


def create_app(config: Mapping[str, Any] | None = None) -> Starlette:
    settings = QuickBooksConfig().updated(config or {})
    state = QuickBooksState(settings)

    def realm_limit(realm: str) -> int:
        config = state.config  # read per request: POST /_sandbox/config changes it
        return config.realm_requests_per_minute.get(realm, config.requests_per_minute)

    def throttled(retry_after: int) -> Response:
        return throttled_response(retry_after if state.config.throttle_retry_after else None)

    limits = RateLimits(
        realm_of,
        [
            WindowLimit("requests", settings.requests_per_minute, 60, limit_of=realm_limit),
            WindowLimit("batch", settings.batch_requests_per_minute, 60, _is_batch),
        ],
        max_concurrent=settings.max_concurrent,
    )
    # The API first: Starlette tries routes in order, and entity reads are the hot path.
    routes = [*api_routes(state), *oauth_routes(state), *helper_routes(state)]
    errors = ErrorResponses(throttled=throttled, server_error=server_error_response)
    return build_app("quickbooks", routes, state, limits=limits, errors=errors)
