"""A worker's fetch claims the sync log in the statement that fetches its job
(logs.FETCH_AND_CLAIM_SQL). That statement's snapshot is taken before procrastinate's fetch
function finds the job, so a job committed meanwhile comes with a log the statement itself
cannot see: the claim runs in private.claim_sync_run, whose own statement sees it. Here a
statement pauses (as the fetch function runs) while the host commits the log, then claims
it; a claim as part of the outer statement would find nothing and leave the log pending
without a job (seen in plugboard bench scale's smoke test)."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import psycopg

from tests.py.engine.world import World

CLAIM_AFTER_A_PAUSE = """
select run.log_id, run.attempt
from (select pg_sleep(1)) as fetching
cross join lateral private.claim_sync_run(%s, 1) as run
"""


def test_the_claim_sees_a_log_committed_while_its_statement_ran(world: World) -> None:
    log_id = uuid.uuid4()
    found: list[Any] = []

    def claim() -> None:
        with psycopg.connect(world.db.url, autocommit=True) as conn:
            found.extend(conn.execute(CLAIM_AFTER_A_PAUSE, (log_id,)).fetchall())

    claiming = threading.Thread(target=claim)
    claiming.start()
    time.sleep(0.3)  # the claiming statement has begun, its snapshot taken
    with psycopg.connect(world.db.url) as host:
        host.execute(
            "select private.insert_pending_sync_logs(array[%s]::uuid[], array[%s]::uuid[],"
            " array[%s]::uuid[], 'on_manual', array['act'], array['thing'], array['x'],"
            " array['{}'::jsonb], null)",
            (log_id, world.integration_id, world.features["manual"]),
        )
    claiming.join(10)
    assert found == [(log_id, 1)]
    assert world.log(log_id)["status"] == "in_progress"
