"""Proves, over real HTTP against `plugboard functions` signed in as the owner: a feature's
trigger type and its settings are changed through integration_feature_set_trigger — the
status filter of on_status_change (several values), a cron for on_schedule — keeping the
rest of its config; a value the SQL validation refuses answers 422 with its message at the
field it names (the status filter, the schedule) and saves nothing; the history tells the
change in words."""

from __future__ import annotations

import re
from typing import Any

import httpx
import psycopg

from tests.py.connections.conftest import World
from tests.py.console.conftest import Functions
from tests.py.console.test_pages_answer_only_what_the_person_may_do import signed_in
from tests.testdb import Database

CONFIGURATION = "/setup/integrations/configuration"


def effective(db: Database, world: World) -> tuple[str, dict[str, Any]]:
    with psycopg.connect(db.url, autocommit=True) as conn:
        row = conn.execute(
            "select trigger_type::text, trigger_config from public.v_project_integration_features"
            " where project_integration_id = %s and feature_key = 'invoices'",
            (world.integrations["quickbooks"],),
        ).fetchone()
    assert row is not None
    return row[0], row[1]


def post(client: httpx.Client, world: World, **fields: str) -> httpx.Response:
    return client.post(f"{CONFIGURATION}/trigger", data={
        "project": str(world.project_id), "integration": str(world.integrations["quickbooks"]),
        "feature": "invoices", **fields,
    })  # fmt: skip


def field_error(page: str, field: str) -> str:
    """The message shown at the invoices feature's `field` (its aria-describedby target)."""
    assert f'aria-describedby="trigger-invoices-{field}-error"' in page
    found = re.search(rf'id="trigger-invoices-{field}-error" role="alert">([^<]*)<', page)
    assert found is not None
    return found.group(1)


def test_trigger_type_and_settings_are_edited_and_refusals_shown_at_the_field(
    db: Database, world: World, functions_server: Functions
) -> None:
    default = effective(db, world)
    assert default[0] == "on_status_change"
    with signed_in(functions_server, "owner@test.invalid") as client:
        no_status = post(client, world, trigger_type="on_status_change", status=" ")
        assert no_status.status_code == 422
        assert "needs the status it watches" in field_error(no_status.text, "status")
        assert effective(db, world) == default

        bad_cron = post(client, world, trigger_type="on_schedule", schedule="every day")
        assert bad_cron.status_code == 422
        assert "5-field cron expression" in field_error(bad_cron.text, "schedule")
        assert effective(db, world) == default

        statuses = post(client, world, trigger_type="on_status_change", status="Approved, Paid")
        assert statuses.status_code == 303, statuses.text
        trigger, config = effective(db, world)
        assert trigger == "on_status_change"
        assert config["filter"]["status"] == ["Approved", "Paid"]
        assert config["filter"]["transaction_type"] == ["Invoice"]  # the rest is kept

        daily = post(client, world, trigger_type="on_schedule", schedule="0 6 * * *")
        assert daily.status_code == 303, daily.text
        trigger, config = effective(db, world)
        assert (trigger, config["schedule"], config["entity"]) == (
            "on_schedule", "0 6 * * *", "transactions"
        )  # fmt: skip
        page = client.get(CONFIGURATION, params={"project": str(world.project_id)}).text
    history = page[page.index('id="history"') :]
    assert "→ Schedule 0 6 * * *" in history
    assert "When a status changes (transactions" in history
