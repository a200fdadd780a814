"""The console's pages: sign-in, Setup > Integrations > Logs (keyset-paged, filters in the
URL, a run's detail) and Configuration (a card per provider of the project's country, its
features with on/off and "sync now", the configuration history). Every read and change
runs as the signed-in person (functions/as_person.py); a page whose menu entry the person
lacks answers 403."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import psycopg
from jinja2 import Environment, FileSystemLoader, select_autoescape
from psycopg import AsyncConnection
from psycopg.rows import dict_row
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from functions.as_person import as_person
from functions.auth import NotAuthenticated
from functions.console import chart, queries, session
from functions.services import services_of
from python_workers.config import REPO_ROOT

LOGS = "/setup/integrations/logs"
CONFIGURATION = "/setup/integrations/configuration"
HTMX = REPO_ROOT / "node_modules" / "htmx.org" / "dist" / "htmx.min.js"
STATUSES = ("pending", "in_progress", "success", "partial_success", "failed")
TRIGGERS = ("on_manual", "on_schedule", "on_status_change", "on_link", "realtime")
LOG_FILTERS = {  # URL parameter → integration_sync_logs_page filter
    "provider": "provider", "feature": "feature_id", "status": "status",
    "trigger": "trigger_type", "from": "from", "to": "to",
}  # fmt: skip
HMRC_REFERENCES = ("vrn", "utr", "employer_paye_reference", "accounts_office_reference")
# hmrc_set_references names a PAYE error by its client action's field
HMRC_ERROR_FIELDS = {"employer_reference": "employer_paye_reference"}
# an RPC's refusal → the HTTP status the page answers with
REFUSED_STATUS = {"PB403": 403, "42501": 403, "PB404": 404}

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
)


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


async def sign_in(request: Request) -> Response:
    services = services_of(request)
    used: set[str] = request.app.state.console_sign_ins
    try:
        token = session.session_for(request.query_params.get("token", ""), services.settings, used)
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


def log_filters(params: Mapping[str, str]) -> dict[str, str]:
    return {
        LOG_FILTERS[name]: value for name, value in params.items() if name in LOG_FILTERS and value
    }


async def logs(request: Request) -> Response:
    params = request.query_params

    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        after_at, after_id = params.get("after_at") or None, params.get("after_id") or None
        found = await rows(conn, queries.LOGS_PAGE, {
            "project": page.project["id"], "filters": psycopg.types.json.Jsonb(log_filters(params)),
            "after_at": after_at, "after_id": after_id, "limit": 50,
        })  # fmt: skip
        features = await rows(conn, queries.FEATURES, {"project": page.project["id"]})
        outcomes = await rows(conn, queries.OUTCOMES_BY_DAY, {"project": page.project["id"]})
        kept = {name: params[name] for name in (*LOG_FILTERS, "project") if params.get(name)}
        kept["project"] = str(page.project["id"])
        next_query = None
        if len(found) == 50:
            last = found[-1]
            next_query = urlencode(
                {**kept, "after_at": last["created_at"].isoformat(), "after_id": last["id"]}
            )
        return render(
            "logs.html", page=page, logs=found, filters=kept, next_query=next_query,
            bars=chart.outcome_bars(outcomes, datetime.now(UTC).date()), chart_height=chart.HEIGHT,
            providers=[(key, key) for key in sorted({f["provider_key"] for f in features})],
            features=[(str(f["feature_id"]), f["feature_name"]) for f in features],
            statuses=[(status, status) for status in STATUSES],
            triggers=[(trigger, trigger) for trigger in TRIGGERS],
        )  # fmt: skip

    return await serve(request, LOGS, params, build)


def one_log(template: str) -> Callable[[Request], Awaitable[Response]]:
    """A run of the open project shown with `template`: its detail page, or its Logs row."""

    async def handler(request: Request) -> Response:
        async def build(conn: AsyncConnection[Any], page: Page) -> Response:
            try:
                log_id = UUID(request.path_params["log_id"])
            except ValueError:
                return refused(404, "No such run", "That is not a run's id.", page)
            found = await rows(conn, queries.LOG, {"project": page.project["id"], "id": log_id})
            if not found:
                return refused(404, "No such run", "No run with that id in this project.", page)
            return render(template, page=page, log=found[0])

        return await serve(request, LOGS, request.query_params, build)

    return handler


async def configuration_page(
    conn: AsyncConnection[Any], page: Page, field_errors: Mapping[str, str], status: int = 200
) -> Response:
    """The Configuration page; field_errors: a feature key → the message shown at its field."""
    project = {"project": page.project["id"]}
    return render(
        "configuration.html", status, page=page, field_errors=field_errors,
        providers=await rows(conn, queries.PROVIDERS, project),
        features=await rows(conn, queries.FEATURES, project),
        history=await rows(conn, queries.HISTORY, project),
    )  # fmt: skip


async def configuration(request: Request) -> Response:
    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        return await configuration_page(conn, page, {})

    return await serve(request, CONFIGURATION, request.query_params, build)


async def set_schedule(request: Request) -> Response:
    """A feature's schedule (its cron) through integration_feature_set_trigger; the RPC's
    validation message is shown at the field."""
    form = {name: str(value) for name, value in (await request.form()).items()}

    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        arguments = {
            "project": page.project["id"], "integration": form.get("integration"),
            "feature": form.get("feature"), "schedule": form.get("schedule", "").strip(),
        }  # fmt: skip
        try:
            async with conn.transaction():
                saved = await conn.execute(queries.SET_SCHEDULE, arguments)
        except psycopg.Error as error:
            if error.sqlstate not in ("PB400", "PB422"):  # a bad value, not a refusal
                raise
            message = error.diag.message_primary or "not a schedule"
            return await configuration_page(conn, page, {form.get("feature", ""): message}, 422)
        if saved.rowcount == 0:
            return refused(404, "Not done", "No scheduled feature of that name here.", page)
        return RedirectResponse(
            f"{CONFIGURATION}?project={page.project['id']}#feature-{form.get('feature', '')}", 303
        )

    return await serve(request, CONFIGURATION, form, build)


async def set_hmrc_references(request: Request) -> Response:
    """The HMRC identifiers through hmrc_set_references: each refused one's message is shown
    at its field and nothing is saved. A field left empty keeps what is stored."""
    form = {name: str(value) for name, value in (await request.form()).items()}

    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        given = {name: form[name].strip() for name in HMRC_REFERENCES if form.get(name, "").strip()}
        found = await rows(conn, queries.SET_HMRC_REFERENCES, {
            "integration": form.get("integration"), "references": psycopg.types.json.Jsonb(given),
        })  # fmt: skip
        outcome = found[0]["hmrc_set_references"]
        if not outcome["saved"]:
            errors = {
                "hmrc." + HMRC_ERROR_FIELDS.get(error["field"], error["field"]): error["message"]
                for error in outcome["errors"]
            }
            return await configuration_page(conn, page, errors, 422)
        return RedirectResponse(f"{CONFIGURATION}?project={page.project['id']}#provider-hmrc", 303)

    return await serve(request, CONFIGURATION, form, build)


def change(sql: str, with_enabled: bool) -> Callable[[Request], Awaitable[Response]]:
    """A POST from the Configuration page that calls one RPC, then shows the page again."""

    async def handler(request: Request) -> Response:
        form = {name: str(value) for name, value in (await request.form()).items()}

        async def build(conn: AsyncConnection[Any], page: Page) -> Response:
            arguments: dict[str, Any] = {
                "integration": form.get("integration"),
                "feature": form.get("feature"),
            }
            if with_enabled:
                arguments["enabled"] = form.get("enabled") == "true"
            await conn.execute(sql, arguments)
            return RedirectResponse(
                f"{CONFIGURATION}?project={page.project['id']}#feature-{form.get('feature', '')}",
                303,
            )

        return await serve(request, CONFIGURATION, form, build)

    return handler


async def htmx(request: Request) -> Response:
    return FileResponse(
        HTMX, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
    )


ROUTES: list[BaseRoute] = [
    Route("/console/sign-in", sign_in, methods=["GET"]),
    Route("/console/static/htmx.min.js", htmx, methods=["GET"]),
    Route("/setup/integrations", home, methods=["GET"]),
    Route(LOGS, logs, methods=["GET"]),
    Route(LOGS + "/{log_id}", one_log("log_detail.html"), methods=["GET"]),
    Route(LOGS + "/{log_id}/row", one_log("log_row.html"), methods=["GET"]),
    Route(CONFIGURATION, configuration, methods=["GET"]),
    Route(CONFIGURATION + "/feature", change(queries.SET_FEATURE_ENABLED, True), methods=["POST"]),
    Route(CONFIGURATION + "/sync", change(queries.REQUEST_SYNC, False), methods=["POST"]),
    Route(CONFIGURATION + "/schedule", set_schedule, methods=["POST"]),
    Route(CONFIGURATION + "/hmrc-references", set_hmrc_references, methods=["POST"]),
]
