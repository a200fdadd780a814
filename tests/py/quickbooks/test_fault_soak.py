"""Exactly once under faults: transactions approved while the sandbox answers 10% of
requests with 429, 500, 503, a reset connection or a response lost after the work was
done, and a worker process SIGKILLed mid-run and replaced. Every transaction ends in
QuickBooks exactly once (checked against the sandbox's own state), mapped once, and its
sync log is final and says what happened.

The second variant runs it against a realm that allows fewer requests than Plugboard's
budget assumes (REALM_LIMIT a window against the published 500, its 429s without
Retry-After, as Intuit documents them): the same 0 duplicates, 0 missing, truthful logs,
and few requests sent into the realm's refusals (the budget learns its limit).

The default size runs in well under three minutes on two cores; PLUGBOARD_SOAK_SIZE=2000
runs the issue's full soak (tests/py/quickbooks/test_fault_soak.py::test_fault_soak)."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from contextlib import nullcontext

import pytest

from sandboxes.testing import inject_faults, sandbox_counters
from tests.py.quickbooks.conftest import QbWorld, wait_until
from tests.py.quickbooks.realm_limits import realm_limited

SIZE = int(os.environ.get("PLUGBOARD_SOAK_SIZE", "400"))
FAULTS = ["429", "500", "503", "reset", "lost"]
REALM_LIMIT = 40  # requests per window (2 s in test time), against Plugboard's 500


@pytest.mark.parametrize(
    "realm_limit", [None, REALM_LIMIT], ids=["published", "realm_below_budget"]
)
def test_fault_soak(qb: QbWorld, realm_limit: int | None) -> None:
    assert qb.sandbox is not None
    throttled = sandbox_counters(qb.sandbox).get("throttled_requests", 0)
    with nullcontext() if realm_limit is None else realm_limited(qb, realm_limit):
        soak(qb)
    throttled = sandbox_counters(qb.sandbox).get("throttled_requests", 0) - throttled
    # the shared budget learned the realm's limit: few requests sent into its refusals
    assert throttled <= SIZE // 20, throttled


def soak(qb: QbWorld) -> None:
    assert qb.sandbox is not None
    vendors = [qb.add_vendor(f"Soak Supplier {n}") for n in range(5)]
    ids = [i for n, v in enumerate(vendors) for i in qb.add_transactions(SIZE // 5, v)]
    qb.sql(
        "update public.transactions set reference = left(md5(id::text), 20)"
        " where id = any(%s::uuid[])",
        (ids,),
    )
    doc_numbers = {
        r["id"]: r["reference"]
        for r in qb.sql(
            "select id::text, reference from public.transactions where id = any(%s::uuid[])",
            (ids,),
        )
    }
    assert len(set(doc_numbers.values())) == len(ids)  # one DocNumber per transaction
    second = qb.start_worker()
    inject_faults(qb.sandbox, rate=0.1, kinds=FAULTS, retry_after=1, seed=13)
    started = time.monotonic()

    qb.approve(ids)
    wait_until(lambda: _mapped(qb) >= len(ids) // 3, 120)
    second.send_signal(signal.SIGKILL)  # mid-run: runs in flight die with it
    second.wait()
    killed_at = _mapped(qb)
    qb.start_worker()

    try:
        logs = wait_until(lambda: _all_final(qb, len(ids)), 240)
    except AssertionError as exc:
        raise AssertionError(_stuck(qb)) from exc
    elapsed = time.monotonic() - started
    counters = sandbox_counters(qb.sandbox)

    purchases = Counter(p.get("DocNumber") for p in qb.qbo("Purchase"))
    assert [d for d, n in purchases.items() if n > 1] == []  # 0 duplicates
    assert [i for i, d in doc_numbers.items() if purchases[d] != 1] == []  # 0 missing
    mappings = qb.sql(
        "select internal_id, external_id from public.integration_entity_mappings"
        " where project_integration_id = %s and entity_type = 'transaction'",
        (qb.integration_id,),
    )
    assert sorted(m["internal_id"] for m in mappings) == sorted(ids)
    held = {f"Purchase:{p['Id']}": p["DocNumber"] for p in qb.qbo("Purchase")}
    assert all(held[m["external_id"]] == doc_numbers[m["internal_id"]] for m in mappings)
    vendors_held = Counter(v["DisplayName"] for v in qb.qbo("Vendor"))
    assert all(vendors_held[f"Soak Supplier {n}"] == 1 for n in range(5))

    # every log final and truthful: one record, created once, the id it names is the mapping's
    by_entity = Counter(log["entity_id"] for log in logs)
    assert set(by_entity) == set(ids)
    external = {m["internal_id"]: m["external_id"] for m in mappings}
    for log in logs:
        assert log["status"] == "success", (log["error_code"], log["error_message"])
        assert (log["records_processed"], log["records_failed"]) == (1, 0)
        assert log["records_created"] + log["records_skipped"] == 1
        assert log["external_id"] in (None, external[log["entity_id"]])
    created = sum(log["records_created"] for log in logs)
    assert created == len(ids)
    print(
        f"\nsoak: {len(ids)} transactions, {elapsed:.1f}s, killed at {killed_at} mapped,"
        f" faults {counters.get('faults_injected', counters)}, attempts"
        f" {Counter(log['attempt'] for log in logs)}"
    )


def _mapped(qb: QbWorld) -> int:
    row = qb.one(
        "select count(*) as n from public.integration_entity_mappings"
        " where project_integration_id = %s and entity_type = 'transaction'",
        (qb.integration_id,),
    )
    return int(row["n"])


def _stuck(qb: QbWorld) -> str:
    """What a soak that did not finish was waiting for: logs, jobs, leases, worker logs."""
    logs = qb.sql(
        "select status::text, attempt, count(*) as n from public.integration_sync_logs"
        " where project_integration_id = %s group by 1, 2 order by 1, 2",
        (qb.integration_id,),
    )
    jobs = qb.sql(
        "select status::text, task_name, attempts, count(*) as n,"
        " min(scheduled_at) as first_scheduled from procrastinate.procrastinate_jobs"
        " group by 1, 2, 3 order by 1, 2, 3"
    )
    leases = qb.sql(
        "select r.key, r.attempt, l.status::text, l.attempt as log_attempt"
        " from private.run_record_leases as r join public.integration_sync_logs as l"
        " on l.id = r.log_id"
    )
    tails = {p.name: p.read_text(errors="replace")[-3000:] for p in qb.logs_dir.glob("*.log")}
    return f"logs {logs}\njobs {jobs}\nleases {leases}\nworker logs {tails}"


def _all_final(qb: QbWorld, expected: int) -> list[dict[str, object]] | None:
    logs = qb.sql(
        "select * from public.integration_sync_logs where project_integration_id = %s"
        " and action = 'sync_transaction'",
        (qb.integration_id,),
    )
    final = [log for log in logs if log["status"] in ("success", "partial_success", "failed")]
    return final if len(final) >= expected and len(final) == len(logs) else None
