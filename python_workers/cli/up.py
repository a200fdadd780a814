"""`plugboard up`: database, migrations, demo data, then every service in the foreground."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from python_workers.cli.db import ensure_started, run_migrations
from python_workers.cli.up_services import foreground_services
from python_workers.db.seed import load_seed
from python_workers.supervisor import run_services

console = Console()


def up(seed: bool = typer.Option(True, help="Load supabase/seed.sql demo data.")) -> None:
    """Start Plugboard locally: the database with demo data, sandboxes and workers."""
    chosen = ensure_started()
    run_migrations(chosen)
    if seed:
        load_seed(chosen.app_url)
        console.print("demo data loaded (supabase/seed.sql)")
    services = foreground_services(chosen)
    table = Table(title="Plugboard is running")
    table.add_column("service")
    table.add_column("where")
    table.add_row("database", chosen.app_url)
    for service in services:
        table.add_row(service.name, service.describe)
    console.print(table)
    console.print(
        "Try it: psql "
        f"'{chosen.app_url}' -c 'select provider_key, status from v_project_integrations'\n"
        "Ctrl-C stops everything."
    )
    raise typer.Exit(run_services(services, console.print))
