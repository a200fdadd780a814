"""What `plugboard up` runs in the foreground, and the addresses it tells each service."""

from __future__ import annotations

import os
import sys

import psycopg

from python_workers.cli.sandbox import sandbox_ports
from python_workers.config import settings
from python_workers.db.target import DatabaseTarget
from python_workers.providers.registry import provider_specs
from python_workers.supervisor import Service

# Provider URL settings (environment names) -> the sandbox that stands in for the
# provider; from each provider's spec (ProviderSpec.sandbox).
SANDBOX_FOR_SETTING = {
    setting: spec.key for spec in provider_specs().values() for setting in spec.sandbox.urls
}


def _has_pg_cron(url: str) -> bool:
    with psycopg.connect(url) as conn:
        row = conn.execute("select to_regnamespace('cron') is not null").fetchone()
    return bool(row and row[0])


def _plugboard(*args: str) -> list[str]:
    return [sys.executable, "-m", "python_workers", *args]


def sandbox_environment(host: str = "127.0.0.1") -> dict[str, str]:
    """Provider URLs pointing at the local sandboxes, for settings not configured; where a
    sandbox stands in for a provider, the OAuth client it knows by default
    (sandboxes/*/config.py) unless a client is configured."""
    env = {}
    ports = sandbox_ports()
    for spec in provider_specs().values():
        base = f"http://{host}:{ports[spec.key]}"
        urls = {s: base + path for s, path in spec.sandbox.urls.items() if s not in os.environ}
        if urls:
            env.update(urls)
            env.update({k: v for k, v in spec.sandbox.oauth_client.items() if k not in os.environ})
    return env


def foreground_services(target: DatabaseTarget) -> list[Service]:
    sandbox_env = sandbox_environment()
    # without pg_cron (a plain local cluster) the worker plans the schedules itself
    planning = [] if _has_pg_cron(target.app_url) else ["--plan-schedules"]
    services = [
        Service(
            "worker",
            _plugboard("worker", *planning),
            f"sync jobs{' and schedules' if planning else ''} (plugboard worker)",
            {"DATABASE_URL": target.app_url, **sandbox_env},
        )
    ]
    services.append(
        Service(
            "functions",
            _plugboard("functions"),
            f"OAuth connect and status http://127.0.0.1:{settings().plugboard_functions_port}",
            {"DATABASE_URL": target.app_url, **sandbox_env},
        )
    )
    needed = sorted({SANDBOX_FOR_SETTING[s] for s in sandbox_env if s in SANDBOX_FOR_SETTING})
    if needed:
        services.append(
            Service(
                "sandboxes",
                _plugboard("sandbox", *needed),
                ", ".join(f"{name} http://127.0.0.1:{sandbox_ports()[name]}" for name in needed),
            )
        )
    return services
