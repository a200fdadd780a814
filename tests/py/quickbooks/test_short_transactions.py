"""Short transactions and the connection budget (issue #22), watched from pg_stat_activity
while a real `plugboard worker` (concurrency 8, default budget of 4 connections) pushes
transactions to a QuickBooks sandbox that delays every answer by 2 s: no connection of the
worker stays in a transaction longer than 100 ms (none is held open while QuickBooks
answers), and the worker never has more connections than its budget, with all 8 runs in
flight at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from python_workers.engine.pool_budget import DEFAULT_MAX_CONNECTIONS
from sandboxes.testing import inject_faults
from tests.py.activity_sampler import sampling
from tests.py.quickbooks.conftest import QbWorld

DELAY_MS = 2000
LONGEST_TRANSACTION_MS = 100
RUNS = 8

# the worker's backends: each with how long its transaction has been open, if one is
WORKER_BACKENDS = """
select pid, state, application_name, left(query, 150) as query,
       extract(epoch from clock_timestamp() - xact_start) * 1000 as xact_ms
from pg_stat_activity
where datname = %s and application_name like 'plugboard-worker:%%'
"""


@dataclass
class Watch:
    samples: int = 0
    most_connections: int = 0
    long_transactions: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def watching(qb: QbWorld) -> Iterator[Watch]:
    """Samples the worker's backends every 20 ms while the block runs."""
    watch = Watch()

    def take(rows: list[tuple[Any, ...]]) -> None:
        watch.samples += 1
        watch.most_connections = max(watch.most_connections, len(rows))
        watch.long_transactions += [
            {"pid": pid, "state": state, "name": name, "query": query, "xact_ms": float(ms)}
            for pid, state, name, query, ms in rows
            if ms is not None and ms > LONGEST_TRANSACTION_MS
        ]

    with sampling(qb.db.admin_url, WORKER_BACKENDS, (qb.db.name,), take):
        yield watch


def test_no_transaction_stays_open_while_quickbooks_answers(qb: QbWorld) -> None:
    assert qb.sandbox is not None
    # a vendor each: runs needing the same vendor take turns on it (record leases)
    vendors = [qb.add_vendor(f"Slowbrook Supplies {n}") for n in range(RUNS)]
    ids = [i for vendor in vendors for i in qb.add_transactions(1, vendor)]
    inject_faults(qb.sandbox, rate=1.0, kinds=["latency"], latency_ms=DELAY_MS)
    with watching(qb) as watch:
        started = time.monotonic()
        qb.approve(ids)  # one run per transaction, all at once
        logs = [qb.log_of(i, timeout=60) for i in ids]
        took = time.monotonic() - started
    assert [log["status"] for log in logs] == ["success"] * RUNS, logs
    assert all(qb.mapping("transaction", i) is not None for i in ids)
    # the runs overlapped (one after another they would take 16 s at least), and the
    # watch saw them throughout
    assert took < RUNS * DELAY_MS / 1000, took
    assert watch.samples > took / 0.1
    assert watch.long_transactions == [], watch.long_transactions[:5]
    assert 2 <= watch.most_connections <= DEFAULT_MAX_CONNECTIONS, watch.most_connections
