"""What `plugboard up` runs in the foreground, and the addresses it tells each service."""

from __future__ import annotations

import os
import sys

import psycopg

from python_workers.cli.sandbox import sandbox_ports
from python_workers.config import settings
from python_workers.db.target import DatabaseTarget
from python_workers.supervisor import Service

# Provider base URL settings -> the sandbox that stands in for the provider.
SANDBOX_FOR_SETTING = {
    "QBO_API_BASE_URL": "quickbooks",
    "QBO_OAUTH_BASE_URL": "quickbooks",
    "QBO_TOKEN_URL": "quickbooks",
    "COMPANIES_HOUSE_BASE_URL": "companies_house",
    "HMRC_BASE_URL": "hmrc",
    "QBO_REVOKE_URL": "quickbooks",
    "HMRC_OAUTH_BASE_URL": "hmrc",
}
SANDBOX_PATHS = {
    "QBO_OAUTH_BASE_URL": "/connect/oauth2",
    "QBO_TOKEN_URL": "/oauth2/v1/tokens/bearer",
    "QBO_REVOKE_URL": "/oauth2/v1/tokens/revoke",
}
# The OAuth client the sandboxes know by default (sandboxes/*/config.py), used when the
# provider's OAuth endpoints are the sandbox's and no client is configured.
SANDBOX_OAUTH_CLIENTS = {
    "QBO_OAUTH_BASE_URL": {"QBO_CLIENT_ID": "sandbox-client-id",
                           "QBO_CLIENT_SECRET": "sandbox-client-secret"},
    "HMRC_OAUTH_BASE_URL": {"HMRC_CLIENT_ID": "sandbox-client-id",
                            "HMRC_CLIENT_SECRET": "sandbox-client-secret"},
}  # fmt: skip


def _has_pg_cron(url: str) -> bool:
    with psycopg.connect(url) as conn:
        row = conn.execute("select to_regnamespace('cron') is not null").fetchone()
    return bool(row and row[0])


def _plugboard(*args: str) -> list[str]:
    return [sys.executable, "-m", "python_workers", *args]


def sandbox_environment(host: str = "127.0.0.1") -> dict[str, str]:
    """Provider URLs pointing at the local sandboxes, for settings not configured."""
    env = {}
    ports = sandbox_ports()
    for setting, name in SANDBOX_FOR_SETTING.items():
        if setting not in os.environ:
            env[setting] = f"http://{host}:{ports[name]}{SANDBOX_PATHS.get(setting, '')}"
    for setting, client in SANDBOX_OAUTH_CLIENTS.items():
        if setting in env:
            env.update({name: value for name, value in client.items() if name not in os.environ})
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
