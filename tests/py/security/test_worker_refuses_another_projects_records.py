"""A worker given a run whose record belongs to another project touches nothing: the run
fails at once with not_in_project (never retried), the sync log says why without naming
the other project, and neither project's records, links nor QuickBooks company change.

Project A owns the records; project B (the attacker's) has a QuickBooks integration of its
own. The runs, and the links some of them follow, are planted as an owner of B reached them
on main (planted.py): real worker processes, the real sandbox."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

import pytest

from tests.py.quickbooks.conftest import QbWorld
from tests.py.security.planted import plant_mapping, plant_run

QBO_ENTITIES = ("Vendor", "Customer", "Purchase", "Bill", "Invoice")


@dataclass(frozen=True)
class Projects:
    """Project A's records, and project B's integration, which the runs are for."""

    a: UUID
    supplier: str
    customer: str
    expense: str
    b_integration: UUID


def _projects(qb: QbWorld) -> Projects:
    assert qb.project_id is not None
    a = qb.project_id
    supplier = qb.add_vendor("Oakwood Timber")
    customer = qb.add_vendor("Riverbank Cafe", role_can_be_vendor=False, role_can_be_customer=True)
    [expense] = qb.add_transactions(1, supplier, status="Approved")
    assert qb.log_of(expense)["status"] == "success"  # pushed to A's own QuickBooks
    qb.new_project()
    assert qb.integration_id is not None
    return Projects(a, supplier, customer, expense, qb.integration_id)


def _state(qb: QbWorld, projects: Projects) -> dict[str, Any]:
    """A's records and every link to them, and what B's QuickBooks company holds."""
    [row] = qb.sql(
        "select (select jsonb_agg(to_jsonb(r) order by r.id) from public.project_relationships"
        " as r where r.project_id = %(a)s) as relationships,"
        " (select jsonb_agg(to_jsonb(t) order by t.id) from public.transactions as t"
        " where t.project_id = %(a)s) as transactions,"
        " (select jsonb_agg(to_jsonb(m) order by m.id) from public.integration_entity_mappings"
        " as m where m.internal_id = any(%(ids)s)) as links",
        {"a": projects.a, "ids": [projects.supplier, projects.customer, projects.expense]},
    )
    return {**row, **{entity: len(qb.qbo(entity)) for entity in QBO_ENTITIES}}


# (action, feature, the record of A the run names, a link B's integration holds to it)
RUNS = [
    ("sync_vendor", "vendors", "supplier", None),
    ("sync_customer", "customers", "customer", None),
    ("sync_transaction", "expenses", "expense", None),
    ("sync_transaction", "expenses", "expenses in a batch", None),
    ("verify_vendor_hash", None, "supplier", ("vendor", "1")),
    ("verify_transaction_hash", None, "expense", ("transaction", "Purchase:1")),
]


@pytest.mark.parametrize(("action", "feature", "record", "link"), RUNS)
def test_a_run_naming_another_projects_record_fails_and_touches_nothing(
    qb: QbWorld, action: str, feature: str | None, record: str,
    link: tuple[str, str] | None,
) -> None:  # fmt: skip
    projects = _projects(qb)
    if record == "expenses in a batch":
        entity_id, params = None, {"entity_ids": [projects.expense], "chunk": str(uuid4())}
    else:
        entity_id = getattr(projects, record)
        params = {"entity_id": entity_id}
    if link is not None:
        plant_mapping(qb.db, projects.b_integration, link[0], str(entity_id), link[1])
    before = _state(qb, projects)

    log_id = plant_run(
        qb.db, projects.b_integration, action, feature, entity_id,
        {"feature": feature, **params},
    )  # fmt: skip
    [log] = qb.wait_final([log_id])

    assert (log["status"], log["error_code"], log["attempt"]) == ("failed", "not_in_project", 1)
    assert "in this project: the run touched nothing" in log["error_message"]
    assert str(projects.a) not in log["error_message"]
    assert _state(qb, projects) == before
