"""`plugboard` — the command line. Each command group lives in its own module."""

from __future__ import annotations

import typer

from python_workers.cli import (
    bench,
    credentials,
    db,
    functions,
    sandbox,
    status,
    sync,
    up,
    vault,
    worker,
)

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
app.add_typer(
    db.app, name="db", help="The database: start | stop | status | migrate | seed | reset."
)
app.command("up")(up.up)
app.command("sandbox")(sandbox.sandbox)
app.command("bench")(bench.bench)
app.command("worker")(worker.worker)
app.command("status")(status.status)
app.command("functions")(functions.functions)
app.add_typer(vault.app, name="vault", help="The compat Vault: rotate-key.")
app.add_typer(
    credentials.app,
    name="credentials",
    help="Global API keys: set-companies-house-key | test-companies-house-key.",
)
app.command("sync")(sync.sync)
