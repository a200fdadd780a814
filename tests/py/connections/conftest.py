"""Fixtures for the connection tests: the three sandboxes (real HTTP, subprocesses), a
migrated database per test, settings pointing at both, a signed-in owner and a member of a
GB project, the functions/ app in process, and the secret-leak watch every test runs
under (leak_watch.py)."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
import jwt
import psycopg
import pytest
from psycopg_pool import AsyncConnectionPool

from functions.app import create_app
from functions.services import Services
from python_workers.config import Settings
from python_workers.config import settings as process_settings
from sandboxes.common.server import RunningSandbox
from sandboxes.testing import reset_sandbox, start_sandbox
from tests.py.connections.leak_watch import LeakWatch
from tests.testdb import TEMPLATE_DB, Database, DatabaseServer, build_template, drop_database

JWT_SECRET = "test-jwt-secret-with-at-least-32-characters"
FUNCTIONS_URL = "http://functions.test"
CH_KEY = "ch-live-key-0123456782abcdef"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def template(server: DatabaseServer) -> Iterator[str]:
    """tests/run.py's template when it built one; else a template of this session's own, so
    a bare pytest run here does not race other sessions rebuilding the shared one."""
    if os.environ.get("PLUGBOARD_TEST_TEMPLATE_READY") == TEMPLATE_DB:
        yield TEMPLATE_DB
        return
    name = build_template(server, f"pb_f_connections_{os.getpid()}")
    try:
        yield name
    finally:
        drop_database(server, name)


@dataclass(frozen=True)
class Sandboxes:
    quickbooks: RunningSandbox
    hmrc: RunningSandbox
    companies_house: RunningSandbox


@pytest.fixture(scope="session")
def sandbox_servers() -> Iterator[Sandboxes]:
    with (
        start_sandbox("quickbooks", limits_enabled=False) as qbo,
        start_sandbox("hmrc", limits_enabled=False) as hmrc,
        start_sandbox("companies_house", limits_enabled=False, api_keys=[CH_KEY]) as ch,
    ):
        yield Sandboxes(qbo, hmrc, ch)


@pytest.fixture
def sandboxes(sandbox_servers: Sandboxes) -> Sandboxes:
    for server in (
        sandbox_servers.quickbooks,
        sandbox_servers.hmrc,
        sandbox_servers.companies_house,
    ):
        reset_sandbox(server)
    return sandbox_servers


def sandbox_environment(sandboxes: Sandboxes, db: Database) -> dict[str, str]:
    """Settings (as environment variables) pointing Plugboard at the sandboxes and the test
    database; the actions read the process settings, so these are set for real."""
    qbo, hmrc = sandboxes.quickbooks.base_url, sandboxes.hmrc.base_url
    return {
        "DATABASE_URL": db.url,
        "QBO_API_BASE_URL": qbo,
        "QBO_OAUTH_BASE_URL": f"{qbo}/connect/oauth2",
        "QBO_TOKEN_URL": f"{qbo}/oauth2/v1/tokens/bearer",
        "QBO_REVOKE_URL": f"{qbo}/oauth2/v1/tokens/revoke",
        "QBO_CLIENT_ID": "sandbox-client-id",
        "QBO_CLIENT_SECRET": "sandbox-client-secret",
        "HMRC_BASE_URL": hmrc,
        "HMRC_OAUTH_BASE_URL": hmrc,
        "HMRC_CLIENT_ID": "sandbox-client-id",
        "HMRC_CLIENT_SECRET": "sandbox-client-secret",
        "COMPANIES_HOUSE_BASE_URL": sandboxes.companies_house.base_url,
        "SUPABASE_JWT_SECRET": JWT_SECRET,
        "PLUGBOARD_FUNCTIONS_URL": FUNCTIONS_URL,
        # HMRC's fraud-prevention headers need the deployment's facts (no /sys/class/dmi here)
        "PLUGBOARD_HMRC_VENDOR_PUBLIC_IP": "51.140.1.10",
        "PLUGBOARD_HMRC_DEVICE_MANUFACTURER": "Example Cloud Ltd",
        "PLUGBOARD_HMRC_DEVICE_MODEL": "Standard VM",
    }


@pytest.fixture
def settings(
    sandboxes: Sandboxes, db: Database, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    for name, value in sandbox_environment(sandboxes, db).items():
        monkeypatch.setenv(name, value)
    process_settings.cache_clear()
    yield process_settings()
    process_settings.cache_clear()


@dataclass(frozen=True)
class World:
    """A GB project (QuickBooks, Companies House and HMRC auto-enabled), its owner (who
    holds integration:manage) and a plain member (who does not)."""

    project_id: UUID
    owner_id: UUID
    member_id: UUID
    integrations: dict[str, UUID]  # provider key -> project integration id

    def token(self, user_id: UUID, **claims: Any) -> str:
        payload = {
            "sub": str(user_id), "role": "authenticated", "aud": "authenticated",
            "exp": int(time.time()) + 3600, **claims,
        }  # fmt: skip
        return jwt.encode(payload, JWT_SECRET, algorithm="HS256")

    def auth(self, user_id: UUID) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(user_id)}"}


@pytest.fixture
def world(db: Database) -> World:
    with psycopg.connect(db.url, autocommit=True) as conn:
        owner, member = (
            conn.execute(
                "insert into auth.users (id, email, role, aud) values"
                " (gen_random_uuid(), %s, 'authenticated', 'authenticated') returning id",
                (email,),
            ).fetchone()[0]  # type: ignore[index]
            for email in ("owner@test.invalid", "member@test.invalid")
        )
        project = conn.execute(
            "insert into public.projects (name, country_code, created_by)"
            " values ('Acme Ltd', 'GB', %s) returning id",
            (owner,),
        ).fetchone()[0]  # type: ignore[index]
        for user, role in ((owner, "project:owner"), (member, "project:member")):
            conn.execute(
                "insert into public.project_members (project_id, user_id, role_id)"
                " select %s, %s, id from public.roles where key = %s"
                " on conflict (project_id, user_id) do update set role_id = excluded.role_id",
                (project, user, role),
            )
        conn.execute(
            'update public.project_integrations set settings = \'{"vrn": "123456782"}\''
            " where project_id = %s and provider_id ="
            " (select id from public.integration_providers where key = 'hmrc')",
            (project,),
        )
        integrations = {
            key: pi_id
            for key, pi_id in conn.execute(
                "select p.key, pi.id from public.project_integrations as pi"
                " join public.integration_providers as p on p.id = pi.provider_id"
                " where pi.project_id = %s",
                (project,),
            )
        }
    return World(project, owner, member, integrations)


@pytest.fixture
async def pool(db: Database) -> AsyncIterator[AsyncConnectionPool[Any]]:
    async with AsyncConnectionPool(db.url, min_size=1, max_size=10, open=False) as opened:
        yield opened


@pytest.fixture
def leaks(db: Database, caplog: pytest.LogCaptureFixture) -> Iterator[LeakWatch]:
    """Every test here runs under the watch: at its end, no secret it stored in Vault may
    appear in a log record, sync log, view row, RPC result or HTTP response it produced."""
    watch = LeakWatch(db, caplog)
    watch.install()
    yield watch
    watch.assert_no_leaks()


@pytest.fixture(autouse=True)
def _watched(request: pytest.FixtureRequest) -> None:
    if "db" in request.fixturenames:
        request.getfixturevalue("leaks")


@pytest.fixture
async def functions_client(
    pool: AsyncConnectionPool[Any], settings: Settings, leaks: LeakWatch
) -> AsyncIterator[httpx.AsyncClient]:
    """functions/ in process, over httpx's ASGI transport; every response is recorded for
    the leak watch."""
    async with httpx.AsyncClient(timeout=30) as http:
        app = create_app(Services(pool, http, settings))
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url=FUNCTIONS_URL,
            event_hooks={"response": [leaks.record_response]},
        ) as client:
            yield client
