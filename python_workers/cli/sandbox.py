"""`plugboard sandbox`: the providers' look-alikes (QuickBooks, Companies House, HMRC), alone."""

from __future__ import annotations

import importlib

import typer

from python_workers.config import settings
from sandboxes.registry import PORT_OFFSETS, SANDBOXES


def sandbox_ports() -> dict[str, int]:
    """Ports of the sandboxes for `plugboard up` / `plugboard sandbox`: the first port
    plus each provider spec's port offset."""
    first = settings().plugboard_sandbox_port
    return {name: first + offset for name, offset in PORT_OFFSETS.items()}


def sandbox(
    names: list[str] = typer.Argument(None, help="Which sandboxes (default: all)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
) -> None:
    """Run the provider sandboxes in the foreground (Ctrl-C stops them)."""
    ports = sandbox_ports()
    chosen = names or list(SANDBOXES)
    unknown = sorted(set(chosen) - set(SANDBOXES))
    if unknown:
        raise typer.BadParameter(
            f"unknown sandbox {', '.join(unknown)}; known: {', '.join(SANDBOXES)}"
        )
    runner = importlib.import_module("sandboxes.runner")
    runner.serve_all(host, {name: ports[name] for name in chosen})
