"""Provider request latency: httpx event hooks on the worker's shared client time every
request, labelled by provider and route template (metrics.PROVIDER_REQUEST).

The provider is the configured base URL the request's URL starts with (each provider
spec's URL settings, ProviderSpec.urls: its API, token and consent endpoints); anything
else is `other`. The route is the URL's
path with every segment that may be an id (all digits, two digits or more, a percent
escape, or over 32 characters) written `{id}` and the query left out, so no realm, record id, VRN or
query parameter ever becomes a label: /v3/company/{id}/vendor/{id}. Past MAX_ROUTES
distinct routes of a provider, the rest count as `{other}`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from python_workers.engine.metrics import PROVIDER_REQUEST
from python_workers.providers.registry import provider_specs

MAX_ROUTES = 100
_STARTED = "plugboard_started"
# an id: all digits, two digits or more, a percent escape, or over 32 characters (a
# version or a name such as v3 or oauth2 stays)
_ID_LIKE = re.compile(r"^[0-9]+$|[0-9].*[0-9]|%|^.{33,}$")

Hook = Callable[[Any], Awaitable[None]]


def route_template(path: str) -> str:
    segments = ["{id}" if _ID_LIKE.search(s) else s for s in path.split("/")]
    return "/".join(segments) or "/"


def provider_prefixes() -> list[tuple[str, str]]:
    """(URL prefix, provider key), longest first so a more specific base wins."""
    prefixes = [(url, spec.key) for spec in provider_specs().values() for url in spec.urls()]
    return sorted(((url.rstrip("/"), key) for url, key in prefixes), key=lambda p: -len(p[0]))


class ProviderLatency:
    """The request and response hooks, and the routes seen so far (to bound them)."""

    def __init__(self) -> None:
        self._prefixes = provider_prefixes()
        self._routes: dict[str, set[str]] = {}

    def labels(self, url: httpx.URL) -> tuple[str, str]:
        text = str(url.copy_with(query=None, fragment=None))
        for prefix, provider in self._prefixes:
            if text == prefix or text.startswith(prefix + "/"):
                return provider, self._bounded(provider, route_template(url.path))
        return "other", "{other}"

    def _bounded(self, provider: str, route: str) -> str:
        seen = self._routes.setdefault(provider, set())
        if route not in seen and len(seen) >= MAX_ROUTES:
            return "{other}"
        seen.add(route)
        return route

    async def on_request(self, request: httpx.Request) -> None:
        request.extensions[_STARTED] = time.perf_counter()

    async def on_response(self, response: httpx.Response) -> None:
        started = response.request.extensions.get(_STARTED)
        if started is None:
            return
        provider, route = self.labels(response.request.url)
        status_class = f"{response.status_code // 100}xx"
        PROVIDER_REQUEST.labels(provider, route, status_class).observe(
            time.perf_counter() - started
        )

    def event_hooks(self) -> dict[str, list[Hook]]:
        return {"request": [self.on_request], "response": [self.on_response]}
