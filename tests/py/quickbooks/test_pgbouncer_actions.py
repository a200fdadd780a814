"""Action connections through a transaction-mode pooler (issue #22): a real PgBouncer in
transaction mode in front of the module's database, a `plugboard worker` whose
PLUGBOARD_ACTION_DATABASE_URL goes through it (LISTEN stays on DATABASE_URL, direct),
and real sync runs: reference data fetched, a vendor and an expense pushed to the
QuickBooks sandbox and mapped, the runs' transactions carried by PgBouncer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandboxes.common.server import RunningSandbox
from tests.py.pgbouncer import RunningPgBouncer, pgbouncer_in_front_of
from tests.py.quickbooks.conftest import QbWorld, module_world
from tests.testdb import DatabaseServer


@pytest.fixture(scope="module")
def pgbouncer(server: DatabaseServer) -> Iterator[RunningPgBouncer]:
    with pgbouncer_in_front_of(server.url("postgres")) as running:
        yield running


@pytest.fixture(scope="module")
def qb_module(
    server: DatabaseServer, template: str, qbo_sandbox: RunningSandbox,
    pgbouncer: RunningPgBouncer, tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[QbWorld]:  # fmt: skip
    """The module's world, its worker's action connections through PgBouncer."""
    with module_world(
        server, template, qbo_sandbox, tmp_path_factory,
        action_url=lambda db: pgbouncer.url(db.url),
    ) as world:  # fmt: skip
        yield world


def test_a_sync_run_goes_through_pgbouncer_in_transaction_mode(
    qb: QbWorld, pgbouncer: RunningPgBouncer
) -> None:
    carried = pgbouncer.transactions(qb.db.name)
    assert carried > 0  # new_project's reference data runs went through it
    vendor = qb.add_vendor("Poolside Paving")
    [expense] = qb.add_transactions(1, vendor, status="Approved", amount="80.00")
    log = qb.log_of(expense)
    assert (log["status"], log["records_created"]) == ("success", 1), log["error_message"]
    assert qb.mapping("transaction", expense) is not None
    assert qb.mapping("vendor", vendor) is not None
    assert pgbouncer.transactions(qb.db.name) > carried
