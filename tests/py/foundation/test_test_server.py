"""The test runner says which PostgreSQL it uses, and never with its password."""

from __future__ import annotations

import pytest

from python_workers.config import settings
from tests.testdb import open_server


def test_an_explicit_server_is_named_by_host_and_port_only(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql://tester:s3cret-pw@db.example:6543/postgres"
    monkeypatch.setenv("PLUGBOARD_TEST_DATABASE_URL", url)
    with open_server() as server:
        assert server.admin_url == url
        assert server.where == "PLUGBOARD_TEST_DATABASE_URL (db.example:6543)"


def test_otherwise_it_is_the_local_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLUGBOARD_TEST_DATABASE_URL", raising=False)
    with open_server() as server:
        assert server.where.startswith(
            f"the local cluster (127.0.0.1:{settings().plugboard_db_port}, data "
        )
