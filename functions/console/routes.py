"""The console's routes: sign-in, Setup > Integrations (the first page the person may
open), Logs, Configuration, and htmx served from its npm package (no build step)."""

from __future__ import annotations

from typing import Any

from psycopg import AsyncConnection
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from functions.auth import NotAuthenticated
from functions.console import connection_pages, queries, session
from functions.console.configuration_pages import (
    CONFIGURATION,
    change,
    configuration,
    set_hmrc_references,
)
from functions.console.hand_over import hand_over
from functions.console.logs_pages import LOGS, logs, one_log
from functions.console.page import Page, refused, serve
from functions.console.retry_form import retry
from functions.console.trigger_form import set_trigger
from functions.services import services_of
from python_workers.config import REPO_ROOT

HTMX = REPO_ROOT / "node_modules" / "htmx.org" / "dist" / "htmx.min.js"


async def sign_in(request: Request) -> Response:
    services = services_of(request)
    try:
        token = await session.session_for(
            request.query_params.get("token", ""), services.settings, services.pool
        )
    except NotAuthenticated as error:
        return refused(401, "Sign in", str(error))
    response = RedirectResponse("/setup/integrations", status_code=303)
    session.give(response, token, services.settings)
    return response


async def home(request: Request) -> Response:
    """Setup > Integrations: the first page of it the person may open."""

    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        return RedirectResponse(f"{page.path}?project={page.project['id']}", 303)

    return await serve(request, None, request.query_params, build)


async def htmx(request: Request) -> Response:
    return FileResponse(
        HTMX, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
    )


ROUTES: list[BaseRoute] = [
    Route("/console/sign-in", sign_in, methods=["GET"]),
    Route("/console/session", hand_over, methods=["POST"]),
    Route("/console/static/htmx.min.js", htmx, methods=["GET"]),
    Route("/setup/integrations", home, methods=["GET"]),
    Route(LOGS, logs, methods=["GET"]),
    Route(LOGS + "/{log_id}", one_log("log_detail.html"), methods=["GET"]),
    Route(LOGS + "/{log_id}/row", one_log("log_row.html"), methods=["GET"]),
    Route(LOGS + "/{log_id}/retry", retry, methods=["POST"]),
    Route(CONFIGURATION, configuration, methods=["GET"]),
    Route(CONFIGURATION + "/feature", change(queries.SET_FEATURE_ENABLED, True), methods=["POST"]),
    Route(CONFIGURATION + "/sync", change(queries.REQUEST_SYNC, False), methods=["POST"]),
    Route(CONFIGURATION + "/trigger", set_trigger, methods=["POST"]),
    Route(CONFIGURATION + "/hmrc-references", set_hmrc_references, methods=["POST"]),
    Route(CONFIGURATION + "/connect", connection_pages.connect, methods=["POST"]),
    Route(CONFIGURATION + "/disconnect", connection_pages.disconnect_integration, methods=["POST"]),
    Route(CONFIGURATION + "/test", connection_pages.test_connection, methods=["POST"]),
]
