"""Setup > Integrations > Logs: the 30-day chart, the keyset-paged runs with their filters
in the URL, a run's detail, and a run's row (which a pending row polls)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import psycopg
from psycopg import AsyncConnection
from starlette.requests import Request
from starlette.responses import Response

from functions.console import chart, queries, wording
from functions.console.page import Page, refused, render, rows, serve

LOGS = "/setup/integrations/logs"
STATUSES = ("pending", "in_progress", "success", "partial_success", "failed")
TRIGGERS = ("on_manual", "on_schedule", "on_status_change", "on_link", "realtime")
LOG_FILTERS = {  # URL parameter → integration_sync_logs_page filter
    "provider": "provider", "feature": "feature_id", "status": "status",
    "trigger": "trigger_type", "from": "from", "to": "to",
}  # fmt: skip


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
        outcomes = await rows(
            conn, queries.OUTCOMES_BY_DAY, {"project": page.project["id"], "days": chart.DAYS}
        )
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
            providers=sorted({(f["provider_key"], f["provider_name"]) for f in features},
                             key=lambda provider: provider[1]),
            features=[(str(f["feature_id"]), f["feature_name"]) for f in features],
            statuses=[(status, wording.status_name(status)) for status in STATUSES],
            triggers=[(trigger, wording.trigger_name(trigger)) for trigger in TRIGGERS],
        )  # fmt: skip

    return await serve(request, LOGS, params, build)


async def find_log(
    conn: AsyncConnection[Any], page: Page, raw_id: str
) -> dict[str, Any] | Response:
    """The run `raw_id` of the open project as the person sees it, else the 404 page (an id
    that is not one, or a run they may not see, answer alike)."""
    try:
        log_id = UUID(raw_id)
    except ValueError:
        return refused(404, "No such run", "That is not a run's id.", page)
    found = await rows(conn, queries.LOG, {"project": page.project["id"], "id": log_id})
    if not found:
        return refused(404, "No such run", "No run with that id in this project.", page)
    return found[0]


def one_log(template: str) -> Callable[[Request], Awaitable[Response]]:
    """A run of the open project shown with `template`: its detail page, or its Logs row."""

    async def handler(request: Request) -> Response:
        async def build(conn: AsyncConnection[Any], page: Page) -> Response:
            log = await find_log(conn, page, request.path_params["log_id"])
            if isinstance(log, Response):
                return log
            return render(template, page=page, log=log)

        return await serve(request, LOGS, request.query_params, build)

    return handler
