"""Fixture Ledger's sandbox: an OAuth 2.0 server that approves at once (GET
/oauth/authorize redirects back with a code, POST /oauth/token answers tokens for any code),
GET /me naming the ledger of any bearer token (or answering `me_status` when configured
so), POST /entries keeping an entry and answering its id. Everything else is the common
sandbox's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode
from uuid import uuid4

from pydantic_settings import SettingsConfigDict
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sandboxes.common.app import build_app
from sandboxes.common.config import SandboxConfig
from sandboxes.common.state import SandboxState

LEDGER_ID = "ledger-1"


class FixtureLedgerSandboxConfig(SandboxConfig):
    model_config = SettingsConfigDict(env_prefix="FIXTURE_LEDGER_SANDBOX_", extra="forbid")

    me_status: int = 200  # what GET /me answers; not 200: an error, no ledger named


def _state(request: Request) -> SandboxState[Any]:
    state: SandboxState[Any] = request.app.sandbox_state
    return state


def _authorised(request: Request) -> bool:
    return request.headers.get("authorization", "").startswith("Bearer ")


async def authorize(request: Request) -> Response:
    answer = {"code": f"code-{uuid4()}", "state": request.query_params.get("state", "")}
    return RedirectResponse(f"{request.query_params['redirect_uri']}?{urlencode(answer)}")


async def token(request: Request) -> Response:
    return JSONResponse({
        "access_token": f"access-{uuid4()}", "refresh_token": f"refresh-{uuid4()}",
        "token_type": "Bearer", "expires_in": 3600, "scope": "ledger",
    })  # fmt: skip


async def me(request: Request) -> Response:
    if not _authorised(request):
        return JSONResponse({"error": "unauthorized"}, status_code=401)
    status: int = _state(request).config.me_status
    if status != 200:
        return JSONResponse({"error": "configured"}, status_code=status)
    return JSONResponse({"ledger_id": LEDGER_ID})


async def entries(request: Request) -> Response:
    if not _authorised(request):
        return JSONResponse({"error": "unauthorized"}, status_code=401)
    entry = {"id": str(uuid4()), **(await request.json())}
    _state(request).entities[entry["id"]] = entry
    return JSONResponse(entry, status_code=201)


ROUTES: list[BaseRoute] = [
    Route("/oauth/authorize", authorize),
    Route("/oauth/token", token, methods=["POST"]),
    Route("/me", me),
    Route("/entries", entries, methods=["POST"]),
]


def create_app(config: Mapping[str, Any] | None = None) -> Starlette:
    settings = FixtureLedgerSandboxConfig().updated(config or {})
    return build_app("fixture_ledger", ROUTES, SandboxState(settings))
