"""`plugboard status`: the queue, the workers, stalled jobs and the last hour's failures,
read from the database (procrastinate's tables and the sync logs), as tables or --json."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import datetime
from typing import Any

import psycopg
import typer
from rich.console import Console
from rich.table import Table

from python_workers.cli.db import target
from python_workers.engine import queue_stats

console = Console()
FAILURE_WINDOW_SECONDS = 3600.0
TEXT_COLUMNS = {"queue", "state", "task", "sync log", "provider", "error code"}  # others: numbers


async def gather(url: str, stalled_after: float) -> dict[str, Any]:
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        depth = await queue_stats.queue_depth(conn)
        beats = await queue_stats.workers(conn)
        stalled = await queue_stats.stalled_jobs(conn, stalled_after)
        failures = await queue_stats.recent_failures(conn, FAILURE_WINDOW_SECONDS)
    return {
        "queues": [dataclasses.asdict(d) for d in depth],
        "workers": [
            {**dataclasses.asdict(w), "live": w.silent_seconds <= stalled_after} for w in beats
        ],
        "stalled_after_seconds": stalled_after,
        "stalled_jobs": [dataclasses.asdict(s) for s in stalled],
        "failures_last_hour": [dataclasses.asdict(f) for f in failures],
    }


def _table(title: str, columns: list[str], rows: list[list[str]], empty: str) -> Table | str:
    if not rows:
        return f"[bold]{title}[/bold]: {empty}"
    table = Table(title=title, title_justify="left", title_style="bold")
    for column in columns:
        table.add_column(column, justify="left" if column in TEXT_COLUMNS else "right")
    for row in rows:
        table.add_row(*row)
    return table


def print_report(report: dict[str, Any]) -> None:
    queues = [
        [q["queue"], str(q["waiting"]), str(q["scheduled"]), str(q["running"]),
         f"{q['oldest_waiting_seconds']:.1f} s"]
        for q in report["queues"]
    ]  # fmt: skip
    live = [w for w in report["workers"] if w["live"]]
    workers = [
        [str(w["id"]), f"{w['silent_seconds']:.1f} s ago", str(w["running"]),
         "live" if w["live"] else "silent"]
        for w in report["workers"]
    ]  # fmt: skip
    stalled = [
        [str(s["id"]), s["queue"], s["task_name"], str(s["worker_id"] or "gone"),
         str(s["attempts"]), s["log_id"] or ""]
        for s in report["stalled_jobs"]
    ]  # fmt: skip
    failures = [
        [f["provider"], f["error_code"], str(f["runs"])] for f in report["failures_last_hour"]
    ]
    after = report["stalled_after_seconds"]
    for part in (
        _table("Queues", ["queue", "waiting", "scheduled", "running", "oldest waiting"], queues,
               "empty"),
        _table(f"Workers ({len(live)} live: a heartbeat within {after:g} s)",
               ["worker", "last heartbeat", "running", "state"], workers, "none registered"),
        _table(f"Stalled jobs ({len(stalled)}: their worker is gone or silent over {after:g} s)",
               ["job", "queue", "task", "worker", "attempts", "sync log"], stalled, "none"),
        _table("Failed runs, last hour", ["provider", "error code", "runs"],
               failures, "none"),
    ):  # fmt: skip
        console.print(part)


def _json_default(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def status(
    as_json: bool = typer.Option(False, "--json", help="One JSON object instead of tables."),
    stalled_after_seconds: float = typer.Option(
        30.0, min=0.1, help="A worker silent this long counts as stalled (the workers' own)."
    ),
) -> None:
    """The job queue, live workers, stalled jobs and the last hour's failures by code."""
    chosen = target()
    try:
        report = asyncio.run(gather(chosen.app_url, stalled_after_seconds))
    except psycopg.OperationalError as exc:
        console.print(f"[red]error:[/red] cannot connect to PostgreSQL: {exc}")
        raise typer.Exit(1) from exc
    except psycopg.errors.UndefinedTable as exc:
        console.print(
            f"[red]error:[/red] {exc}: is the database migrated? (`plugboard db migrate`)"
        )
        raise typer.Exit(1) from exc
    if as_json:
        print(json.dumps(report, default=_json_default, indent=2))
    else:
        print_report(report)
