"""`plugboard sync <provider> <feature> [ids…] --project <id>`: run a feature now, as the
project's "Sync" button does (public.integration_request_sync, as service_role), for the
whole project or the records named, and follow it — and the batch runs it plans — with a
progress bar to a summary table. Workers do the work (`plugboard up` starts one; else
`plugboard worker`). An unknown provider or feature, or a refusal of the RPC, is one line
on stderr and exit code 1.

    plugboard sync quickbooks expenses --project 10000000-0000-4000-a000-000000000001 --demo
    plugboard sync quickbooks verify_vendor_hash <relationship id> --project <id>
    plugboard sync companies_house company_search brightwater --project <id>

A name in sync_names.RPC_COMMANDS (the register search) calls its own RPC with the
words after it instead.
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
    NotASandbox,
    connect_to_sandbox,
    map_demo_codes,
    sandbox_config,
)
from python_workers.cli.sync_names import RPC_COMMANDS, UnknownName, check_names
from python_workers.cli.sync_runs import progress

console = Console()

INTEGRATION_SQL = """
select pi.id, pi.status::text from public.project_integrations as pi
join public.integration_providers as p on p.id = pi.provider_id
where pi.project_id = %s and p.key = %s
"""


class Refused(Exception):
    """What stops a sync before anything runs: one line for the person."""


def sync(
    provider: str = typer.Argument(..., help="quickbooks, companies_house, hmrc"),
    feature: str = typer.Argument(..., help="A feature of the provider: vendors, company_info, …"),
    ids: list[str] | None = typer.Argument(
        None, help="Record ids to run it for (default: the whole feature)."
    ),
    project: UUID = typer.Option(..., help="The project's id."),
    demo: bool = typer.Option(
        False, help="QuickBooks: first connect the project to the local sandbox, map demo codes."
    ),
    timeout: float = typer.Option(600.0, help="Give up following after this many seconds."),
) -> None:
    """Run one feature of a project's integration now and follow it."""
    url = ensure_started(quiet=True).app_url
    try:
        code = asyncio.run(_sync(url, provider, feature, ids or None, project, demo, timeout))
    except (Refused, UnknownName, NotASandbox) as refused:
        typer.echo(str(refused), err=True)
        code = 1
    raise typer.Exit(code)


async def _sync(
    url: str, provider: str, feature: str, ids: list[str] | None, project: UUID, demo: bool,
    seconds: float,
) -> int:  # fmt: skip
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await check_names(conn, provider, feature)
        if demo and provider != "quickbooks":
            raise Refused("--demo connects QuickBooks only")
        row = await (await conn.execute(INTEGRATION_SQL, (project, provider))).fetchone()
        if row is None:
            raise Refused(f"the project has no {provider} integration")
        integration_id: UUID = row[0]
        if demo:
            if row[1] != "Connected":
                await connect_to_sandbox(conn, integration_id, sandbox_config())
            for reference in ("company_info", *REFERENCE_FEATURES):
                request = await _request(conn, integration_id, provider, reference)
                await _follow(conn, request, seconds)
            mapped = await map_demo_codes(conn, integration_id)
            console.print(f"connected to the QuickBooks sandbox; {mapped} demo codes mapped")
        request = await _request(conn, integration_id, provider, feature, ids)
        return await _follow(conn, request, seconds)


async def _request(
    conn: psycopg.AsyncConnection[Any], integration_id: UUID, provider: str, feature: str,
    ids: list[str] | None = None,
) -> Any:  # fmt: skip
    """integration_request_sync for a feature; a command's own RPC with the words given."""
    call = RPC_COMMANDS.get((provider, feature))
    if call is not None:
        found = await _call(conn, feature, call, (integration_id, " ".join(ids or [])))
    else:
        sql = "select public.integration_request_sync(%s, %s, %s)"
        found = await _call(conn, feature, sql, (integration_id, feature, ids))
    return {**found, "feature": feature}


async def _call(
    conn: psycopg.AsyncConnection[Any], feature: str, sql: str, params: tuple[Any, ...]
) -> Any:
    """An RPC as a trusted server app calls it; its refusal (PB404, PB409, PB422) in its
    own words."""
    try:
        async with conn.transaction():
            await conn.execute("set local role service_role")
            await conn.execute(
                "select set_config('request.jwt.claims', %s, true)", ('{"role": "service_role"}',)
            )
            found = await (await conn.execute(sql, params)).fetchone()
    except psycopg.Error as error:
        raise Refused(f"{feature}: {error.diag.message_primary}") from None
    assert found is not None
    return found[0]


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
    for result in [r for log in logs for r in log["details"].get("results", [])][:20]:
        console.print(
            f"{result['company_number']}  {result['title']}  {result.get('company_status', '')}",
            markup=False,
        )
