"""Fixtures of the engine tests: the world (tests/py/engine/world.py) in the test's own
database, and worker processes stopped after each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.py.engine.world import Workers, World, create_world
from tests.testdb import TEMPLATE_DB, Database, DatabaseServer, build_template


@pytest.fixture(scope="session")
def template(server: DatabaseServer) -> str:
    """The engine tests run for minutes: a bare `pytest` gives them a template of their own,
    so another pytest session rebuilding the shared one cannot pull it from under them."""
    if os.environ.get("PLUGBOARD_TEST_TEMPLATE_READY") == TEMPLATE_DB:
        return TEMPLATE_DB
    return build_template(server, f"{TEMPLATE_DB}_engine")


@pytest.fixture
def world(db: Database, tmp_path: Path) -> World:
    return create_world(db, tmp_path / "calls.jsonl")


@pytest.fixture
def workers(world: World) -> Iterator[Workers]:
    pool = Workers(world)
    try:
        yield pool
    finally:
        pool.stop_all()
