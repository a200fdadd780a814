"""Back to the Configuration page after an OAuth flow the console started: a cookie (the
project's id, HttpOnly, SameSite=Lax, scoped to /oauth/<provider>, as long-lived as the
OAuth state) marks the flow as the console's, and the callback then sends the person back
to the project's Configuration page, naming the outcome, instead of its own result page.
The cookie decides nothing: the page it leads to is served as the person, and a project
id they are not in opens their own project instead."""

from __future__ import annotations

from uuid import UUID

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from python_workers.config import Settings
from python_workers.connections.connect import STATE_LIFETIME

CONFIGURATION = "/setup/integrations/configuration"


def _name(provider_key: str) -> str:
    return f"plugboard_console_return_{provider_key}"


def give(response: Response, provider_key: str, project_id: UUID, settings: Settings) -> None:
    response.set_cookie(
        _name(provider_key), str(project_id),
        max_age=int(STATE_LIFETIME.total_seconds()), path=f"/oauth/{provider_key}",
        secure=settings.functions_url().startswith("https://"), httponly=True, samesite="lax",
    )  # fmt: skip


def back_to_console(request: Request, provider_key: str, *, connected: bool) -> Response | None:
    """The redirect to the Configuration page when the console started this flow, else None."""
    try:
        project_id = UUID(request.cookies.get(_name(provider_key), ""))
    except ValueError:
        return None
    response = back(project_id, "connected" if connected else "not_connected", provider_key)
    response.delete_cookie(_name(provider_key), path=f"/oauth/{provider_key}")
    return response


def back(project_id: object, outcome: str, provider_key: str) -> Response:
    """The project's Configuration page at the provider's card, naming an outcome the card
    shows (connected, disconnected, test_passed, …)."""
    return RedirectResponse(
        f"{CONFIGURATION}?project={project_id}&{outcome}={provider_key}#provider-{provider_key}",
        303,
    )
