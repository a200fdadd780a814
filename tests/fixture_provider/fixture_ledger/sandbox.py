"""Fixture Ledger's sandbox: GET /me names the ledger of any bearer token, POST /entries
keeps an entry and answers its id. Everything else is the common sandbox's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import uuid4

from pydantic_settings import SettingsConfigDict
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandboxes.common.app import build_app
from sandboxes.common.config import SandboxConfig
from sandboxes.common.state import SandboxState

LEDGER_ID = "ledger-1"


class FixtureLedgerSandboxConfig(SandboxConfig):
    model_config = SettingsConfigDict(env_prefix="FIXTURE_LEDGER_SANDBOX_", extra="forbid")


def _state(request: Request) -> SandboxState[Any]:
    state: SandboxState[Any] = request.app.sandbox_state
    return state


def _authorised(request: Request) -> bool:
    return request.headers.get("authorization", "").startswith("Bearer ")


async def me(request: Request) -> Response:
    if not _authorised(request):
        return JSONResponse({"error": "unauthorized"}, status_code=401)
    return JSONResponse({"ledger_id": LEDGER_ID})


async def entries(request: Request) -> Response:
    if not _authorised(request):
        return JSONResponse({"error": "unauthorized"}, status_code=401)
    entry = {"id": str(uuid4()), **(await request.json())}
    _state(request).entities[entry["id"]] = entry
    return JSONResponse(entry, status_code=201)


ROUTES: list[BaseRoute] = [Route("/me", me), Route("/entries", entries, methods=["POST"])]


def create_app(config: Mapping[str, Any] | None = None) -> Starlette:
    settings = FixtureLedgerSandboxConfig().updated(config or {})
    return build_app("fixture_ledger", ROUTES, SandboxState(settings))
