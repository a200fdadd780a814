"""Watches a test database's backends from pg_stat_activity (every 20 ms, in a thread)
while a block runs: the longest-open transaction seen, and those open longer than a
bound, so a test can prove no connection stays in a transaction while a provider answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.py.activity_sampler import sampling
from tests.testdb import Database

OPEN_TRANSACTIONS = """
select pid, state, left(query, 150),
       extract(epoch from clock_timestamp() - xact_start) * 1000
from pg_stat_activity
where datname = %s and pid <> pg_backend_pid() and xact_start is not null
"""


@dataclass
class TransactionWatch:
    bound_ms: float
    samples: int = 0
    longest_ms: float = 0.0
    too_long: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def watching_transactions(db: Database, bound_ms: float = 100) -> Iterator[TransactionWatch]:
    watch = TransactionWatch(bound_ms)

    def take(rows: list[tuple[Any, ...]]) -> None:
        watch.samples += 1
        for pid, state, query, ms in rows:
            watch.longest_ms = max(watch.longest_ms, float(ms))
            if ms > bound_ms:
                watch.too_long.append({"pid": pid, "state": state, "query": query, "ms": float(ms)})

    with sampling(db.admin_url, OPEN_TRANSACTIONS, (db.name,), take):
        yield watch
