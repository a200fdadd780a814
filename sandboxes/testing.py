"""Helpers for tests (plain functions, no fixtures): start a sandbox and steer it over HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from sandboxes.common.server import RunningSandbox


def start_sandbox(name: str, *, env: dict[str, str] | None = None, **config: Any) -> RunningSandbox:
    """Sandbox `name` started in a subprocess on a free port with `config` overrides.

    Use as `with start_sandbox("quickbooks", limits_enabled=False) as sandbox: ...`
    or call `.stop()` yourself.
    """
    return RunningSandbox(name, config=config, env=env).start()


def _inspect(sandbox: RunningSandbox, method: str, path: str, body: Any = None) -> Any:
    response = httpx.request(method, f"{sandbox.base_url}/_sandbox/{path}", json=body, timeout=10)
    response.raise_for_status()
    return response.json()


def reset_sandbox(sandbox: RunningSandbox) -> None:
    _inspect(sandbox, "POST", "reset")


def configure_sandbox(sandbox: RunningSandbox, **changes: Any) -> dict[str, Any]:
    config: dict[str, Any] = _inspect(sandbox, "POST", "config", changes)
    return config


def inject_faults(sandbox: RunningSandbox, **settings: Any) -> None:
    """Server-wide faults, e.g. inject_faults(sandbox, rate=0.1, kinds=["503"], seed=1)."""
    _inspect(sandbox, "POST", "faults", settings)


def clear_faults(sandbox: RunningSandbox) -> None:
    _inspect(sandbox, "DELETE", "faults")


def sandbox_state(sandbox: RunningSandbox) -> Any:
    return _inspect(sandbox, "GET", "state")


def sandbox_requests(sandbox: RunningSandbox, last: int | None = None) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = _inspect(
        sandbox, "GET", "requests" if last is None else f"requests?last={last}"
    )
    return records


def sandbox_counters(sandbox: RunningSandbox) -> dict[str, int]:
    counters: dict[str, int] = _inspect(sandbox, "GET", "counters")
    return counters
