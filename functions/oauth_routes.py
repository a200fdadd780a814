"""OAuth 2.0 for QuickBooks and HMRC: start (the signed-in user, integration:manage),
callback (from the provider, bound by state and the browser's cookie; back to the console's
Configuration page when the console started the flow: functions/console/oauth_return.py),
disconnect (the signed-in user)."""

from __future__ import annotations

from uuid import UUID

import psycopg
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from functions import browser_cookie
from functions.auth import NotAuthenticated, may_manage_integrations, user_id, verified_claims
from functions.console import oauth_return
from functions.pages import result_page
from functions.services import Services, services_of
from python_workers.connections.connect import begin_authorization, complete_authorization
from python_workers.connections.connection_test import run_connection_test
from python_workers.connections.disconnect import disconnect
from python_workers.credentials.oauth_providers import OAuthProvider, oauth_provider
from python_workers.credentials.store import service_role

# SQLSTATEs of private.begin_oauth -> HTTP status
SQL_ERRORS = {"PB400": 400, "PB401": 401, "PB403": 403, "PB404": 404, "PB409": 409}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _provider(request: Request, services: Services) -> OAuthProvider | None:
    try:
        return oauth_provider(request.path_params["provider"], services.settings)
    except LookupError:
        return None


def _project_id(request: Request) -> UUID | None:
    try:
        return UUID(request.query_params.get("project_id", ""))
    except ValueError:
        return None


async def start(request: Request) -> Response:
    services = services_of(request)
    provider = _provider(request, services)
    if provider is None:
        return _error(404, "no such OAuth provider")
    try:
        claims = verified_claims(request, services.settings)
    except NotAuthenticated as refused:
        return _error(401, str(refused))
    project_id = _project_id(request)
    if project_id is None:
        return _error(400, "project_id (a uuid) is required")
    try:
        started = await begin_authorization(services.pool, provider, project_id, claims)
    except psycopg.Error as error:
        status = SQL_ERRORS.get(error.sqlstate or "")
        if status is None:
            raise
        return _error(status, error.diag.message_primary or "refused")
    response: Response
    if "application/json" in request.headers.get("accept", ""):
        # for apps that navigate themselves: the cookie is kept only when this request was
        # the browser's own to a same-site functions/ (README: connecting)
        response = JSONResponse({"authorize_url": started.url})
    else:
        response = RedirectResponse(started.url, status_code=302)
    browser_cookie.give(response, provider.key, started.browser_nonce, services.settings)
    return response


async def callback(request: Request) -> Response:
    services = services_of(request)
    provider = _provider(request, services)
    if provider is None:
        return result_page("Unknown provider", "This connection link is not valid.", ok=False)
    params = {key: str(value) for key, value in request.query_params.items()}
    result = await complete_authorization(
        services.pool, provider, params, browser_cookie.nonce(request, provider.key),
        services.http, services.token_transport,
    )  # fmt: skip
    if not result.connected:
        # the console shows the integration's status and error; a refused state (perhaps
        # not this person's flow at all) keeps its own page
        if result.project_integration_id is not None:
            back = oauth_return.back_to_console(request, provider.key, connected=False)
            if back is not None:
                return back
        return result_page(result.title, result.message, ok=False)
    assert result.project_integration_id is not None
    tested = await run_connection_test(
        services.pool, provider.key, result.project_integration_id,
        settings=services.settings, http=services.http,
        transport=services.token_transport, requested_by=result.requested_by,
    )  # fmt: skip
    back = oauth_return.back_to_console(request, provider.key, connected=tested.ok)
    if back is not None:
        return back
    if not tested.ok:
        return result_page(
            f"{provider.name} is connected, but the test call failed",
            f"{tested.message or 'The test call failed'}. See Setup > Integrations > Logs.",
            ok=False,
        )
    return result_page(result.title, result.message, ok=True)


async def disconnect_route(request: Request) -> Response:
    services = services_of(request)
    provider = _provider(request, services)
    if provider is None:
        return _error(404, "no such OAuth provider")
    try:
        claims = verified_claims(request, services.settings)
    except NotAuthenticated as refused:
        return _error(401, str(refused))
    project_id = _project_id(request)
    if project_id is None:
        return _error(400, "project_id (a uuid) is required")
    if not await may_manage_integrations(services.pool, claims, project_id):
        return _error(403, "you need the integration:manage permission in this project")
    integration_id = await _integration_id(services, project_id, provider.key)
    if integration_id is None:
        return _error(404, f"this project has no {provider.key} integration")
    done = await disconnect(
        services.pool, provider, integration_id,
        requested_by=user_id(claims), transport=services.token_transport,
    )  # fmt: skip
    return JSONResponse(
        {
            "status": "Disconnected",
            "revoked": done.revoked,
            "revocation_error": done.revocation_error,
        }
    )


async def _integration_id(services: Services, project_id: UUID, provider_key: str) -> UUID | None:
    async with services.pool.connection() as conn, service_role(conn):
        row = await (
            await conn.execute(
                "select pi.id from public.project_integrations as pi"
                " join public.integration_providers as p on p.id = pi.provider_id"
                " where pi.project_id = %s and p.key = %s",
                (project_id, provider_key),
            )
        ).fetchone()
    return row[0] if row else None


ROUTES: list[BaseRoute] = [
    Route("/oauth/{provider}/start", start, methods=["GET"]),
    Route("/oauth/{provider}/callback", callback, methods=["GET"]),
    Route("/oauth/{provider}/disconnect", disconnect_route, methods=["POST"]),
]
