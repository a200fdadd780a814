"""A live worker whose heartbeat lapsed past the stalled timeout (a long pause: an
overloaded machine, a stopped container) is pruned by a peer that starts meanwhile
(procrastinate deletes the rows of silent workers when a worker starts). Resumed, it
registers again and goes on taking jobs instead of stopping on its missing row, and every
run reaches success."""

from __future__ import annotations

import os
import signal
import time

from tests.py.engine.world import Workers, World, wait_for


def test_a_pruned_live_worker_registers_again_and_goes_on(world: World, workers: Workers) -> None:
    first = workers.start(concurrency=4)
    world.wait_final([world.enqueue("manual", "warm")], timeout=60)
    [row] = world.sql("select id from procrastinate.procrastinate_workers")
    pruned = "select 1 from procrastinate.procrastinate_workers where id = %s"
    held = [world.enqueue("manual", f"held-{i}", sleep=1) for i in range(4)]
    wait_for(lambda: all(world.starts(i) for i in held), 30, "the held runs to start")
    os.kill(first.pid, signal.SIGSTOP)  # silent past the 2 s stalled timeout
    time.sleep(3)
    workers.start(concurrency=4)  # prunes the silent worker's row as it starts
    wait_for(
        lambda: not world.sql(pruned, (row["id"],)),
        30,
        "the silent worker to be pruned",
    )
    os.kill(first.pid, signal.SIGCONT)
    later = [world.enqueue("manual", f"later-{i}", sleep=0.1) for i in range(80)]
    logs = world.wait_final(held + later, timeout=120)
    assert {log["status"] for log in logs} == {"success"}
    assert first.poll() is None, "the pruned worker stopped"
    assert any(s["pid"] == first.pid for i in later for s in world.starts(i))
    assert world.sql(pruned, (row["id"],))  # registered again under its own id
