"""Linking a relationship to its company (on_link) fetches and caches the profile,
officers and PSCs through real workers and the sandbox, and fills what the relationship
lacks without overwriting what a person typed."""

from __future__ import annotations

from tests.py.companies_house.conftest import ChWorld


def test_link_fetches_profile_officers_and_pscs_and_fills_only_empty_fields(ch: ChWorld) -> None:
    assert ch.project_id is not None
    typed = ch.add_business(ch.project_id, "Brightwater", legal_name="Brightwater (typed)")
    linked = ch.link(typed, "9876543")  # normalised to 09876543
    assert linked["linked"] is True and linked["company_number"] == "09876543"
    assert len(linked["log_ids"]) == 3

    ch.start_workers()
    logs = ch.wait_final(linked["log_ids"])
    assert {log["action"]: log["status"] for log in logs} == {
        "ch_company_profile": "success",
        "ch_officers": "success",
        "ch_persons_with_significant_control": "success",
    }

    relationship = ch.one("select * from public.project_relationships where id = %s", (typed,))
    assert relationship["legal_name"] == "Brightwater (typed)"  # a person's value stays
    assert relationship["company_status"] == "active"
    assert relationship["sic_codes"]
    assert relationship["address_line1"] and relationship["postal_code"]
    assert relationship["country_code"] == "GB"

    cached = ch.sql(
        "select kind, count(*) as n from public.integration_reference_data"
        " where project_integration_id = %s and parent_external_id = '09876543' group by kind",
        (ch.integration_id,),
    )
    counts = {row["kind"]: row["n"] for row in cached}
    assert counts["company"] == 1 and counts["company_officer"] >= 3 and counts["company_psc"] >= 1
    officers = next(log for log in logs if log["action"] == "ch_officers")
    assert officers["records_processed"] == 1 and officers["external_id"] == "09876543"
