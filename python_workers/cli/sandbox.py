"""`plugboard sandbox`: the QuickBooks, Companies House and HMRC look-alikes, alone."""

from __future__ import annotations

import importlib

import typer

# Default ports when the sandboxes run for `plugboard up` / `plugboard sandbox`.
SANDBOX_PORTS = {"quickbooks": 54401, "companies_house": 54402, "hmrc": 54403}


def sandbox(
    names: list[str] = typer.Argument(None, help="Which sandboxes (default: all three)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
) -> None:
    """Run the provider sandboxes in the foreground (Ctrl-C stops them)."""
    chosen = names or list(SANDBOX_PORTS)
    unknown = sorted(set(chosen) - set(SANDBOX_PORTS))
    if unknown:
        raise typer.BadParameter(
            f"unknown sandbox {', '.join(unknown)}; known: {', '.join(SANDBOX_PORTS)}"
        )
    runner = importlib.import_module("sandboxes.runner")
    runner.serve_all(host, {name: SANDBOX_PORTS[name] for name in chosen})
