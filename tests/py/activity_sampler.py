"""Samples pg_stat_activity in a thread while a block runs (every 20 ms by default), handing
each sample's rows to the caller: the tests that prove no connection stays in a
transaction while a provider answers read their figures from it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg


@contextmanager
def sampling(
    admin_url: str,
    query: str,
    params: tuple[Any, ...],
    take: Callable[[list[tuple[Any, ...]]], None],
    every: float = 0.02,
) -> Iterator[None]:
    stop = threading.Event()

    def sample() -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            while not stop.is_set():
                take(conn.execute(query, params).fetchall())
                time.sleep(every)

    thread = threading.Thread(target=sample)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
