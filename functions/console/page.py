"""What every console page shares: the signed-in person in a project they belong to, the
menu their permissions open, rendering, and the answer when they may not. Every read and
change runs as the person (functions/as_person.py); a page whose menu entry the person
lacks answers 403, an RPC's refusal is shown with its message."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from jinja2 import Environment, FileSystemLoader, select_autoescape
from psycopg import AsyncConnection
from psycopg.rows import dict_row
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from functions.as_person import as_person
from functions.auth import NotAuthenticated
from functions.console import queries, session, wording
from functions.services import services_of

# an RPC's refusal → the HTTP status the page answers with
REFUSED_STATUS = {"PB403": 403, "42501": 403, "PB404": 404}

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
)
TEMPLATES.filters.update(
    trigger_name=wording.trigger_name, status_name=wording.status_name,
    trigger_text=wording.trigger_text, change_text=wording.change_text,
)  # fmt: skip


@dataclass(frozen=True)
class Page:
    """What every page shows: the person, their projects, the one open, its menu."""

    claims: Mapping[str, Any]
    project: Mapping[str, Any]
    projects: list[dict[str, Any]]
    menu: list[dict[str, Any]]
    path: str


Build = Callable[[AsyncConnection[Any], Page], Awaitable[Response]]


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = TEMPLATES.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def refused(status: int, title: str, message: str, page: Page | None = None) -> HTMLResponse:
    return render("refused.html", status, title=title, message=message, page=page)


async def rows(
    conn: AsyncConnection[Any], sql: str, params: Mapping[str, Any]
) -> list[dict[str, Any]]:
    async with conn.cursor(row_factory=dict_row) as cursor:
        await cursor.execute(sql, params)
        return await cursor.fetchall()


async def serve(
    request: Request, path: str | None, params: Mapping[str, Any], build: Build
) -> Response:
    """Signed in, in a project the person belongs to (`project` in params, else their first),
    with the menu entry for `path` (None: their first entry): build the answer; an RPC's
    refusal becomes its message."""
    services = services_of(request)
    origin = request.headers.get("origin")
    if (
        request.method == "POST"
        and origin is not None
        and origin != services.settings.functions_url()
    ):
        # besides the cookie's SameSite=Lax: a form another site posts is refused outright
        return refused(403, "Not allowed", "A change can only come from these pages.")
    try:
        claims = session.claims(request, services.settings)
    except NotAuthenticated as error:
        return refused(401, "Sign in", str(error))
    async with as_person(services.pool, claims) as conn:
        projects = await rows(conn, queries.PROJECTS, {})
        if not projects:
            return refused(403, "No project", "You are not a member of any project.")
        project = next((p for p in projects if str(p["id"]) == params.get("project")), projects[0])
        menu = await rows(conn, queries.MENU, {"project": project["id"]})
        if path is None:
            path = menu[0]["path"] if menu else ""
        page = Page(claims, project, projects, menu, path)
        if path not in {entry["path"] for entry in menu}:
            return refused(
                403, "Not allowed", "Your role in this project does not open this page.", page
            )
        try:
            async with conn.transaction():  # a savepoint: a refusal leaves the request usable
                return await build(conn, page)
        except psycopg.Error as error:
            state = error.sqlstate or ""
            message = error.diag.message_primary or "the database refused the request"
            return refused(REFUSED_STATUS.get(state, 422), "Not done", message, page)
