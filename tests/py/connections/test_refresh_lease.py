"""Token refreshes hold no transaction across the token call (issue #22): a refresh
lease taken and given back in short transactions, single-flight across tasks and
processes, a dead holder's lease taken over once it expires, and a late holder (its lease
taken over) unable to overwrite what the new holder stored."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import psycopg
import pytest

from python_workers.config import Settings
from python_workers.credentials import credential_accessor
from python_workers.credentials.errors import RefreshFailed, TokenEndpointUnavailable
from python_workers.credentials.oauth_providers import oauth_provider
from python_workers.credentials.refresh import refresh_credential
from python_workers.engine.run_db import ActionPool, LeaseOwner, RunDatabase
from sandboxes.testing import clear_faults, inject_faults, sandbox_counters
from tests.py.connections import db_reads
from tests.py.connections.browser import connect
from tests.py.connections.conftest import Sandboxes, World, sandbox_environment
from tests.py.connections.qbo_calls import company_name, expire_access_tokens
from tests.py.connections.transaction_watch import watching_transactions
from tests.testdb import Database

pytestmark = pytest.mark.anyio

SLOW_MS = 2000
CONCURRENT = 4


async def _expired(
    client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> UUID:
    """QuickBooks connected, its access token expired at the sandbox and in the database."""
    page = await connect(client, sandboxes, "quickbooks", world)
    assert page.status_code == 200, page.text
    integration_id = world.integrations["quickbooks"]
    expire_access_tokens(sandboxes.quickbooks)
    db_reads.execute(
        db,
        "update public.integration_credentials set token_expires_at = now() - interval '1 minute'"
        " where project_integration_id = %s",
        integration_id,
    )
    return integration_id


def _counter(sandboxes: Sandboxes, name: str) -> int:
    return sandbox_counters(sandboxes.quickbooks).get(name, 0)


def _lease(db: Database, integration_id: UUID) -> tuple[UUID, bool, float] | None:
    """The credential's refresh lease: holder, whether it has expired, seconds left."""
    with psycopg.connect(db.admin_url) as conn:
        row = conn.execute(
            "select l.holder, l.expires_at <= now(),"
            " extract(epoch from l.expires_at - now())::float8"
            " from private.credential_refresh_leases as l"
            " join public.integration_credentials as c on c.id = l.credential_id"
            " where c.project_integration_id = %s",
            (integration_id,),
        ).fetchone()
    return (row[0], row[1], row[2]) if row else None


async def _until(condition: Any) -> None:
    async with asyncio.timeout(20):
        while not condition():  # noqa: ASYNC110 (polls another process's state)
            await asyncio.sleep(0.05)


async def test_no_transaction_stays_open_while_a_slow_token_endpoint_answers(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    settings: Settings,
) -> None:
    integration_id = await _expired(functions_client, sandboxes, world, db)
    inject_faults(sandboxes.quickbooks, rate=1.0, kinds=["latency"], latency_ms=SLOW_MS)
    async with ActionPool(db.url, min_size=1, max_size=4, open=False) as pool:
        await pool.wait()

        async def run_refreshing() -> str:
            # as a queued run: its transaction open (RunDatabase), then the accessor
            run_db = RunDatabase(pool, uuid4(), 1, LeaseOwner(None, stalled_after_seconds=30.0))
            with run_db.bound():
                await run_db.execute("select 1")
                credential = await credential_accessor(
                    pool, "quickbooks", integration_id, settings
                ).get()
                await run_db.commit()
            return str(credential.access_token)

        with watching_transactions(db) as watch:
            started = time.monotonic()
            tokens = await asyncio.gather(*(run_refreshing() for _ in range(CONCURRENT)))
            took = time.monotonic() - started

    assert took >= SLOW_MS / 1000  # the token endpoint was slow throughout
    assert watch.samples > took / 0.1
    assert watch.too_long == [], watch.too_long[:5]
    print(f"longest transaction open while refreshing: {watch.longest_ms:.1f} ms")
    # single flight: one token call, every run got the one new token
    assert _counter(sandboxes, "token_calls_refresh_token") == 1
    assert len(set(tokens)) == 1
    stored = db_reads.credential(db, integration_id)
    assert stored is not None and stored["secret"]["access_token"] == tokens[0]
    assert _lease(db, integration_id) is None
    clear_faults(sandboxes.quickbooks)


async def test_a_holder_that_died_is_taken_over_once_its_lease_expires(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    settings: Settings,
) -> None:
    integration_id = await _expired(functions_client, sandboxes, world, db)
    # the holder's token call never gets its answer: the sandbox holds it for 60 s
    inject_faults(sandboxes.quickbooks, rate=1.0, kinds=["latency"], latency_ms=60_000)
    holder = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "tests.py.connections.refresh_holder", str(integration_id), "8"),
        env={**os.environ, **sandbox_environment(sandboxes, db)},
        stdout=subprocess.DEVNULL,
    )
    try:
        await _until(lambda: _counter(sandboxes, "faults_latency") >= 1)
        lease = _lease(db, integration_id)
        assert lease is not None and lease[1] is False  # held, live
        holder.send_signal(signal.SIGKILL)
        left = lease[2]
        assert await asyncio.wait_for(holder.wait(), 10) == -signal.SIGKILL
    finally:
        if holder.returncode is None:
            holder.kill()
    clear_faults(sandboxes.quickbooks)

    async with ActionPool(db.url, min_size=1, max_size=4, open=False) as pool:
        accessor = credential_accessor(pool, "quickbooks", integration_id, settings)
        waited = time.monotonic()
        credential = await accessor.get()
        waited = time.monotonic() - waited

    # it waited (no transaction open) for the dead holder's lease to expire, then took it
    assert waited >= left - 0.2, (waited, left)
    assert await company_name(sandboxes.quickbooks, credential)
    # its own call only: the dead holder's is still held by the sandbox
    assert _counter(sandboxes, "token_calls_refresh_token") == 1
    assert _lease(db, integration_id) is None
    assert db_reads.integration(db, integration_id)["status"] == "Connected"


async def test_a_late_holder_cannot_overwrite_what_the_one_that_took_over_stored(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    settings: Settings,
) -> None:
    integration_id = await _expired(functions_client, sandboxes, world, db)
    provider = oauth_provider("quickbooks", settings)
    inject_faults(sandboxes.quickbooks, rate=1.0, kinds=["latency"], latency_ms=3000)
    async with ActionPool(db.url, min_size=1, max_size=4, open=False) as pool:
        # A holds a 1 s lease; its token call is answered after 3 s
        late = asyncio.create_task(
            refresh_credential(pool, provider, integration_id, None, lease=timedelta(seconds=1))
        )
        await _until(lambda: _counter(sandboxes, "faults_latency") >= 1)
        clear_faults(sandboxes.quickbooks)  # only A's call is slow
        await _until(lambda: (_lease(db, integration_id) or (None, False, 0))[1])
        # B takes the expired lease over and refreshes with the same refresh token first
        taken_over = await refresh_credential(pool, provider, integration_id, None)
        # A's answer comes late (invalid_grant: B spent the refresh token): A records
        # nothing and uses what B stored
        late_result = await asyncio.wait_for(late, timeout=20)

    assert _counter(sandboxes, "token_calls_refresh_token") == 2
    new_token = taken_over.secret.access_token
    assert new_token is not None and late_result.secret.access_token == new_token
    stored = db_reads.credential(db, integration_id)
    assert stored is not None
    assert stored["secret"]["access_token"] == new_token.get_secret_value()
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["last_error_code"]) == ("Connected", None)
    assert not [log for log in db_reads.sync_logs(db, integration_id) if log["action"] == "refresh"]
    assert await company_name(sandboxes.quickbooks, late_result.secret.credential(None, ()))


class _LateTransport(httpx.AsyncHTTPTransport):
    """Real HTTP to the sandbox, sent a second late: the holder's call lasts that long."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(1)
        return await super().handle_async_request(request)


async def test_those_who_waited_share_the_holders_failure_instead_of_calling_again(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    settings: Settings,
) -> None:
    integration_id = await _expired(functions_client, sandboxes, world, db)
    provider = oauth_provider("quickbooks", settings)
    inject_faults(sandboxes.quickbooks, rate=1.0, kinds=["503"])
    async with ActionPool(db.url, min_size=1, max_size=4, open=False) as pool:
        holder = asyncio.create_task(
            refresh_credential(pool, provider, integration_id, None, _LateTransport())
        )
        await _until(lambda: _lease(db, integration_id) is not None)
        waiters = await asyncio.gather(
            *(refresh_credential(pool, provider, integration_id, None) for _ in range(5)),
            return_exceptions=True,
        )
        with pytest.raises(TokenEndpointUnavailable):
            await holder
    clear_faults(sandboxes.quickbooks)

    assert _counter(sandboxes, "faults_503") == 1  # one token call for all six
    assert all(
        isinstance(w, RefreshFailed) and w.retryable and "503" in w.message for w in waiters
    ), waiters
    stored = db_reads.credential(db, integration_id)
    assert stored is not None and stored["refresh_failure_count"] == 1  # counted once
    assert db_reads.integration(db, integration_id)["status"] == "Connected"
    assert _lease(db, integration_id) is None
