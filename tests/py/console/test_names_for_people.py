"""Proves, over real HTTP against `plugboard functions`, that the console shows people words,
not stored values: a run's detail names the member who started it (full_name) and its
trigger; the Logs filters offer provider and trigger names; the configuration history tells
a feature switched off as "On → Off" and a schedule change as "Schedule … → Schedule …",
with no JSON. And the wording of each kind of change, unit by unit."""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from functions.console.wording import change_text, trigger_text
from tests.py.connections.conftest import World
from tests.py.console.conftest import Functions
from tests.py.console.test_pages_answer_only_what_the_person_may_do import signed_in
from tests.testdb import Database

LOGS = "/setup/integrations/logs"
CONFIGURATION = "/setup/integrations/configuration"


def test_each_kind_of_change_reads_as_words() -> None:
    assert change_text({"is_enabled": True}, {"is_enabled": False}) == "On → Off"
    assert change_text({"status": "Pending"}, {"status": "Connected"}) == "Pending → Connected"
    assert (
        change_text(
            {"trigger_type": "on_schedule", "trigger_config": {"schedule": "0 6 * * *"}},
            {"trigger_type": "on_schedule", "trigger_config": {"schedule": "0 7 * * *"}},
        )
        == "Schedule 0 6 * * * → Schedule 0 7 * * *"
    )
    assert change_text({"trigger_type": None}, {"trigger_type": "on_manual"}) == (
        "Default → Manual (Sync now)"
    )
    assert change_text({}, {"vrn": "123456789"}) == "VAT registration number: — → 123456789"
    assert trigger_text(
        "on_status_change", {"entity": "invoices", "filter": {"status": ["paid", "void"]}}
    ) == ("When a status changes (invoices, status paid, void)")


def test_pages_name_people_providers_and_triggers(
    db: Database, world: World, functions_server: Functions
) -> None:
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(
            "update auth.users set raw_user_meta_data = %s where id = %s",
            (Jsonb({"full_name": "Max Member"}), world.member_id),
        )
        found = conn.execute(
            "insert into public.integration_sync_logs (project_id, project_integration_id,"
            " provider_id, trigger_type, direction, action, requested_by)"
            " select project_id, id, provider_id, 'on_manual', 'inbound', 'a_run', %s"
            " from public.project_integrations where id = %s returning id",
            (world.member_id, world.integrations["quickbooks"]),
        ).fetchone()
        feature = conn.execute(
            "select f.key from public.integration_features as f"
            " join public.integration_providers as p on p.id = f.provider_id"
            " where p.key = 'quickbooks' order by f.key limit 1"
        ).fetchone()
    assert found is not None and feature is not None
    project = {"project": str(world.project_id)}
    with signed_in(functions_server, "owner@test.invalid") as client:
        detail = client.get(f"{LOGS}/{found[0]}", params=project)
        assert detail.status_code == 200
        assert "Max Member" in detail.text
        assert "Manual (Sync now)" in detail.text
        assert str(world.member_id) not in detail.text
        logs = client.get(LOGS, params=project)
        assert ">QuickBooks Online<" in logs.text
        assert ">When a status changes<" in logs.text
        off = client.post(f"{CONFIGURATION}/feature", data={
            **project, "integration": str(world.integrations["quickbooks"]),
            "feature": feature[0], "enabled": "false",
        })  # fmt: skip
        assert off.status_code == 303, off.text
        history = client.get(CONFIGURATION, params=project).text
    table = history[history.index('id="history"') :]
    assert "On → Off" in table
    assert "{" not in table and "&#34;" not in table and "&quot;" not in table
