"""Real worker processes: many share the work and never run the same job twice; SIGTERM
lets running jobs finish; a worker killed with SIGKILL mid-job has its job found (its
heartbeat stops) and retried, and the log tells what happened; a retry a newer waiting
run of the same work supersedes ends failed, naming that run."""

from __future__ import annotations

import signal
from collections import Counter

from tests.py.engine.world import Workers, World, wait_for


def test_workers_share_the_work_and_never_run_a_job_twice(world: World, workers: Workers) -> None:
    log_ids = [world.enqueue("manual", f"rec-{i}", sleep=0.01) for i in range(300)]
    for _ in range(3):
        workers.start(concurrency=4)
    logs = world.wait_final(log_ids, timeout=90)
    assert {log["status"] for log in logs} == {"success"}
    starts = [call for call in world.calls() if call["event"] == "start"]
    assert Counter(call["log_id"] for call in starts) == Counter(str(i) for i in log_ids)
    assert len({call["pid"] for call in starts}) == 3  # every process took a share


def test_sigterm_lets_the_running_job_finish(world: World, workers: Workers) -> None:
    process = workers.start()
    log_id = world.enqueue("manual", "slow", sleep=2)
    wait_for(lambda: world.starts(log_id), 30, "the job to start")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    assert world.log(log_id)["status"] == "success"
    assert len(world.starts(log_id)) == 1


def test_a_job_of_a_worker_killed_mid_job_is_retried_and_its_log_tells(
    world: World, workers: Workers
) -> None:
    first, second = workers.start(), workers.start()
    log_id = world.enqueue("manual", "killed", sleep=3)
    [start] = wait_for(lambda: world.starts(log_id), 30, "the job to start")
    victim = first if start["pid"] == first.pid else second
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    # the survivor's sweeper finds the job once the victim's heartbeat is 2 s old
    [log] = world.wait_final([log_id], timeout=60)
    assert log["status"] == "success" and log["attempt"] == 2
    assert [(a["attempt"], a["status"], a["error_code"]) for a in log["details"]["attempts"]] == [
        (1, "failed", "worker_lost"),
        (2, "success", None),
    ]
    assert [call["pid"] for call in world.starts(log_id)] == [
        victim.pid,
        start_pid_of(workers, victim),
    ]


def start_pid_of(workers: Workers, victim: object) -> int:
    return next(p.pid for p in workers.processes if p is not victim)


def test_a_retry_superseded_by_a_newer_waiting_run_ends_failed(
    world: World, workers: Workers
) -> None:
    workers.start()
    old = world.enqueue("manual", "same", sleep=1, fail_times=1)
    wait_for(lambda: world.starts(old), 30, "the first run to start")
    new = world.enqueue("manual", "same")  # the first has started: a run of its own
    assert new != old
    logs = {log["id"]: log for log in world.wait_final([old, new])}
    assert (logs[old]["status"], logs[old]["error_code"]) == ("failed", "superseded")
    assert logs[old]["details"]["superseded_by"] == str(new)
    assert logs[new]["status"] == "success"
    assert len(world.starts(old)) == 1
