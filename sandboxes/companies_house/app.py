"""The Companies House sandbox app: API-key auth, the Public Data API, 600 requests / 5 min."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette

from sandboxes.common.app import ErrorResponses, build_app
from sandboxes.common.ratelimit import RateLimits, WindowLimit
from sandboxes.companies_house import errors
from sandboxes.companies_house.auth import api_key_of_scope
from sandboxes.companies_house.config import WINDOW_SECONDS, CompaniesHouseConfig
from sandboxes.companies_house.ratelimit_headers import WINDOW_NAME
from sandboxes.companies_house.routes import ROUTES
from sandboxes.companies_house.state import CompaniesHouseState


def create_app(config: Mapping[str, Any] | None = None) -> Starlette:
    settings = CompaniesHouseConfig().updated(config or {})
    limits = RateLimits(
        api_key_of_scope,
        [WindowLimit(WINDOW_NAME, settings.requests_per_window, WINDOW_SECONDS)],
    )
    return build_app(
        "companies_house",
        ROUTES,
        CompaniesHouseState(settings),
        limits=limits,
        errors=ErrorResponses(throttled=errors.throttled, server_error=errors.server_error),
    )
