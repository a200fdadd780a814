"""Setup > Integrations > Configuration: a card per provider of the project's country, its
features (on/off, "sync now"; their trigger and schedule: trigger_form.py), the HMRC
references, the configuration history; each change through its RPC, a refused value's
message shown at its field."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import psycopg
from psycopg import AsyncConnection
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from functions.console import connection_pages, queries, wording
from functions.console.page import Page, render, rows, serve

CONFIGURATION = "/setup/integrations/configuration"
HMRC_REFERENCES = ("vrn", "utr", "employer_paye_reference", "accounts_office_reference")
# hmrc_set_references names a PAYE error by its client action's field
HMRC_ERROR_FIELDS = {"employer_reference": "employer_paye_reference"}


async def configuration_page(
    conn: AsyncConnection[Any],
    page: Page,
    field_errors: Mapping[str, str],
    status: int = 200,
    notice: Mapping[str, Any] | None = None,
) -> Response:
    """The Configuration page; field_errors: a field (trigger.<feature>.<field>,
    hmrc.<reference>) → the message shown at it;
    notice: the outcome of a connect, disconnect or test (connection_pages.notice)."""
    project = {"project": page.project["id"]}
    providers = await rows(conn, queries.PROVIDERS, project)
    return render(
        "configuration.html", status, page=page, field_errors=field_errors, notice=notice,
        providers=providers, key_states=await connection_pages.key_states(conn, providers),
        features=await rows(conn, queries.FEATURES, project),
        history=await rows(conn, queries.HISTORY, project),
        trigger_names=wording.TRIGGER_NAMES,
    )  # fmt: skip


async def configuration(request: Request) -> Response:
    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        return await configuration_page(
            conn, page, {}, notice=connection_pages.notice(request.query_params)
        )

    return await serve(request, CONFIGURATION, request.query_params, build)


def to_feature(page: Page, feature: str) -> Response:
    """Back to the Configuration page at a feature's row, after a change saved."""
    return RedirectResponse(f"{CONFIGURATION}?project={page.project['id']}#feature-{feature}", 303)


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
            return to_feature(page, form.get("feature", ""))

        return await serve(request, CONFIGURATION, form, build)

    return handler
