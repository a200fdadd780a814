"""The QuickBooks "mark Paid" path cannot reach another project's transaction. An owner of
project B links an invoice of B's QuickBooks company to project A's outbound invoice (the
link planted as main let them write it, planted.py), then records a payment of that invoice
in B's own QuickBooks: the qb_payments run fails with not_in_project and A's invoice keeps
its status."""

from __future__ import annotations

from tests.py.quickbooks.conftest import QbWorld
from tests.py.security.planted import plant_run, planted


def test_a_payment_in_another_projects_quickbooks_cannot_mark_an_invoice_paid(
    qb: QbWorld,
) -> None:
    customer_a = qb.add_vendor(
        "Riverbank Cafe", role_can_be_vendor=False, role_can_be_customer=True
    )
    [invoice_a] = qb.add_transactions(
        1, customer_a, status="Submitted", transaction_type="Invoice", direction="outbound"
    )
    qb.new_project()  # B, the attacker's, with a QuickBooks company of its own
    customer_b = qb.add_vendor("Hilltop Deli", role_can_be_vendor=False, role_can_be_customer=True)
    [invoice_b] = qb.add_transactions(
        1, customer_b, status="Approved", transaction_type="Invoice", direction="outbound"
    )
    assert qb.log_of(invoice_b)["status"] == "success"
    link = qb.mapping("transaction", invoice_b)
    customer_ref = qb.mapping("customer", customer_b)
    assert link is not None and customer_ref is not None
    planted(
        qb.db,
        "update public.integration_entity_mappings set internal_id = %s where id = %s",
        (invoice_a, link["id"]),
    )
    external = link["external_id"].split(":")[1]
    payment = qb.create_in_quickbooks("Payment", {
        "CustomerRef": {"value": customer_ref["external_id"]}, "TotalAmt": 120.0,
        "Line": [{"Amount": 120.0, "LinkedTxn": [{"TxnId": external, "TxnType": "Invoice"}]}],
    })  # fmt: skip

    assert qb.integration_id is not None
    log_id = plant_run(
        qb.db, qb.integration_id, "qb_payments", "payments", str(payment["Id"]),
        {"feature": "payments", "entity_id": str(payment["Id"])},
    )  # fmt: skip
    [log] = qb.wait_final([log_id])

    assert (log["status"], log["error_code"], log["attempt"]) == ("failed", "not_in_project", 1)
    statuses = qb.sql(
        "select id::text, status from public.transactions where id = any(%s::uuid[])",
        ([invoice_a, invoice_b],),
    )
    assert {row["id"]: row["status"] for row in statuses} == {
        invoice_a: "Submitted",
        invoice_b: "Approved",
    }
