"""`supabase db push` alone (no `plugboard db migrate`) yields the whole system: on a
database where only the Supabase CLI applied the migrations (the compat layer standing in
for what Supabase already has), approving an Expense in a GB project Connected to
QuickBooks queues its run, and a real worker pushes it to the sandbox."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from sandboxes.common.server import RunningSandbox
from tests.py.quickbooks.conftest import QbWorld, sandbox_env
from tests.supabase_cli import push_only
from tests.testdb import Database, DatabaseServer, create_database, drop_database


@pytest.fixture
def pushed(
    server: DatabaseServer, qbo_sandbox: RunningSandbox, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[QbWorld]:
    name = f"pbt_pushed_{uuid.uuid4().hex[:8]}"
    create_database(server, name)
    world = QbWorld(
        Database(name, server.url(name), server.url(name, admin=True)),
        tmp_path_factory.mktemp("pushed"),
        sandbox_env(qbo_sandbox),
        sandbox=qbo_sandbox,
    )
    try:
        push_only(server, name)
        world.start_worker()
        yield world
    finally:
        world.stop_workers()
        drop_database(server, name)


def test_an_approved_expense_is_pushed_after_db_push_alone(pushed: QbWorld) -> None:
    pushed.new_project()
    [expense] = pushed.add_transactions(1, None)

    pushed.approve([expense])

    log = pushed.log_of(expense)
    assert (log["trigger_type"], log["status"], log["records_created"]) == (
        "on_status_change", "success", 1,
    )  # fmt: skip
    assert pushed.mapping("transaction", expense) is not None
