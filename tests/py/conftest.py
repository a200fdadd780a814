"""Shared fixtures: a real PostgreSQL, a migrated template, a fresh clone per test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from python_workers.providers.registry import EXTRA_PROVIDERS_ENV
from tests.testdb import (
    TEMPLATE_DB,
    Database,
    DatabaseServer,
    build_template,
    cloned_database,
    open_server,
)

# The fixture provider's Python side (tests/fixture_provider/fixture_ledger/; its SQL is in
# every template, tests/testdb.py) is found through PLUGBOARD_EXTRA_PROVIDERS, set before
# any test is collected: this process and every worker and sandbox process it starts
# know a fourth provider, so no test may depend on the set of providers.
FIXTURE_PROVIDERS = "tests.fixture_provider.fixture_ledger"
os.environ[EXTRA_PROVIDERS_ENV] = FIXTURE_PROVIDERS


@pytest.fixture(scope="session")
def server() -> Iterator[DatabaseServer]:
    with open_server() as chosen:
        yield chosen


@pytest.fixture(scope="session")
def template(server: DatabaseServer) -> str:
    """tests/run.py builds the template before pytest; a bare `pytest` builds it here."""
    if os.environ.get("PLUGBOARD_TEST_TEMPLATE_READY") == TEMPLATE_DB:
        return TEMPLATE_DB
    return build_template(server)


@pytest.fixture
def db(server: DatabaseServer, template: str) -> Iterator[Database]:
    """A fresh, migrated database of its own for one test."""
    with cloned_database(server, template) as name:
        yield Database(name, server.url(name), server.url(name, admin=True))
