"""The Configuration page's connection area: Connect / Reconnect (the OAuth flow of
functions/oauth_routes.py, started here as a POST), Disconnect (after a confirmation page,
through the same disconnect as /oauth/<provider>/disconnect), an API key's state and the
connection test. Every decision is the person's own: the page is served as them (the
Configuration entry needs integration:manage), integration:manage is checked again as them
and the integration is the one their own view of the project shows; only then do the
service-role steps (tokens, Vault, the test call) run."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from psycopg import AsyncConnection
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from functions import browser_cookie
from functions.auth import user_id
from functions.console import oauth_return, queries
from functions.console.page import Page, refused, render, rows, serve
from functions.services import services_of
from python_workers.connections.connect import begin_authorization
from python_workers.connections.connection_test import run_connection_test
from python_workers.connections.disconnect import disconnect
from python_workers.credentials.oauth_providers import OAuthProvider, oauth_provider

CONFIGURATION = oauth_return.CONFIGURATION
# an outcome named in the Configuration page's URL → (what the page says, good news?)
NOTICES = {
    "connected": ("is connected", True),
    "not_connected": ("was not connected", False),
    "disconnected": ("is disconnected", True),
    "test_passed": ("passed the connection test", True),
    "test_failed": ("failed the connection test", False),
}


def notice(params: Mapping[str, str]) -> dict[str, Any] | None:
    """The outcome the URL names (`?connected=quickbooks`…): fixed text, so a link cannot
    make the page say anything else."""
    for outcome, (text, ok) in NOTICES.items():
        if params.get(outcome):
            return {"provider": params[outcome], "text": text, "ok": ok}
    return None


async def key_states(
    conn: AsyncConnection[Any], providers: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """provider key → integration_api_key_state of the project's API-key integrations."""
    found = {}
    for provider in providers:
        if provider["auth_method"] == "api_key" and provider["id"] is not None:
            answer = await rows(conn, queries.API_KEY_STATE, {"integration": provider["id"]})
            found[provider["provider_key"]] = answer[0]["state"]
    return found


async def _form(request: Request) -> dict[str, str]:
    return {name: str(value) for name, value in (await request.form()).items()}


async def _integration(
    conn: AsyncConnection[Any], page: Page, form: Mapping[str, str]
) -> dict[str, Any] | Response:
    """The form's project's integration of the form's provider as the person sees it, once
    they are known to hold integration:manage there; else the refusal to answer (a project
    not theirs is refused, not swapped for their own as a page is)."""
    project = page.project["id"]
    if form.get("project") != str(project):
        return refused(404, "Not done", "This project is not one of yours.", page)
    provider_key = form.get("provider", "")
    may = await rows(conn, queries.MAY_MANAGE, {"project": project})
    if not may[0]["may"]:
        return refused(403, "Not allowed", "You need the integration:manage permission.", page)
    found = await rows(conn, queries.INTEGRATION_OF, {"project": project, "provider": provider_key})
    if not found:
        return refused(404, "Not done", "This project has no such integration.", page)
    return found[0]


async def _oauth_integration(
    request: Request, conn: AsyncConnection[Any], page: Page, form: Mapping[str, str]
) -> tuple[dict[str, Any], OAuthProvider] | Response:
    """_integration, when its provider connects with OAuth: with that provider."""
    found = await _integration(conn, page, form)
    if isinstance(found, Response):
        return found
    try:
        return found, oauth_provider(found["provider_key"], services_of(request).settings)
    except LookupError:
        return refused(404, "Not done", f"{found['provider_name']} has no OAuth flow.", page)


async def connect(request: Request) -> Response:
    """Connect or reconnect: the OAuth start as the signed-in person, then the provider's
    consent page; the callback brings them back to this project's Configuration page."""
    form = await _form(request)

    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        oauth = await _oauth_integration(request, conn, page, form)
        if isinstance(oauth, Response):
            return oauth
        _, provider = oauth
        settings = services_of(request).settings
        # private.begin_oauth checks integration:manage for these claims once more
        started = await begin_authorization(
            services_of(request).pool, provider, page.project["id"], page.claims
        )
        response = RedirectResponse(started.url, 303)
        browser_cookie.give(response, provider.key, started.browser_nonce, settings)
        oauth_return.give(response, provider.key, page.project["id"], settings)
        return response

    return await serve(request, CONFIGURATION, form, build)


async def disconnect_integration(request: Request) -> Response:
    """Disconnect: first a confirmation page (no script needed), then, confirmed, the
    provider's grant revoked and the credential deleted (python_workers/connections)."""
    form = await _form(request)

    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        oauth = await _oauth_integration(request, conn, page, form)
        if isinstance(oauth, Response):
            return oauth
        found, provider = oauth
        if form.get("confirm") != "yes":
            return render("disconnect_confirm.html", page=page, integration=found)
        services = services_of(request)
        integration_id: UUID = found["id"]
        await disconnect(
            services.pool, provider, integration_id,
            requested_by=user_id(page.claims), transport=services.token_transport,
        )  # fmt: skip
        return oauth_return.back(page.project["id"], "disconnected", provider.key)

    return await serve(request, CONFIGURATION, form, build)


async def test_connection(request: Request) -> Response:
    """The provider's testConnection (one real call with the credential); the integration's
    status follows its outcome, which the page then shows."""
    form = await _form(request)

    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        found = await _integration(conn, page, form)
        if isinstance(found, Response):
            return found
        services = services_of(request)
        tested = await run_connection_test(
            services.pool, found["provider_key"], found["id"],
            settings=services.settings, http=services.http,
            transport=services.token_transport, requested_by=user_id(page.claims),
        )  # fmt: skip
        outcome = "test_passed" if tested.ok else "test_failed"
        return oauth_return.back(page.project["id"], outcome, found["provider_key"])

    return await serve(request, CONFIGURATION, form, build)
