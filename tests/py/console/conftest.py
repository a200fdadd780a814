"""The console tests' fixtures: the connection tests' GB project with an owner and a member
(tests/py/connections/conftest.py), the secret-leak watch, and the real functions/ server
(`plugboard functions`, a subprocess) on the test database, reached over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from python_workers.config import REPO_ROOT
from sandboxes.common.server import free_port
from tests.py.connections.conftest import (  # noqa: F401 (pytest finds fixtures by name)
    JWT_SECRET,
    Sandboxes,
    _watched,
    leaks,
    sandbox_environment,
    sandbox_servers,
    sandboxes,
    template,
    world,
)
from tests.testdb import Database

HOST_APP = "https://app.test.invalid"  # the host app's origin in the tests
# what functions/ must not take from sandbox_environment: it is served as the console's
OWN_SETTINGS = ("DATABASE_URL", "PLUGBOARD_FUNCTIONS_URL", "SUPABASE_JWT_SECRET")
PLUGBOARD = [str(Path(sys.executable).parent / "plugboard")]  # the venv's console script


@dataclass(frozen=True)
class Functions:
    base_url: str
    environment: dict[str, str]  # what `plugboard console` needs to reach the same database

    def sign_in_link(self, email: str) -> str:
        done = subprocess.run(
            [*PLUGBOARD, "console", "--as", email],
            env=self.environment, capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        return done.stdout.strip()


@contextmanager
def serving(environment: dict[str, str]) -> Iterator[str]:
    """A `plugboard functions` process with `environment` (its PLUGBOARD_FUNCTIONS_PORT),
    answering /health: its base URL."""
    port = environment["PLUGBOARD_FUNCTIONS_PORT"]
    server = subprocess.Popen(
        [*PLUGBOARD, "functions", "--port", port], env=environment, cwd=REPO_ROOT
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("plugboard functions did not start")
            time.sleep(0.2)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def serve_functions(db: Database, settings: Mapping[str, str] | None = None) -> Iterator[Functions]:
    """`plugboard functions` on the test database, addressed as the local cluster's database
    (PLUGBOARD_DB_NAME, no DATABASE_URL) so `plugboard console` accepts to sign people in;
    HOST_APP is the host app's origin that may hand people over; `settings`: more
    environment (e.g. the sandboxes' URLs)."""
    if os.environ.get("PLUGBOARD_TEST_DATABASE_URL"):
        pytest.skip("`plugboard console` signs in only on the local cluster")
    port = free_port()
    environment = {
        name: value for name, value in os.environ.items() if name != "DATABASE_URL"
    } | dict(settings or {}) | {
        "PLUGBOARD_DB_NAME": db.name,
        "SUPABASE_JWT_SECRET": JWT_SECRET,
        "PLUGBOARD_FUNCTIONS_PORT": str(port),
        "PLUGBOARD_FUNCTIONS_URL": f"http://127.0.0.1:{port}",
        "PLUGBOARD_CONSOLE_ALLOWED_ORIGINS": HOST_APP,
        "PYTHONPATH": str(REPO_ROOT),  # this checkout's code, not the venv's editable install
    }  # fmt: skip
    with serving(environment) as base_url:
        yield Functions(base_url, environment)


@pytest.fixture
def functions_server(db: Database) -> Iterator[Functions]:
    with serve_functions(db) as functions:
        yield functions


@pytest.fixture
def functions_on_sandboxes(db: Database, sandboxes: Sandboxes) -> Iterator[Functions]:  # noqa: F811
    """functions_server with the providers pointed at the sandboxes (connect, test, sync)."""
    settings = {
        name: value
        for name, value in sandbox_environment(sandboxes, db).items()
        if name not in OWN_SETTINGS
    }
    with serve_functions(db, settings) as functions:
        yield functions


STRANGER = "stranger@test.invalid"
STRANGERS_PROJECT = """
with stranger as (
    insert into auth.users (id, email, role, aud)
    values (gen_random_uuid(), 'stranger@test.invalid', 'authenticated', 'authenticated')
    returning id
)
insert into public.projects (name, country_code, created_by)
select 'Zed Corp', 'GB', id from stranger
"""  # a person of another project (they own Zed Corp), signed in as STRANGER
