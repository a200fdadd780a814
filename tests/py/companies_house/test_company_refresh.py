"""The scheduled company refresh, planned by the schedule planner and run by a real worker
against the sandbox: after the register dissolves one linked company and renames another,
the refresh flags both links, brings up to date what Plugboard filled in (never what a
person typed), lists the changes in v_companies_house_company_changes for members, and
reports an unknown company on its own entry without failing the run or the connection.
A person then acknowledges a change (companies_house_acknowledge_change)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
import pytest

from tests.py.companies_house.conftest import ChWorld
from tests.py.provider_world import SERVICE_ROLE, member_claims

DISSOLVED, RENAMED, UNCHANGED, UNKNOWN = "09876543", "11223344", "07654321", "01234567"
NEW_NAME = "HARTLEY & DAUGHTERS BAKERY LIMITED"


def _refresh(ch: ChWorld) -> dict[str, Any]:
    """Makes the project's company_refresh due, plans schedules as pg_cron does each
    minute, and waits for the one run it queued."""
    ch.sql(
        "update public.project_integration_features as pif"
        " set next_run_at = now() - interval '1 minute'"
        " from public.integration_features as f"
        " where f.id = pif.feature_id and f.key = 'company_refresh'"
        " and pif.project_integration_id = %s",
        (ch.integration_id,),
    )
    assert ch.one("select private.plan_schedules() as n")["n"] == 1
    [log_id] = [
        row["id"]
        for row in ch.sql(
            "select id from public.integration_sync_logs where project_integration_id = %s"
            " and action = 'ch_company_refresh' and status in ('pending', 'in_progress')",
            (ch.integration_id,),
        )
    ]
    [log] = ch.wait_final([log_id])
    return log


def _changes(ch: ChWorld, user: UUID) -> set[tuple[Any, ...]]:
    rows = ch.sql(
        "select company_number, change, previous_value, current_value, needs_review,"
        " acknowledged_by from public.v_companies_house_company_changes",
        claims=member_claims(user),
    )
    return {tuple(row.values()) for row in rows}


def _acknowledge(ch: ChWorld, user: UUID, mapping_id: UUID) -> dict[str, Any]:
    row = ch.one(
        "select public.companies_house_acknowledge_change(%s) as r",
        (mapping_id,),
        claims=member_claims(user),
    )
    result: dict[str, Any] = row["r"]
    return result


def test_refresh_flags_dissolved_and_renamed_companies_until_acknowledged(ch: ChWorld) -> None:
    assert ch.project_id is not None
    owner = ch.add_member(ch.project_id, "project:owner")
    member = ch.add_member(ch.project_id, "project:member")
    other_project, _ = ch.add_project("Other")
    outsider = ch.add_member(other_project, "project:owner")
    relationships = {
        number: ch.add_business(ch.project_id, name, **columns)
        for number, name, columns in (
            (DISSOLVED, "Brightwater", {}),
            (RENAMED, "Hartley", {}),
            (UNCHANGED, "Northgate", {"legal_name": "Northgate (typed)"}),
            (UNKNOWN, "Ghost", {}),
        )
    }
    link_logs = [i for n, r in relationships.items() for i in ch.link(r, n)["log_ids"]]
    ch.start_workers()
    ch.wait_final(link_logs)

    ch.change_company(DISSOLVED, company_status="dissolved")
    ch.change_company(RENAMED, company_name=NEW_NAME)
    log = _refresh(ch)

    assert (log["trigger_type"], log["status"]) == ("on_schedule", "partial_success")
    assert (log["records_processed"], log["records_failed"]) == (4, 1)
    companies = log["details"]["companies"]
    assert companies[UNKNOWN]["error_code"] == "company_not_found"
    assert companies[UNKNOWN]["http_status"] == 404
    assert companies[DISSOLVED]["changes"][0]["kind"] == "dissolved"
    assert companies[UNCHANGED]["changes"] == []
    assert ch.integration()["status"] == "Connected"

    mappings = {
        row["external_id"]: row
        for row in ch.sql(
            "select id, external_id, is_stale, stale_reason from public.integration_entity_mappings"
            " where project_integration_id = %s and entity_type = 'company'",
            (ch.integration_id,),
        )
    }
    assert mappings[DISSOLVED]["stale_reason"] == "Company 09876543 was dissolved (was active)"
    assert mappings[RENAMED]["stale_reason"] == (
        f'Company 11223344 changed its name from "HARTLEY & SONS BAKERY LIMITED" to "{NEW_NAME}"'
    )
    assert not mappings[UNCHANGED]["is_stale"]
    filled = {
        row["id"]: (row["legal_name"], row["company_status"])
        for row in ch.sql("select id, legal_name, company_status from public.project_relationships")
    }
    assert filled[relationships[DISSOLVED]] == ("BRIGHTWATER SOFTWARE LTD", "dissolved")
    assert filled[relationships[RENAMED]] == (NEW_NAME, "active")
    assert filled[relationships[UNCHANGED]] == ("Northgate (typed)", "active")

    flagged = {
        (DISSOLVED, "dissolved", "active", "dissolved", True, None),
        (RENAMED, "name_changed", "HARTLEY & SONS BAKERY LIMITED", NEW_NAME, True, None),
    }
    assert _changes(ch, member) == flagged
    assert _changes(ch, outsider) == set()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        ch.sql("select * from public.v_companies_house_company_changes", claims={"role": "anon"})

    with pytest.raises(psycopg.Error, match="integration:sync:companies_house") as refused:
        _acknowledge(ch, member, mappings[DISSOLVED]["id"])
    assert refused.value.sqlstate == "PB403"
    with pytest.raises(psycopg.Error) as hidden:
        _acknowledge(ch, outsider, mappings[DISSOLVED]["id"])
    assert hidden.value.sqlstate == "PB404"

    done = _acknowledge(ch, owner, mappings[DISSOLVED]["id"])
    assert done == {
        "mapping_id": str(mappings[DISSOLVED]["id"]),
        "company_number": DISSOLVED,
        "acknowledged": 1,
        "needs_review": False,
    }
    assert _acknowledge(ch, owner, mappings[DISSOLVED]["id"])["acknowledged"] == 0
    assert _changes(ch, member) == {
        (DISSOLVED, "dissolved", "active", "dissolved", False, owner),
        (RENAMED, "name_changed", "HARTLEY & SONS BAKERY LIMITED", NEW_NAME, True, None),
    }

    again = _refresh(ch)  # nothing new on the register: nothing new flagged
    assert again["status"] == "partial_success"
    assert (
        len(ch.sql("select 1 from public.v_companies_house_company_changes", claims=SERVICE_ROLE))
        == 2
    )
    stale = ch.sql(
        "select external_id from public.integration_entity_mappings where is_stale"
        " and project_integration_id = %s",
        (ch.integration_id,),
    )
    assert [row["external_id"] for row in stale] == [RENAMED]
