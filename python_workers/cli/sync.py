"""`plugboard sync quickbooks <feature> --project <id>`: run a feature now, as the
project's "Sync" button does (public.integration_request_sync, as service_role), and
follow it — and the batch runs it plans — with a progress bar to a summary table.
Workers do the work (`plugboard up` starts one; else `plugboard worker`).

    plugboard sync quickbooks expenses --project 10000000-0000-4000-a000-000000000001 --demo
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Any
from uuid import UUID

import psycopg
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from python_workers.cli.db import ensure_started
from python_workers.cli.sync_demo import (
    REFERENCE_FEATURES,
    connect_to_sandbox,
    map_demo_codes,
    queue_company_info,
)
from python_workers.cli.sync_runs import progress
from python_workers.config import settings

app = typer.Typer(no_args_is_help=True)
console = Console()

INTEGRATION_SQL = """
select pi.id, pi.status::text from public.project_integrations as pi
join public.integration_providers as p on p.id = pi.provider_id
where pi.project_id = %s and p.key = %s
"""


@app.command("quickbooks")
def quickbooks(
    feature: str = typer.Argument(..., help="expenses, bills, invoices, vendors, customers, …"),
    project: UUID = typer.Option(..., help="The project's id."),
    demo: bool = typer.Option(
        False, help="First connect the project to the local sandbox and map its demo codes."
    ),
    timeout: float = typer.Option(600.0, help="Give up following after this many seconds."),
) -> None:
    """Push (or fetch) one QuickBooks feature of a project now, with progress."""
    url = ensure_started(quiet=True).app_url
    raise typer.Exit(asyncio.run(_sync(url, "quickbooks", feature, project, demo, timeout)))


async def _sync(
    url: str, provider: str, feature: str, project: UUID, demo: bool, seconds: float
) -> int:
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        row = await (await conn.execute(INTEGRATION_SQL, (project, provider))).fetchone()
        if row is None:
            console.print(f"[red]The project has no {provider} integration[/red]")
            return 1
        integration_id: UUID = row[0]
        if demo:
            if row[1] != "Connected":
                await connect_to_sandbox(conn, integration_id, settings())
            info = await queue_company_info(conn, integration_id)
            await _follow(conn, {"queued": True, "log_ids": [info], "feature": "company"}, seconds)
            for reference in REFERENCE_FEATURES:
                await _follow(conn, await _request(conn, integration_id, reference), seconds)
            mapped = await map_demo_codes(conn, integration_id)
            console.print(f"connected to the QuickBooks sandbox; {mapped} demo codes mapped")
        return await _follow(conn, await _request(conn, integration_id, feature), seconds)


async def _request(conn: psycopg.AsyncConnection[Any], integration_id: UUID, feature: str) -> Any:
    async with conn.transaction():
        await conn.execute("set local role service_role")
        await conn.execute(
            "select set_config('request.jwt.claims', %s, true)", ('{"role": "service_role"}',)
        )
        cursor = await conn.execute(
            "select public.integration_request_sync(%s, %s, null)", (integration_id, feature)
        )
        found = await cursor.fetchone()
    assert found is not None
    return {**found[0], "feature": feature}


async def _follow(conn: psycopg.AsyncConnection[Any], request: Any, seconds: float) -> int:
    if not request["queued"]:
        for error in request["errors"]:
            console.print(f"[red]{error['entity_id']}: {error['message']}[/red]")
        return 1
    roots = [UUID(str(i)) for i in request["log_ids"]]
    deadline = time.monotonic() + seconds
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=console) as bar:
        task = bar.add_task(f"{request['feature']}", total=None)
        while True:
            state = await progress(conn, roots)
            bar.update(task, total=state.total or None, completed=state.done)
            if state.complete or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.25)
    _summary(request["feature"], state.finished, state.complete)
    failed = any(log["status"] == "failed" for log in state.finished)
    return 0 if state.complete and not failed else 1


def _summary(feature: str, logs: list[dict[str, Any]], complete: bool) -> None:
    table = Table(title=f"{feature}: {len(logs)} run(s){'' if complete else ' (still running)'}")
    counts = ("processed", "created", "updated", "linked", "skipped", "failed")
    for column in ("runs", "status", *counts):
        table.add_column(column, justify="right" if column != "status" else "left")
    for status, count in sorted(Counter(log["status"] for log in logs).items()):
        same = [log for log in logs if log["status"] == status]
        table.add_row(
            str(count), status,
            *(str(sum(log[f"records_{k}"] for log in same)) for k in counts),
        )  # fmt: skip
    console.print(table)
    errors = [(log, e) for log in logs for e in log["details"].get("errors", [])]
    errors += [(log, {"message": log["error_message"]}) for log in logs if log["error_message"]]
    for log, error in errors[:10]:
        console.print(f"[red]{error.get('entity_id', log['id'])}: {error['message']}[/red]")
