"""Token refresh against the QuickBooks sandbox: before expiry, after a 401, the rotated
refresh token persisted, invalid_grant → Expired without a retry storm, transient
failures → Error → Connected again, and the grant's hard expiry mirrored as a warning."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from psycopg_pool import AsyncConnectionPool

from python_workers.config import Settings
from python_workers.credentials import credential_accessor
from python_workers.credentials.errors import ReconnectRequired, TokenEndpointUnavailable
from python_workers.credentials.retry import call_with_credential
from sandboxes.testing import clear_faults, configure_sandbox, inject_faults, sandbox_counters
from tests.py.connections import db_reads
from tests.py.connections.browser import connect
from tests.py.connections.conftest import Sandboxes, World
from tests.py.connections.qbo_calls import (
    company_name,
    expire_access_tokens,
    revoke_at_provider,
    token_grant,
)
from tests.testdb import Database

pytestmark = pytest.mark.anyio


async def _connected(client: httpx.AsyncClient, sandboxes: Sandboxes, world: World) -> None:
    page = await connect(client, sandboxes, "quickbooks", world)
    assert page.status_code == 200, page.text


def _expire_in_database(db: Database, world: World) -> None:
    db_reads.execute(
        db,
        "update public.integration_credentials set token_expires_at = now() - interval '1 minute'"
        " where project_integration_id = %s",
        world.integrations["quickbooks"],
    )


def _refresh_calls(sandboxes: Sandboxes) -> int:
    return sandbox_counters(sandboxes.quickbooks).get("token_calls_refresh_token", 0)


async def test_an_expired_access_token_is_refreshed_before_use_and_the_rotation_persisted(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    pool: AsyncConnectionPool[Any],
    settings: Settings,
) -> None:
    await _connected(functions_client, sandboxes, world)
    integration_id = world.integrations["quickbooks"]
    before = db_reads.credential(db, integration_id)
    assert before is not None
    expire_access_tokens(sandboxes.quickbooks)
    _expire_in_database(db, world)

    accessor = credential_accessor(pool, "quickbooks", integration_id, settings)
    credential = await accessor.get()

    assert credential.access_token != before["secret"]["access_token"]
    assert await company_name(sandboxes.quickbooks, credential)
    assert _refresh_calls(sandboxes) == 1
    after = db_reads.credential(db, integration_id)
    assert after is not None
    assert after["secret"]["refresh_token"] != before["secret"]["refresh_token"]
    assert after["secret"]["access_token"] == credential.access_token
    assert after["token_expires_at"] > datetime.now(UTC) + timedelta(minutes=50)
    assert after["last_refreshed_at"] is not None
    # a fresh token is not refreshed again
    assert (await accessor.get()).access_token == credential.access_token
    assert _refresh_calls(sandboxes) == 1
    # the old refresh token is spent: had it been kept, the next refresh would fail
    assert token_grant(sandboxes.quickbooks, before["secret"]["refresh_token"]).status_code == 400


async def test_a_401_refreshes_once_and_the_call_is_retried(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    pool: AsyncConnectionPool[Any],
    settings: Settings,
) -> None:
    await _connected(functions_client, sandboxes, world)
    expire_access_tokens(sandboxes.quickbooks)  # the database still thinks it is valid
    accessor = credential_accessor(pool, "quickbooks", world.integrations["quickbooks"], settings)

    name = await call_with_credential(
        accessor, lambda credential: company_name(sandboxes.quickbooks, credential)
    )

    assert name
    assert _refresh_calls(sandboxes) == 1


async def test_invalid_grant_expires_the_integration_and_stops_refreshing(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    pool: AsyncConnectionPool[Any],
    settings: Settings,
) -> None:
    await _connected(functions_client, sandboxes, world)
    integration_id = world.integrations["quickbooks"]
    stored = db_reads.credential(db, integration_id)
    assert stored is not None
    revoke_at_provider(sandboxes.quickbooks, stored["secret"]["refresh_token"])
    _expire_in_database(db, world)
    accessor = credential_accessor(pool, "quickbooks", integration_id, settings)

    outcomes = await asyncio.gather(*(accessor.get() for _ in range(20)), return_exceptions=True)

    assert all(isinstance(outcome, ReconnectRequired) for outcome in outcomes), outcomes
    assert _refresh_calls(sandboxes) == 1  # one try, then everyone sees Expired
    row = db_reads.integration(db, integration_id)
    assert row["status"] == "Expired"
    assert row["last_error_code"] == "reconnect_required"
    assert "reconnect QuickBooks" in row["last_error_message"]
    last = db_reads.sync_logs(db, integration_id)[-1]
    assert (last["action"], last["status"], last["error_code"]) == (
        "refresh",
        "failed",
        "reconnect_required",
    )
    with pytest.raises(ReconnectRequired):
        await accessor.get()
    assert _refresh_calls(sandboxes) == 1  # no retry storm
    # reconnecting brings it back
    await _connected(functions_client, sandboxes, world)
    assert db_reads.integration(db, integration_id)["status"] == "Connected"


async def test_repeated_transient_failures_move_to_error_and_the_next_success_reconnects(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    pool: AsyncConnectionPool[Any],
    settings: Settings,
) -> None:
    await _connected(functions_client, sandboxes, world)
    integration_id = world.integrations["quickbooks"]
    _expire_in_database(db, world)
    accessor = credential_accessor(pool, "quickbooks", integration_id, settings)
    inject_faults(sandboxes.quickbooks, rate=1.0, kinds=["503"])

    statuses = []
    for _ in range(3):
        with pytest.raises(TokenEndpointUnavailable):
            await accessor.get()
        statuses.append(db_reads.integration(db, integration_id)["status"])

    assert statuses == ["Connected", "Connected", "Error"]
    row = db_reads.integration(db, integration_id)
    assert row["last_error_code"] == "token_endpoint_unavailable"
    assert "503" in row["last_error_message"]

    clear_faults(sandboxes.quickbooks)
    credential = await accessor.get()
    assert await company_name(sandboxes.quickbooks, credential)
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["last_error_code"]) == ("Connected", None)


async def test_the_refresh_token_expiry_is_mirrored_as_a_warning(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    pool: AsyncConnectionPool[Any],
    settings: Settings,
) -> None:
    await _connected(functions_client, sandboxes, world)
    integration_id = world.integrations["quickbooks"]
    assert db_reads.integration(db, integration_id)["connection_expiry_warning"] is False
    # QuickBooks announces a refresh token that lives 5 more days (x_refresh_token_expires_in)
    configure_sandbox(sandboxes.quickbooks, refresh_token_seconds=5 * 86400)
    _expire_in_database(db, world)

    await credential_accessor(pool, "quickbooks", integration_id, settings).get()

    row = db_reads.integration(db, integration_id)
    assert row["connection_expiry_warning"] is True
    expected = datetime.now(UTC) + timedelta(days=5)
    assert abs(row["connection_expires_at"] - expected) < timedelta(minutes=5)
