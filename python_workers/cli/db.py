"""`plugboard db …`: the local cluster (when no DATABASE_URL), migrations and demo data."""

from __future__ import annotations

import psycopg
import typer
from rich.console import Console

from python_workers.config import settings
from python_workers.db.cluster import ClusterError
from python_workers.db.migrate import MigrateReport, MigrationError, SquashedHistoryError, migrate
from python_workers.db.queue_schema import EarlierQueueError
from python_workers.db.seed import load_seed, reset_database
from python_workers.db.target import DatabaseTarget, resolve_target

app = typer.Typer(no_args_is_help=True, add_completion=False)
console = Console()


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}")
    return typer.Exit(1)


def target() -> DatabaseTarget:
    return resolve_target(settings())


def ensure_started(quiet: bool = False) -> DatabaseTarget:
    chosen = target()
    if chosen.cluster is None:
        return chosen
    try:
        created = chosen.cluster.start()
    except ClusterError as exc:
        raise _fail(str(exc)) from exc
    if not quiet:
        what = "created and started" if created else "running"
        console.print(f"local PostgreSQL {what}: {chosen.app_url} (data {chosen.cluster.pgdata})")
    return chosen


def print_report(report: MigrateReport) -> None:
    for name in report.compat_applied:
        console.print(f"compat applied: {name}")
    if report.vault_key_written:
        console.print("compat Vault: wrote its key to the server's data directory")
    if report.compat_present:
        console.print(f"compat already present: {len(report.compat_present)} piece(s)")
    for name in report.adopted:
        console.print(f"recorded as applied (already installed): {name}")
    for name in report.applied:
        console.print(f"applied: {name}")
    console.print(
        f"{len(report.applied)} migration(s) applied, {report.already_applied} already applied"
    )
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")


def run_migrations(chosen: DatabaseTarget) -> None:
    try:
        print_report(migrate(chosen.admin_url))
    except (MigrationError, SquashedHistoryError, EarlierQueueError) as exc:
        raise _fail(str(exc)) from exc
    except psycopg.OperationalError as exc:
        raise _fail(f"cannot connect to PostgreSQL: {exc}") from exc


@app.command()
def start() -> None:
    """Create (once) and start the local cluster; with DATABASE_URL, check it answers."""
    chosen = ensure_started()
    if chosen.cluster is None:
        status()


@app.command()
def stop() -> None:
    """Stop the local cluster cleanly."""
    chosen = target()
    if chosen.cluster is None:
        raise _fail("DATABASE_URL is set: Plugboard does not run that server")
    chosen.cluster.stop()
    console.print("local PostgreSQL stopped")


@app.command()
def status() -> None:
    """Say where the database is and whether it answers."""
    chosen = target()
    if chosen.cluster is not None:
        state = "running" if chosen.cluster.running() else "stopped"
        if not chosen.cluster.initialized():
            state = "not created yet (plugboard db start creates it)"
        console.print(
            f"local cluster: {state}\n  url:  {chosen.app_url}\n  data: {chosen.cluster.pgdata}"
        )
        if state != "running":
            return
    try:
        with psycopg.connect(chosen.app_url, connect_timeout=5) as conn:
            row = conn.execute("select current_database(), version()").fetchone()
    except psycopg.OperationalError as exc:
        raise _fail(f"cannot connect: {exc}") from exc
    assert row is not None
    console.print(f"connected: database {row[0]}, {row[1].split(',')[0]}")


@app.command("migrate")
def migrate_command() -> None:
    """Apply the compat layer where missing, then every migration not yet applied."""
    run_migrations(ensure_started(quiet=True))


@app.command()
def seed() -> None:
    """Load supabase/seed.sql (demo data for local development)."""
    chosen = ensure_started(quiet=True)
    load_seed(chosen.app_url)
    console.print("demo data loaded")


@app.command()
def reset(
    force: bool = typer.Option(False, "--force", help="Required when DATABASE_URL is set."),
) -> None:
    """Drop and recreate the database, migrate and seed it."""
    chosen = ensure_started(quiet=True)
    if chosen.cluster is None and not force:
        raise _fail("refusing to drop the database at DATABASE_URL without --force")
    reset_database(chosen.admin_url)
    run_migrations(chosen)
    load_seed(chosen.app_url)
    console.print("database reset, migrated and seeded")
