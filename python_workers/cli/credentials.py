"""`plugboard credentials …`: global API keys (Companies House), set and tested.

The key is read from standard input or an environment variable, never from the command
line (where it would land in shell history and `ps`), and never printed."""

from __future__ import annotations

import asyncio
import os
import sys

import httpx
import typer
from psycopg_pool import AsyncConnectionPool
from rich.console import Console

from python_workers.cli.db import ensure_started
from python_workers.config import settings
from python_workers.connections.api_key import set_and_test_api_key
from python_workers.connections.connection_test import ConnectionTest, run_connection_test

app = typer.Typer(no_args_is_help=True, add_completion=False)
console = Console()


async def _with_pool(url: str, key: str | None) -> ConnectionTest:
    chosen = settings()
    async with (
        AsyncConnectionPool(url, min_size=1, max_size=4, open=False) as pool,
        httpx.AsyncClient(timeout=30) as http,
    ):
        if key is None:
            return await run_connection_test(
                pool, "companies_house", None, settings=chosen, http=http
            )
        return await set_and_test_api_key(pool, "companies_house", key, chosen, http)


def _report(outcome: ConnectionTest) -> None:
    if outcome.ok:
        console.print("Companies House accepted the key: its integrations are Connected.")
        return
    console.print(f"[red]Companies House test failed[/red] ({outcome.code}): {outcome.message}")
    raise typer.Exit(1)


@app.command("set-companies-house-key")
def set_companies_house_key(
    from_env: str = typer.Option(
        None, help="Read the key from this environment variable instead of standard input."
    ),
) -> None:
    """Set (or replace) the Companies House API key, then test it with a real call."""
    if from_env:
        key = os.environ.get(from_env, "")
    else:
        if sys.stdin.isatty():
            console.print("Paste the Companies House API key, then Enter:")
        key = sys.stdin.readline()
    key = key.strip()
    if not key:
        console.print("[red]error:[/red] no key given")
        raise typer.Exit(2)
    _report(asyncio.run(_with_pool(ensure_started(quiet=True).app_url, key)))


@app.command("test-companies-house-key")
def test_companies_house_key() -> None:
    """Test the stored Companies House API key with a real call."""
    _report(asyncio.run(_with_pool(ensure_started(quiet=True).app_url, None)))
