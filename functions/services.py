"""What the handlers share: the database pool, an HTTP client for provider calls and the
settings. `plugboard functions` opens them for the server's life; tests pass their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request

from python_workers.config import Settings


@dataclass(frozen=True)
class Services:
    pool: AsyncConnectionPool[Any]
    http: httpx.AsyncClient
    settings: Settings
    # the token endpoints' transport; None: httpx's default (tests may record or fault it)
    token_transport: httpx.AsyncBaseTransport | None = None


def services_of(request: Request) -> Services:
    found: Services = request.app.state.services
    return found
