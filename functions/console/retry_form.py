"""A run's "Retry" button (issue #23): the run's detail page posts here and
integration_retry_sync decides whether the run may be retried; the person then opens the
new run (or the retry already waiting, on a second click). A refusal (no permission, the
integration off or not connected, an HMRC call to submit again from the app, …) is shown
at the button on the run's page, with the RPC's message."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import AsyncConnection
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from functions.console import queries
from functions.console.logs_pages import LOGS, find_log
from functions.console.page import REFUSED_STATUS, Page, render, rows, serve


async def retry(request: Request) -> Response:
    form = {name: str(value) for name, value in (await request.form()).items()}

    async def build(conn: AsyncConnection[Any], page: Page) -> Response:
        log = await find_log(conn, page, request.path_params["log_id"])
        if isinstance(log, Response):
            return log
        try:
            async with conn.transaction():
                retried = await rows(conn, queries.RETRY_SYNC, {"log": log["id"]})
        except psycopg.Error as error:
            state = error.sqlstate or ""
            if not (state.startswith("PB") or state == "42501"):  # not a refusal
                raise
            message = error.diag.message_primary or "this run cannot be retried"
            status = REFUSED_STATUS.get(state, 409)
            return render("log_detail.html", status, page=page, log=log, retry_error=message)
        new_id = retried[0]["log_id"]
        return RedirectResponse(f"{LOGS}/{new_id}?project={page.project['id']}", 303)

    return await serve(request, LOGS, form, build)
