"""/healthz's database check on real pools: ready when `select 1` answers, ready too when
every pooled connection is out running jobs (a busy worker is not an unready one), not
ready when the database does not answer in time."""

from __future__ import annotations

import asyncio
import socket

from psycopg_pool import AsyncConnectionPool

from python_workers.engine import health
from tests.testdb import Database


def test_a_pool_that_answers_is_ready_busy_or_not(db: Database) -> None:
    async def checks() -> list[str | None]:
        async with AsyncConnectionPool(db.url, min_size=1, max_size=1, open=False) as pool:
            check = health.database_check(pool)
            idle = await check()
            async with pool.connection():  # the one connection is out, running a job
                busy = await asyncio.wait_for(check(), 1.0)
            return [idle, busy]

    assert asyncio.run(checks()) == [None, None]


def test_a_database_that_does_not_answer_is_not_ready() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        url = f"postgresql://plugboard@127.0.0.1:{silent.getsockname()[1]}/postgres"

        async def check() -> str | None:
            pool = AsyncConnectionPool(url, min_size=0, max_size=1, open=False)
            await pool.open(wait=False)
            try:
                return await health.database_check(pool)()
            finally:
                await pool.close(timeout=0.1)

        problem = asyncio.run(check())
    assert problem is not None and problem.startswith("the database does not answer")
