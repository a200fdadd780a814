"""`plugboard functions`: the inbound HTTP endpoints (functions/): OAuth start, callback
and disconnect, connection status."""

from __future__ import annotations

import typer
import uvicorn

from python_workers.config import settings


def functions(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(None, help="Port (default PLUGBOARD_FUNCTIONS_PORT, 54421)."),
) -> None:
    """Serve functions/ in the foreground (Ctrl-C stops it)."""
    from functions.app import create_app

    chosen = settings()
    # no access log: callback URLs carry authorization codes
    uvicorn.run(
        create_app(settings=chosen),
        host=host,
        port=port or chosen.plugboard_functions_port,
        log_level="warning",
        access_log=False,
    )
