"""A freshly migrated database of its own for one benchmark, dropped afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests.testdb import build_template, drop_database, open_server


@contextmanager
def scratch_database(name: str) -> Iterator[str]:
    """Yields the app-role URL of `plugboard_bench_<name>`, migrated from scratch, with the
    catalogue the migrations give (not the tests' fixture provider: it is auto-enabled in
    GB, and a GB project measured with it had four integrations instead of three)."""
    with open_server() as server:
        dbname = build_template(server, f"plugboard_bench_{name}", fixture_provider=False)
        try:
            yield server.url(dbname)
        finally:
            drop_database(server, dbname)
