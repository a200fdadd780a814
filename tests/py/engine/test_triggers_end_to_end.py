"""Each trigger type, through a real worker: what the database queued is what runs —
the test provider's action is called once per queued run with the record it names —
and a rolled-back change runs nothing."""

from __future__ import annotations

import json

import psycopg

from tests.py.engine.world import Workers, World


def _transaction(conn: psycopg.Connection[dict[str, object]], world: World, status: str) -> str:
    row = conn.execute(
        "insert into public.transactions (project_id, transaction_type, transaction_direction,"
        " status, currency_code) values (%s, 'Expense', 'inbound', %s, 'GBP') returning id",
        (world.project_id, status),
    ).fetchone()
    assert row is not None
    return str(row["id"])


def test_every_trigger_type_runs_exactly_what_it_queued(world: World, workers: Workers) -> None:
    workers.start()
    with world.connect() as conn:
        approved = _transaction(conn, world, "Approved")  # on_status_change
        with conn.transaction():
            rolled_back = _transaction(conn, world, "Approved")
            conn.execute("rollback")  # the change (and its run) never happened
        relationship = conn.execute(
            "insert into public.project_relationships (project_id, entity_type, display_name)"
            " values (%s, 'Business', 'Acme Ltd') returning id",
            (world.project_id,),
        ).fetchone()
        assert relationship is not None
        conn.execute(  # on_link
            "insert into public.integration_entity_mappings (project_integration_id,"
            " entity_type, internal_id, external_id, created_via)"
            " values (%s, 'company', %s, '01234567', 'link')",
            (world.integration_id, relationship["id"]),
        )
        conn.execute(  # realtime
            "select private.enqueue_realtime(%s, 'payment', array['pay-1'], %s)",
            (world.integration_id, json.dumps({"source": "webhook"})),
        )
        conn.execute(  # on_schedule: due now
            "update public.project_integration_features set next_run_at = now() - interval '1 hour'"
            " where project_integration_id = %s and feature_id = %s",
            (world.integration_id, world.features["nightly"]),
        )
        conn.execute("select private.plan_schedules()")
    manual = world.enqueue("manual")  # on_manual (the RPCs call enqueue_sync_run)
    logs = world.wait_final([log["id"] for log in world.logs()])
    assert manual in {log["id"] for log in logs}
    ran = sorted((log["trigger_type"], log["entity_id"]) for log in logs)
    assert ran == sorted(
        [
            ("on_status_change", approved),
            ("on_link", str(relationship["id"])),
            ("realtime", "pay-1"),
            ("on_schedule", None),
            ("on_manual", None),
        ]
    )
    assert {log["status"] for log in logs} == {"success"}
    called = sorted(call["entity_id"] or "" for call in world.calls() if call["event"] == "start")
    assert called == sorted(["", "", approved, str(relationship["id"]), "pay-1"])
    assert rolled_back not in called
