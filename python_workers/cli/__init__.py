"""`plugboard` — the command line. Each command lives in its own module, imported when
that command runs."""

from __future__ import annotations

import importlib

import typer
from typer import _click  # the click typer vendors: TyperGroup's methods take its types
from typer.core import TyperGroup

# name → (module, attribute: a command function or a Typer of subcommands, help of a group).
# A command's module is imported only when that command runs (or help lists them all), so
# `plugboard functions` does not load the worker's, the sync's or the migrations' libraries.
COMMANDS: dict[str, tuple[str, str, str | None]] = {
    "up": ("python_workers.cli.up", "up", None),
    "sandbox": ("python_workers.cli.sandbox", "sandbox", None),
    "bench": ("python_workers.cli.bench", "bench", None),
    "worker": ("python_workers.cli.worker", "worker", None),
    "status": ("python_workers.cli.status", "status", None),
    "functions": ("python_workers.cli.functions", "functions", None),
    "console": ("python_workers.cli.console", "console", None),
    "sync": ("python_workers.cli.sync", "sync", None),
    "db": (
        "python_workers.cli.db",
        "app",
        "The database: start | stop | status | migrate | seed | reset.",
    ),
    "vault": ("python_workers.cli.vault", "app", "The compat Vault: rotate-key."),
    "credentials": (
        "python_workers.cli.credentials",
        "app",
        "Global API keys: set-companies-house-key | test-companies-house-key.",
    ),
}


class LazyCommands(TyperGroup):
    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute, group_help = COMMANDS[cmd_name]
        target = getattr(importlib.import_module(module), attribute)
        holder = typer.Typer(add_completion=False)
        if isinstance(target, typer.Typer):
            # added as a sub-app, so it stays a group even with one command (vault rotate-key)
            holder.add_typer(target, name=cmd_name, help=group_help)
            return typer.main.get_group(holder).commands[cmd_name]
        holder.command(cmd_name)(target)
        return typer.main.get_command(holder)


app = typer.Typer(cls=LazyCommands, no_args_is_help=True, add_completion=False)


@app.callback()
def plugboard() -> None:
    """`plugboard` — the command line. Each command group lives in its own module."""
