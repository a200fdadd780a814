"""A realm that allows fewer requests than Plugboard's budget assumes, and following a
run against it (tests/py/quickbooks/test_rate_limits*.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from sandboxes.testing import configure_sandbox, sandbox_requests
from tests.py.quickbooks.conftest import QbWorld


@contextmanager
def realm_limited(qb: QbWorld, limit: int, *, retry_after: bool = False) -> Iterator[None]:
    """The test's realm limited to `limit` requests a window (2 s in test time), its 429s
    with or without Retry-After (Intuit documents none)."""
    assert qb.sandbox is not None
    configure_sandbox(
        qb.sandbox, realm_requests_per_minute={qb.realm: limit}, throttle_retry_after=retry_after
    )
    try:
        yield
    finally:
        configure_sandbox(qb.sandbox, realm_requests_per_minute={}, throttle_retry_after=True)


def follow_vendor_run(qb: QbWorld, log_id: UUID, names: set[str]) -> dict[str, Any]:
    """Polls the run to its end; at every step the log's counts are the mappings it wrote
    (one read) and what QuickBooks holds (log before <= QuickBooks <= log after + 1 in
    flight: the run creates one vendor at a time), and no record has failed."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        [before] = qb.sql(
            "select l.status::text, l.records_created, l.records_failed,"
            " (select count(*) from public.integration_entity_mappings as m"
            "  where m.project_integration_id = l.project_integration_id"
            "  and m.entity_type = 'vendor') as mapped"
            " from public.integration_sync_logs as l where l.id = %s",
            (log_id,),
        )
        held = len([v for v in qb.qbo("Vendor") if v["DisplayName"] in names])
        [after] = qb.sql(
            "select records_created from public.integration_sync_logs where id = %s", (log_id,)
        )
        assert before["records_created"] == before["mapped"], before
        assert before["records_created"] <= held <= after["records_created"] + 1, (before, held)
        assert before["records_failed"] == 0, before
        if before["status"] in ("success", "partial_success", "failed"):
            [log] = qb.sql("select * from public.integration_sync_logs where id = %s", (log_id,))
            return log
        time.sleep(0.1)
    raise AssertionError("the run did not end within 120 s")


def vendor_creates(qb: QbWorld) -> int:
    """Vendor creates QuickBooks answered for the test's realm (a replayed requestid too)."""
    assert qb.sandbox is not None
    path = f"/v3/company/{qb.realm}/vendor"
    return len(
        [r for r in sandbox_requests(qb.sandbox) if r["path"] == path and r["status"] == 200]
    )


def add_vendors(qb: QbWorld, count: int, prefix: str) -> dict[str, str]:
    """`count` vendor relationships: id -> display name."""
    names = [f"{prefix} {n:02}" for n in range(count)]
    return {qb.add_vendor(name): name for name in names}
