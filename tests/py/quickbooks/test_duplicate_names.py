"""A relationship whose name QuickBooks already holds (6240) against the sandbox: linking
is not renaming. The bookkeeper's vendor is linked and left exactly as it is (counted as
linked, not created); a feature whose config says Plugboard owns the fields updates it
(counted as updated); a vendor that is not clearly the same business fails the record,
naming the QuickBooks vendor."""

from __future__ import annotations

from typing import Any

from tests.py.quickbooks.conftest import QbWorld


def bookkeepers_vendor(qb: QbWorld, **fields: Any) -> dict[str, Any]:
    """Vendor "Viking Direct" as the bookkeeper entered it in QuickBooks."""
    return qb.create_in_quickbooks(
        "Vendor", {"DisplayName": "Viking Direct", "CompanyName": "Viking Direct", **fields}
    )


def held(qb: QbWorld, external_id: str) -> dict[str, Any]:
    [vendor] = [v for v in qb.qbo("Vendor") if v["Id"] == external_id]
    return vendor


def own_the_fields(qb: QbWorld, feature: str) -> None:
    """The project's override of `feature`: its default config plus owns_fields."""
    qb.sql(
        "insert into public.project_integration_features (project_integration_id,"
        " feature_id, trigger_config) select %s, f.id,"
        " f.default_trigger_config || '{\"owns_fields\": true}' from public.integration_features"
        " as f join public.integration_providers as p on p.id = f.provider_id"
        " where p.key = 'quickbooks' and f.key = %s",
        (qb.integration_id, feature),
    )


def test_a_duplicate_name_links_the_bookkeepers_vendor_and_leaves_it_unchanged(
    qb: QbWorld,
) -> None:
    theirs = bookkeepers_vendor(qb)
    vendor = qb.add_vendor("viking direct", legal_name=None)
    count = len(qb.qbo("Vendor"))

    log = qb.run("sync_vendor", "vendors", vendor)

    assert log["status"] == "success", log["error_message"]
    assert (log["records_linked"], log["records_created"], log["records_updated"]) == (1, 0, 0)
    assert log["details"]["linked"] == {
        vendor: f'linked to existing QuickBooks vendor {theirs["Id"]} "Viking Direct"'
    }
    now = held(qb, theirs["Id"])
    assert (now["SyncToken"], now["DisplayName"], now["CompanyName"]) == (
        theirs["SyncToken"], "Viking Direct", "Viking Direct",
    )  # fmt: skip
    assert "PrimaryEmailAddr" not in now  # nothing of ours was written into it
    assert len(qb.qbo("Vendor")) == count
    mapping = qb.mapping("vendor", vendor)
    assert mapping is not None
    assert (mapping["external_id"], mapping["external_version"]) == (
        theirs["Id"], theirs["SyncToken"],
    )  # fmt: skip

    again = qb.run("sync_vendor", "vendors", vendor)
    assert (again["status"], again["records_skipped"]) == ("success", 1), again
    assert held(qb, theirs["Id"])["SyncToken"] == theirs["SyncToken"]


def test_a_feature_that_owns_the_fields_updates_the_vendor_it_links(qb: QbWorld) -> None:
    own_the_fields(qb, "vendors")
    theirs = bookkeepers_vendor(qb)
    vendor = qb.add_vendor("viking direct", legal_name=None, city="Leeds")

    log = qb.run("sync_vendor", "vendors", vendor)

    assert log["status"] == "success", log["error_message"]
    assert (log["records_linked"], log["records_created"], log["records_updated"]) == (0, 0, 1)
    now = held(qb, theirs["Id"])
    assert (now["DisplayName"], now["BillAddr"]["City"]) == ("viking direct", "Leeds")
    assert int(now["SyncToken"]) == int(theirs["SyncToken"]) + 1
    assert qb.mapping("vendor", vendor)["external_version"] == now["SyncToken"]  # type: ignore[index]


def test_a_duplicate_name_of_a_different_business_fails_naming_the_quickbooks_vendor(
    qb: QbWorld,
) -> None:
    theirs = bookkeepers_vendor(qb, PrimaryEmailAddr={"Address": "sales@viking.example"})
    vendor = qb.add_vendor("viking direct", legal_name=None, email="accounts@viking-other.example")

    log = qb.run("sync_vendor", "vendors", vendor)

    assert (log["status"], log["error_code"]) == ("failed", "qbo_duplicate_name_conflict"), log
    assert f'QuickBooks already has vendor {theirs["Id"]} "Viking Direct"' in log["error_message"]
    assert "integration_link_record" in log["error_message"]
    assert (log["records_linked"], log["records_created"], log["records_updated"]) == (0, 0, 0)
    assert held(qb, theirs["Id"])["SyncToken"] == theirs["SyncToken"]
    assert qb.mapping("vendor", vendor) is None

    # renamed, it is a new create (a new requestid, not a replay of the refused one)
    qb.sql("update public.project_relationships set display_name = 'Viking Other'"
           " where id = %s", (vendor,))  # fmt: skip
    renamed = qb.run("sync_vendor", "vendors", vendor)
    assert (renamed["status"], renamed["records_created"]) == ("success", 1), renamed
    assert qb.mapping("vendor", vendor)["external_id"] != theirs["Id"]  # type: ignore[index]


def test_a_duplicate_customer_name_links_the_bookkeepers_customer(qb: QbWorld) -> None:
    theirs = qb.create_in_quickbooks("Customer", {"DisplayName": "Harbour Lights Inn"})
    customer = qb.add_vendor(
        "HARBOUR LIGHTS INN", role_can_be_vendor=False, role_can_be_customer=True
    )

    log = qb.run("sync_customer", "customers", customer)

    assert log["status"] == "success", log["error_message"]
    assert (log["records_linked"], log["records_created"]) == (1, 0)
    [now] = [c for c in qb.qbo("Customer") if c["Id"] == theirs["Id"]]
    assert (now["SyncToken"], now["DisplayName"]) == (theirs["SyncToken"], "Harbour Lights Inn")


def test_a_vendor_linked_by_name_is_not_rewritten_by_later_changes_unless_owned(
    qb: QbWorld,
) -> None:
    theirs = bookkeepers_vendor(qb)
    vendor = qb.add_vendor("viking direct", legal_name=None)
    assert qb.run("sync_vendor", "vendors", vendor)["records_linked"] == 1

    qb.sql("update public.project_relationships set city = 'York' where id = %s", (vendor,))
    later = qb.run("sync_vendor", "vendors", vendor)
    assert (later["status"], later["records_skipped"], later["records_updated"]) == (
        "success", 1, 0,
    ), later  # fmt: skip
    now = held(qb, theirs["Id"])
    assert (now["SyncToken"], now["DisplayName"]) == (theirs["SyncToken"], "Viking Direct")
    assert "BillAddr" not in now
    assert (
        f"left QuickBooks vendor {theirs['Id']} as the bookkeeper has it"
        in later["details"]["kept"][vendor]
    )

    own_the_fields(qb, "vendors")
    qb.sql("update public.project_relationships set city = 'Hull' where id = %s", (vendor,))
    owned = qb.run("sync_vendor", "vendors", vendor)
    assert (owned["status"], owned["records_updated"]) == ("success", 1), owned
    now = held(qb, theirs["Id"])
    assert (now["DisplayName"], now["BillAddr"]["City"]) == ("viking direct", "Hull")
