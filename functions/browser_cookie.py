"""The cookie that binds an OAuth flow to the browser that started it: start gives it a
random nonce (the database keeps its hash with the state), the callback brings it back.
HttpOnly (no script reads it), SameSite=Lax (a browser sends it on the provider's
top-level redirect to the callback, not on cross-site subrequests), Secure when functions/
is served over https, scoped to /oauth/<provider> and living as long as the state (it is
left to expire: without its unused state the nonce is worth nothing)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from python_workers.config import Settings
from python_workers.connections.connect import STATE_LIFETIME


def name(provider_key: str) -> str:
    return f"plugboard_oauth_{provider_key}"


def give(response: Response, provider_key: str, nonce: str, settings: Settings) -> None:
    response.set_cookie(
        name(provider_key), nonce,
        max_age=int(STATE_LIFETIME.total_seconds()), path=f"/oauth/{provider_key}",
        secure=_secure(settings), httponly=True, samesite="lax",
    )  # fmt: skip


def nonce(request: Request, provider_key: str) -> str | None:
    return request.cookies.get(name(provider_key)) or None


def _secure(settings: Settings) -> bool:
    return settings.functions_url().startswith("https://")
