"""A feature's trigger changed from the Configuration page: its type and that type's
settings (the cron of on_schedule, the status filter of on_status_change) through
integration_feature_set_trigger, as any client changes it. The rest of the effective
config (the watched table, other filter columns) is kept. The SQL validation decides;
its message is shown at the field it names and nothing is saved."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import AsyncConnection
from psycopg.types.json import Jsonb
from starlette.requests import Request
from starlette.responses import Response

from functions.console import queries
from functions.console.configuration_pages import CONFIGURATION, configuration_page, to_feature
from functions.console.page import Page, refused, rows, serve
from functions.console.wording import TRIGGER_NAMES


def new_config(current: dict[str, Any], trigger: str, form: dict[str, str]) -> dict[str, Any]:
    """The config `trigger` gets: the current one without a schedule, plus the form's cron
    (on_schedule) or status filter (on_status_change; several values comma-separated)."""
    config = {key: value for key, value in current.items() if key != "schedule"}
    if trigger == "on_schedule":
        config["schedule"] = form.get("schedule", "").strip()
    statuses = [value.strip() for value in form.get("status", "").split(",") if value.strip()]
    filters = {key: value for key, value in (config.get("filter") or {}).items()}
    if trigger == "on_status_change" or statuses:
        filters.pop("status", None)
        if statuses:
            filters["status"] = statuses[0] if len(statuses) == 1 else statuses
    if filters:
        config["filter"] = filters
    else:
        config.pop("filter", None)
    return config


def field_of(message: str) -> str:
    """The form field a trigger_config_error message names."""
    if message.startswith("trigger_config.schedule"):
        return "schedule"
    if message.startswith("trigger_config.filter.status"):
        return "status"
    return "trigger_type"


async def set_trigger(request: Request) -> Response:
    form = {name: str(value) for name, value in (await request.form()).items()}
    feature = form.get("feature", "")

    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        trigger = form.get("trigger_type", "")
        if trigger not in TRIGGER_NAMES:
            errors = {f"trigger.{feature}.trigger_type": "choose one of the trigger types offered"}
            return await configuration_page(conn, page, errors, 422)
        found = await rows(conn, queries.FEATURE, {
            "project": page.project["id"], "integration": form.get("integration"),
            "feature": feature,
        })  # fmt: skip
        if not found:
            return refused(404, "Not done", "No feature of that name here.", page)
        config = new_config(dict(found[0]["trigger_config"] or {}), trigger, form)
        try:
            async with conn.transaction():
                await conn.execute(queries.SET_TRIGGER, {
                    "integration": form.get("integration"), "feature": feature,
                    "trigger": trigger, "config": Jsonb(config),
                })  # fmt: skip
        except psycopg.Error as error:
            if error.sqlstate not in ("PB400", "PB422"):  # a bad value, not a refusal
                raise
            message = error.diag.message_primary or "not a valid trigger"
            errors = {f"trigger.{feature}.{field_of(message)}": message}
            return await configuration_page(conn, page, errors, 422)
        return to_feature(page, feature)

    return await serve(request, CONFIGURATION, form, build)
