"""Company info, testConnection and reference data (paged, inactive upstream marked,
stale mappings flagged), and the verify actions telling in_sync / drifted / missing after
changes made directly in QuickBooks."""

from __future__ import annotations

from typing import Any

import httpx

from tests.py.provider_world import SERVICE_ROLE
from tests.py.quickbooks.conftest import QbWorld


def test_test_connection_and_company_info_keep_the_company_facts(qb: QbWorld) -> None:
    assert qb.run("testConnection")["status"] == "success"
    log = qb.run("qb_company_info")
    assert log["status"] == "success"
    integration = qb.one(
        "select status, settings, external_account_name from public.project_integrations"
        " where id = %s",
        (qb.integration_id,),
    )
    assert integration["status"] == "Connected"
    assert integration["settings"]["home_currency"] == "GBP"
    assert integration["settings"]["uses_tax"] is True
    assert integration["external_account_name"] == "Thornbury Consulting Ltd"


def _batch_create(qb: QbWorld, entity: str, bodies: list[dict[str, Any]]) -> None:
    token = httpx.post(f"{qb.url}/_sandbox/tokens", json={"realm_id": qb.realm}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}", "Accept": "application/json"}
    for start in range(0, len(bodies), 30):
        items = [
            {"bId": str(n), "operation": "create", entity: body}
            for n, body in enumerate(bodies[start : start + 30])
        ]
        response = httpx.post(
            f"{qb.url}/v3/company/{qb.realm}/batch",
            json={"BatchItemRequest": items},
            headers=headers,
            timeout=30,
        )
        assert response.status_code == 200, response.text


def test_classes_are_read_a_page_at_a_time_and_gone_ones_flag_their_mappings(
    qb: QbWorld,
) -> None:
    _batch_create(qb, "Class", [{"Name": f"Site {n:04d}"} for n in range(1010)])
    qb.sql(
        "insert into public.integration_entity_mappings (project_integration_id, entity_type,"
        " internal_id, external_id) values (%s, 'class', 'SITE7', %s)",
        (qb.integration_id, qb.qbo_id("Class", "Site 0007")),
    )
    log = qb.run("qb_classes")
    assert (log["status"], log["records_processed"]) == ("success", 1014), log
    cached = qb.one(
        "select count(*) filter (where is_active) as active from public.integration_reference_data"
        " where project_integration_id = %s and kind = 'class'",
        (qb.integration_id,),
    )
    assert cached["active"] == 1014

    qb.edit_in_quickbooks("Class", qb.qbo_id("Class", "Site 0007"), {"Active": False})
    log = qb.run("qb_classes")
    assert log["details"]["deactivated"] == 1 and log["details"]["stale_mappings"] == 1
    mapping = qb.mapping("class", "SITE7")
    assert mapping is not None and mapping["is_stale"]
    assert mapping["stale_reason"] == (
        'QuickBooks class "Site 0007" is inactive; map SITE7 to an active one'
    )
    qb.edit_in_quickbooks("Class", mapping["external_id"], {"Active": True})
    qb.run("qb_classes")
    assert qb.mapping("class", "SITE7")["is_stale"] is False  # type: ignore[index]


def test_verify_detects_changes_made_directly_in_quickbooks(qb: QbWorld) -> None:
    vendor = qb.add_vendor("Oakwood Timber")
    [expense] = qb.add_transactions(1, vendor, status="Approved")
    assert qb.log_of(expense)["status"] == "success"

    assert qb.run("verify_transaction_hash", None, expense)["details"]["state"] == "in_sync"
    assert qb.run("verify_vendor_hash", None, vendor)["details"]["state"] == "in_sync"

    purchase = qb.mapping("transaction", expense)["external_id"].split(":")[1]  # type: ignore[index]
    qb.edit_in_quickbooks("Purchase", purchase, {"PrivateNote": "changed by the bookkeeper"})
    vendor_id = qb.mapping("vendor", vendor)["external_id"]  # type: ignore[index]
    qb.edit_in_quickbooks("Vendor", vendor_id, {"PrimaryEmailAddr": {"Address": "new@x.example"}})

    drifted = qb.run("verify_transaction_hash", None, expense)
    details = drifted["details"]
    assert (details["state"], details["local_changed"]) == ("drifted", False)
    assert details["quickbooks_sync_token"] == "1"
    assert qb.mapping("transaction", expense)["is_stale"] is True  # type: ignore[index]
    assert qb.run("verify_vendor_hash", None, vendor)["details"]["state"] == "drifted"

    qb.sql("update public.transactions set description = 'Local edit' where id = %s", (expense,))
    assert qb.run("verify_transaction_hash", None, expense)["details"]["local_changed"] is True

    token = httpx.post(f"{qb.url}/_sandbox/tokens", json={"realm_id": qb.realm}).json()
    deleted = httpx.post(
        f"{qb.url}/v3/company/{qb.realm}/purchase",
        params={"operation": "delete"},
        json={"Id": purchase, "SyncToken": "1"},
        headers={"Authorization": f"Bearer {token['access_token']}", "Accept": "application/json"},
    )
    assert deleted.status_code == 200, deleted.text
    missing = qb.run("verify_transaction_hash", None, expense)
    assert missing["details"]["state"] == "missing"
    assert "deleted" in qb.mapping("transaction", expense)["stale_reason"]  # type: ignore[index]


def test_integration_request_sync_starts_verify_vendor_hash_for_one_record(qb: QbWorld) -> None:
    vendor = qb.add_vendor("Beacon Joinery")
    assert qb.run("sync_vendor", "vendors", vendor)["status"] == "success"

    requested = qb.one(
        "select public.integration_request_sync(%s, 'verify_vendor_hash', array[%s]) as r",
        (qb.integration_id, vendor),
        claims=SERVICE_ROLE,
    )["r"]
    assert requested["queued"] is True, requested
    [log] = qb.wait_final(requested["log_ids"])
    assert (log["action"], log["entity_id"], log["status"]) == (
        "verify_vendor_hash", vendor, "success",
    )  # fmt: skip
    assert log["details"]["state"] == "in_sync"
    assert log["external_id"] == qb.mapping("vendor", vendor)["external_id"]  # type: ignore[index]


def test_verify_without_records_checks_every_linked_one(qb: QbWorld) -> None:
    kept, changed = qb.add_vendor("Harbour Slate"), qb.add_vendor("Millbrook Glass")
    unlinked = qb.add_vendor("Never Sent Ltd")
    for vendor in (kept, changed):
        assert qb.run("sync_vendor", "vendors", vendor)["status"] == "success"
    changed_id = qb.mapping("vendor", changed)["external_id"]  # type: ignore[index]
    qb.edit_in_quickbooks("Vendor", changed_id, {"PrimaryEmailAddr": {"Address": "new@x.example"}})

    log = qb.run("verify_vendor_hash", "verify_vendor_hash")

    assert log["status"] == "success", log
    assert log["details"]["states"] == {kept: "in_sync", changed: "drifted"}
    assert unlinked not in log["details"]["states"]
    assert log["details"]["not_in_sync"] == [changed]
    assert (log["records_processed"], log["records_skipped"]) == (2, 2)
    assert qb.mapping("vendor", changed)["is_stale"] is True  # type: ignore[index]
    assert qb.mapping("vendor", kept)["is_stale"] is False  # type: ignore[index]
