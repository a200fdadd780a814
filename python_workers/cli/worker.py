"""`plugboard worker`: run sync jobs (docs/engine.md). Start as many as you like, on any
machines: they share the queue in PostgreSQL."""

from __future__ import annotations

import asyncio

import typer

from python_workers.cli.db import ensure_started
from python_workers.engine.app import WorkerOptions
from python_workers.engine.health import MetricsPortInUse
from python_workers.engine.registry import EXTRA_PROCESSORS_ENV, parse_entries, server_registry
from python_workers.engine.retry import RetryPolicy
from python_workers.engine.serve import serve
from python_workers.logging_json import configure_logging


def worker(
    concurrency: int = typer.Option(8, min=1, help="Jobs this process runs at once."),
    plan_schedules: bool = typer.Option(
        False,
        "--plan-schedules",
        help="Also plan on_schedule features every minute (only where pg_cron is absent).",
    ),
    poll_seconds: float = typer.Option(
        1.0, min=0.05, help="Look for due retries and unlocked jobs this often."
    ),
    heartbeat_seconds: float = typer.Option(5.0, min=0.1, help="Worker heartbeat interval."),
    stalled_after_seconds: float = typer.Option(
        30.0, min=0.5, help="A worker silent this long has its jobs retried."
    ),
    max_attempts: int = typer.Option(5, min=1, help="Attempts of a run before it fails."),
    backoff_base_seconds: float = typer.Option(2.0, min=0.0, help="First retry's backoff."),
    backoff_cap_seconds: float = typer.Option(900.0, min=0.0, help="Longest backoff."),
    processor: list[str] = typer.Option(
        [],
        "--processor",
        envvar=EXTRA_PROCESSORS_ENV,
        help="key=module: an extra server registry entry (a test and extension hook).",
    ),
) -> None:
    """Run sync jobs until SIGTERM (running jobs finish first)."""
    configure_logging()
    try:
        registry = server_registry(parse_entries(processor))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    options = WorkerOptions(
        concurrency=concurrency,
        poll_seconds=poll_seconds,
        heartbeat_seconds=heartbeat_seconds,
        stalled_after_seconds=stalled_after_seconds,
        plan_schedules=plan_schedules,
        policy=RetryPolicy(max_attempts, backoff_base_seconds, backoff_cap_seconds),
    )
    try:
        asyncio.run(serve(ensure_started(quiet=True).app_url, options, registry))
    except MetricsPortInUse as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
