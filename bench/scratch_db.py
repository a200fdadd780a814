"""A freshly migrated database of its own for one benchmark, dropped afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests.testdb import build_template, drop_database, open_server


@contextmanager
def scratch_database(name: str) -> Iterator[str]:
    """Yields the app-role URL of `plugboard_bench_<name>`, migrated from scratch."""
    with open_server() as server:
        dbname = build_template(server, f"plugboard_bench_{name}")
        try:
            yield server.url(dbname)
        finally:
            drop_database(server, dbname)
