"""sync_vendor / sync_customer against the sandbox: create, update with the SyncToken we
hold, a stale SyncToken (5010) re-read and retried once, a duplicate name (6240) linked
when it is the same business and refused with a clear error when it is not."""

from __future__ import annotations

from tests.py.quickbooks.conftest import QbWorld


def test_a_vendor_is_created_then_updated_with_its_sync_token(qb: QbWorld) -> None:
    vendor = qb.add_vendor("Oakwood Timber", city="Reading")
    log = qb.run("sync_vendor", "vendors", vendor)
    assert (log["status"], log["records_created"]) == ("success", 1), log
    mapping = qb.mapping("vendor", vendor)
    assert mapping is not None and mapping["external_version"] == "0"
    [held] = [v for v in qb.qbo("Vendor") if v["Id"] == mapping["external_id"]]
    assert held["DisplayName"] == "Oakwood Timber"
    assert held["BillAddr"]["City"] == "Reading"
    assert held["CompanyName"] == "Oakwood Timber Ltd"

    unchanged = qb.run("sync_vendor", "vendors", vendor)
    assert (unchanged["status"], unchanged["records_skipped"]) == ("success", 1)

    qb.sql("update public.project_relationships set city = 'Oxford' where id = %s", (vendor,))
    updated = qb.run("sync_vendor", "vendors", vendor)
    assert (updated["status"], updated["records_updated"]) == ("success", 1), updated
    [held] = [v for v in qb.qbo("Vendor") if v["Id"] == mapping["external_id"]]
    assert held["BillAddr"]["City"] == "Oxford"
    assert qb.mapping("vendor", vendor)["external_version"] == held["SyncToken"] == "1"  # type: ignore[index]


def test_a_stale_sync_token_is_re_read_and_the_update_tried_once_more(qb: QbWorld) -> None:
    vendor = qb.add_vendor("Brightspark Electrical")
    qb.run("sync_vendor", "vendors", vendor)
    external_id = qb.mapping("vendor", vendor)["external_id"]  # type: ignore[index]
    qb.edit_in_quickbooks("Vendor", external_id, {"Notes": "edited by a person"})  # token 1

    qb.sql(
        "update public.project_relationships set phone = '+44 118 496 0001' where id = %s",
        (vendor,),
    )
    log = qb.run("sync_vendor", "vendors", vendor)
    assert (log["status"], log["records_updated"]) == ("success", 1), log["error_message"]
    [held] = [v for v in qb.qbo("Vendor") if v["Id"] == external_id]
    assert held["SyncToken"] == "2" and held["PrimaryPhone"]["FreeFormNumber"] == "+44 118 496 0001"
    assert held["Notes"] == "edited by a person"  # a sparse update keeps what we do not send


def test_a_duplicate_name_of_the_same_business_is_linked(qb: QbWorld) -> None:
    # the sandbox's GB company has "Acme Office Supplies Ltd" with this e-mail
    vendor = qb.add_vendor(
        "Acme Office Supplies Ltd", legal_name=None, email="orders@acme-office.co.uk"
    )
    existing = qb.qbo_id("Vendor", "Acme Office Supplies Ltd", "DisplayName")
    count = len(qb.qbo("Vendor"))
    log = qb.run("sync_vendor", "vendors", vendor)
    assert log["status"] == "success", log["error_message"]
    assert (log["records_linked"], log["records_created"]) == (1, 0)
    assert qb.mapping("vendor", vendor)["external_id"] == existing  # type: ignore[index]
    assert len(qb.qbo("Vendor")) == count


def test_a_duplicate_name_of_another_business_fails_clearly(qb: QbWorld) -> None:
    vendor = qb.add_vendor(
        "Northern Power plc", legal_name="Other Power Co", email="x@other.example"
    )
    log = qb.run("sync_vendor", "vendors", vendor)
    assert (log["status"], log["error_code"]) == ("failed", "qbo_duplicate_name_conflict")
    assert '"Northern Power plc" with a different' in log["error_message"]
    assert qb.mapping("vendor", vendor) is None


def test_a_customer_is_created(qb: QbWorld) -> None:
    customer = qb.add_vendor("Riverbank Cafe", role_can_be_vendor=False, role_can_be_customer=True)
    log = qb.run("sync_customer", "customers", customer)
    assert (log["status"], log["records_created"]) == ("success", 1), log["error_message"]
    external_id = qb.mapping("customer", customer)["external_id"]  # type: ignore[index]
    assert qb.qbo_id("Customer", "Riverbank Cafe", "DisplayName") == external_id


def test_the_whole_vendors_feature_pushes_new_and_changed_vendors(qb: QbWorld) -> None:
    vendors = [qb.add_vendor(f"Supplier {n}") for n in range(3)]
    qb.add_vendor("Not a vendor", role_can_be_vendor=False, role_can_be_customer=True)
    log = qb.run("sync_vendor", "vendors")
    assert (log["status"], log["records_processed"], log["records_created"]) == ("success", 3, 3)
    assert all(qb.mapping("vendor", v) for v in vendors)
    again = qb.run("sync_vendor", "vendors")
    assert again["records_processed"] == 0
