"""Companies House cannot fill another project's relationship. An owner of project B links
B's Companies House integration to a relationship of project A (the link planted as main let
them write it, planted.py): the on_link runs it queues fail with not_in_project before any
request, and neither they nor B's daily refresh write A's relationship or cache anything."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tests.py.companies_house.conftest import ChWorld
from tests.py.security.planted import plant_mapping, plant_run

NUMBER = "09876543"


def _relationship(ch: ChWorld, relationship_id: UUID) -> dict[str, Any]:
    return ch.one("select * from public.project_relationships where id = %s", (relationship_id,))


def _cached(ch: ChWorld) -> int:
    row = ch.one(
        "select count(*) as n from public.integration_reference_data"
        " where project_integration_id = %s",
        (ch.integration_id,),
    )
    return int(row["n"])


def _victim_and_link(ch: ChWorld) -> tuple[UUID, UUID, dict[str, Any]]:
    """A's relationship, and B's link to it (B: the fixture's project)."""
    project_a, _ = ch.add_project("A")
    victim = ch.add_business(project_a, "Brightwater")
    assert ch.integration_id is not None
    mapping = plant_mapping(ch.db, ch.integration_id, "company", str(victim), NUMBER)
    return victim, mapping, _relationship(ch, victim)


def test_the_on_link_runs_of_a_link_to_another_projects_relationship_fail(ch: ChWorld) -> None:
    victim, mapping, before = _victim_and_link(ch)
    assert ch.integration_id is not None
    runs = (
        ("ch_company_profile", "company_profile"),
        ("ch_officers", "officers"),
        ("ch_persons_with_significant_control", "psc"),
    )
    link = {"entity_id": str(victim), "external_id": NUMBER, "mapping_id": str(mapping)}
    log_ids = [
        plant_run(
            ch.db, ch.integration_id, action, feature, str(victim), {"feature": feature, **link}
        )
        for action, feature in runs
    ]
    ch.start_workers()
    logs = ch.wait_final(log_ids)

    assert {(log["status"], log["error_code"], log["attempt"]) for log in logs} == {
        ("failed", "not_in_project", 1)
    }
    assert _relationship(ch, victim) == before
    assert _cached(ch) == 0


def test_the_refresh_of_a_project_skips_a_link_to_another_projects_relationship(
    ch: ChWorld,
) -> None:
    victim, _, before = _victim_and_link(ch)
    ch.start_workers()
    log = ch.run("ch_company_refresh")

    assert log["status"] == "success", log["error_message"]
    assert log["records_processed"] == 0
    assert _relationship(ch, victim) == before
