"""The leak watch every test here runs under (leak_watch.py) really finds a leaked token:
a token logged, echoed in an HTTP response or written into a sync log is caught, while a
whole connect → refresh → disconnect cycle produces none."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from psycopg_pool import AsyncConnectionPool

from python_workers.config import Settings
from python_workers.credentials import credential_accessor
from tests.py.connections import db_reads
from tests.py.connections.browser import connect
from tests.py.connections.conftest import Sandboxes, World
from tests.py.connections.leak_watch import LeakWatch
from tests.testdb import Database

pytestmark = pytest.mark.anyio


async def test_the_watch_catches_a_token_in_a_log_a_response_or_a_sync_log(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    leaks: LeakWatch,
) -> None:
    assert (await connect(functions_client, sandboxes, "quickbooks", world)).status_code == 200
    stored = db_reads.credential(db, world.integrations["quickbooks"])
    assert stored is not None
    token = stored["secret"]["refresh_token"]
    assert token in leaks.secrets()
    leaks.assert_no_leaks()  # nothing so far

    logging.getLogger("plugboard.test").warning("oops %s", token)
    with pytest.raises(AssertionError, match="secrets leaked"):
        leaks.assert_no_leaks()
    leaks.caplog.clear()

    await leaks.record_response(httpx.Response(200, text=f"echo {token}"))
    with pytest.raises(AssertionError, match="secrets leaked"):
        leaks.assert_no_leaks()
    leaks.artifacts.clear()

    db_reads.execute(
        db,
        "update public.integration_sync_logs set details = jsonb_build_object('t', %s::text)",
        token,
    )
    with pytest.raises(AssertionError, match="secrets leaked"):
        leaks.assert_no_leaks()
    db_reads.execute(db, "update public.integration_sync_logs set details = '{}'")


async def test_a_whole_connection_cycle_leaks_nothing(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    pool: AsyncConnectionPool[Any],
    settings: Settings,
    leaks: LeakWatch,
) -> None:
    for provider in ("quickbooks", "hmrc"):
        assert (await connect(functions_client, sandboxes, provider, world)).status_code == 200
    db_reads.execute(
        db, "update public.integration_credentials set token_expires_at = now() - interval '1 hour'"
    )
    for provider in ("quickbooks", "hmrc"):
        accessor = credential_accessor(pool, provider, world.integrations[provider], settings)
        leaks.record("credential", await accessor.get())  # its repr is redacted
        status = await functions_client.get(
            f"/connections/{provider}/status",
            params={"project_id": str(world.project_id)},
            headers=world.auth(world.owner_id),
        )
        assert status.status_code == 200
        await functions_client.post(
            f"/oauth/{provider}/disconnect",
            params={"project_id": str(world.project_id)},
            headers=world.auth(world.owner_id),
        )
    assert len(leaks.secrets()) > 6  # two grants, two refreshes: tokens were watched
    leaks.assert_no_leaks()
