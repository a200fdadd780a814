"""The functions/ ASGI app: inbound HTTP for the host app's users and the providers —
OAuth start, callback and disconnect, connection status, and a health check.

`plugboard functions` serves it; tests build it with their own Services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from functions import oauth_routes, quickbooks_webhooks, status_routes
from functions.body_limit import BodyLimit, BodyTooLarge, too_large
from functions.console import routes as console_routes
from functions.services import Services
from python_workers.config import Settings
from python_workers.db.target import resolve_target

HTTP_TIMEOUT = httpx.Timeout(30.0)


async def health(request: Request) -> Response:
    return JSONResponse({"ok": True})


def create_app(services: Services | None = None, settings: Settings | None = None) -> Starlette:
    """With `services`: use them (their owner opens and closes them). Without: open a pool
    on the configured database and an HTTP client for the server's life."""
    configured = services.settings if services is not None else settings
    assert configured is not None, "create_app needs services or settings"

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if services is not None:  # set below; their owner opens and closes them
            yield
            return
        url = resolve_target(configured).app_url
        async with (
            AsyncConnectionPool(url, min_size=1, max_size=10, open=False) as pool,
            httpx.AsyncClient(timeout=HTTP_TIMEOUT) as http,
        ):
            app.state.services = Services(pool, http, configured)
            yield

    app = Starlette(
        routes=[
            Route("/health", health, methods=["GET"]),
            *oauth_routes.ROUTES,
            *status_routes.ROUTES,
            *quickbooks_webhooks.ROUTES,
            *console_routes.ROUTES,
        ],
        middleware=[Middleware(BodyLimit, max_bytes=configured.plugboard_functions_max_body_bytes)],
        exception_handlers={BodyTooLarge: too_large},
        lifespan=lifespan,
    )
    if services is not None:
        app.state.services = services  # also when no lifespan runs (httpx's ASGITransport)
    return app
