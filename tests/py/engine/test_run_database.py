"""A run's database (python_workers/engine/run_db.py) against PostgreSQL.

Record locks survive a run's short transactions: two runs in progress want the same
record; the second waits — holding no transaction and no connection — through the first's
provider calls (each ending its transaction), and gets the record once the first commits
its progress. A transaction-scoped advisory lock would have let it in at the first
release. And a transaction a failed statement aborted is never "committed" quietly (COMMIT
would roll it back): the run fails instead of losing what it wrote unsaid."""

from __future__ import annotations

import asyncio
from uuid import UUID

import psycopg
import pytest

from python_workers.engine.run_db import ActionPool, LeaseOwner, RunDatabase, hold
from tests.py.engine.world import World

KEY = "integration:1:transaction:record-1"
NO_WORKER = LeaseOwner(worker_id=None, stalled_after_seconds=30.0)


def _in_progress(world: World, entity_id: str) -> UUID:
    log_id = world.enqueue("manual", entity_id)
    world.sql(
        "update public.integration_sync_logs set status = 'in_progress', attempt = 1 where id = %s",
        (log_id,),
    )
    return log_id


def test_a_record_held_across_short_transactions_is_taken_in_turn(world: World) -> None:
    first, second = _in_progress(world, "a"), _in_progress(world, "b")
    order: list[str] = []

    async def scenario() -> None:
        async with ActionPool(
            world.db.url, kwargs={"autocommit": True}, min_size=1, max_size=2, open=False
        ) as pool:
            a, b = RunDatabase(pool, first, 1, NO_WORKER), RunDatabase(pool, second, 1, NO_WORKER)
            await hold(a, [KEY])
            await a.release()  # A calls its provider: its transaction ends, its lease stays
            waiting = asyncio.create_task(hold(b, [KEY]))
            await asyncio.sleep(0.3)
            assert not waiting.done()  # B waits...
            order.append("A commits")
            await a.commit()  # A's record is done: the lease is given back with it
            await asyncio.wait_for(waiting, 5)
            order.append("B holds it")
            holder = await (
                await b.execute(
                    "select log_id from private.run_record_leases where key = %s", (KEY,)
                )
            ).fetchone()
            assert holder == (second,)
            await b.rollback()

    asyncio.run(scenario())
    assert order == ["A commits", "B holds it"]


def test_a_failed_statement_fails_the_release_instead_of_losing_writes(world: World) -> None:
    log_id = _in_progress(world, "c")

    async def scenario() -> None:
        async with ActionPool(
            world.db.url, kwargs={"autocommit": True}, min_size=1, max_size=1, open=False
        ) as pool:
            db = RunDatabase(pool, log_id, 1, NO_WORKER)
            await db.execute(
                "update public.integration_sync_logs set records_processed = 7 where id = %s",
                (log_id,),
            )
            with pytest.raises(psycopg.errors.DivisionByZero):
                await db.execute("select 1 / 0")
            with pytest.raises(psycopg.errors.InFailedSqlTransaction):
                await db.release()  # a provider call now would have to end the transaction
            async with pool.connection() as conn:  # the connection came back, usable
                await conn.execute("select 1")

    asyncio.run(scenario())
    assert world.log(log_id)["records_processed"] == 0
