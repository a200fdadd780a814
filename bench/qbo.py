"""`plugboard bench qbo`: QuickBooks pushes against the sandbox enforcing Intuit's
published per-realm limits (500 requests a minute, 10 at once, 40 batch requests a
minute) with its windows scaled (a "minute" lasts WINDOW seconds), through real worker
processes and a real database; every figure from this one run.

1. Bulk push of 3,000 approved expenses (one feature run -> batch runs of 30, plus single
   creates in the requests the batch limit leaves unused: providers/quickbooks/channels.py):
   elapsed from the request's COMMIT to the last run closed, against the floor the limits
   allow: a window takes at most 40 x 30 + (500 - 40) = 1,660 records, so the last
   request cannot start before (ceil(3000 / 1660) - 1) * W = W; floor = W + the median
   service time of a batch request (sandbox request log). Also shown: the floor with
   batch requests alone, (ceil(100 / 40) - 1) * W = 2W. Target <= 1.15. Measured with the
   windows scaled (W = WINDOW) and again with Intuit's limits as published (W = 60 s).
2. The naive way (python-quickbooks: one create per record, sequential, its 429s waited
   out as Retry-After says, which python-quickbooks itself does not even do) pushing the
   same 3,000 payloads to a fresh company of the same sandboxes: our speed-up. Target >= 3x.
3. Trigger -> first QuickBooks request: an expense's status-change COMMIT -> the sandbox
   receiving its create (request log: arrival = logged time - duration), p50 / p99 over
   1,000 changes made one after another. Targets 15 / 60 ms.
4. Worker peak RSS (psutil, sampled every 50 ms) while one worker process pushes MEMORY
   records (default 50,000), with the windows scaled x600 and batch requests only, so it
   is bounded by the machine rather than the clock. Target <= 150 MB.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil
import psycopg

from bench.report import report
from bench.scratch_db import scratch_database
from python_workers.providers.quickbooks.channels import per_window
from python_workers.providers.quickbooks.settings import quickbooks_settings
from sandboxes.common.server import RunningSandbox
from sandboxes.testing import (
    configure_sandbox,
    sandbox_counters,
    sandbox_requests,
    start_sandbox,
)
from tests.py.provider_world import SERVICE_ROLE
from tests.py.quickbooks.conftest import QbWorld, sandbox_env
from tests.testdb import Database, dbname_of

TIME_SCALE = float(os.environ.get("PLUGBOARD_BENCH_QBO_TIME_SCALE", "4"))
WINDOW = 60 / TIME_SCALE
MEMORY_TIME_SCALE = 600
BULK = 3_000
CHANGES = 1_000
MEMORY = int(os.environ.get("PLUGBOARD_BENCH_QBO_MEMORY", "50000"))
CONCURRENCY = 16
WORKERS = 2


def main() -> None:
    with (
        scratch_database("qbo") as url,
        start_sandbox("quickbooks", time_scale=TIME_SCALE) as sandbox,
        tempfile.TemporaryDirectory() as tmp,
    ):
        env = {**sandbox_env(sandbox), "PLUGBOARD_QBO_TIME_SCALE": str(TIME_SCALE)}
        world = QbWorld(Database(dbname_of(url), url, url), Path(tmp), env, sandbox=sandbox)
        try:
            for _ in range(WORKERS):
                world.start_worker(concurrency=CONCURRENCY)
            bulk, payloads = _bulk(world)
            naive = _naive(world, payloads)
            bulk["speed-up vs naive"] = round(naive["elapsed s"] / bulk["elapsed s"], 2)
            naive |= {"target": "speed-up >= 3x", "met": bulk["speed-up vs naive"] >= 3}
            latency = _latency(world)
            unscaled = _restarted(world, sandbox, 1, {}, lambda: _bulk(world)[0])
            unscaled["figure"] += ", limits unscaled (a minute is 60 s)"
            world.stop_workers()
            configure_sandbox(sandbox, time_scale=MEMORY_TIME_SCALE)
            world.env |= {"PLUGBOARD_QBO_TIME_SCALE": str(MEMORY_TIME_SCALE),
                          "PLUGBOARD_QBO_REQUESTS_PER_MINUTE": "40"}  # fmt: skip
            memory = _memory(world, world.start_worker(concurrency=CONCURRENCY).pid)
        finally:
            world.stop_workers()
    report(
        "qbo",
        [bulk, naive, unscaled, latency, memory],
        [
            f"windows scaled: time_scale {TIME_SCALE:g}, a limit's minute lasts {WINDOW:g} s",
            "floor = (ceil(records / 1660) - 1) * window + median batch service time;"
            " batch-only floor = (ceil(batches / 40) - 1) * window + the same",
            f"{WORKERS} worker processes, concurrency {CONCURRENCY} each; the naive client is"
            " one synchronous httpx client",
            f"memory: one worker, windows scaled x{MEMORY_TIME_SCALE}, batch requests only",
        ],
    )


def _restarted(
    world: QbWorld, sandbox: RunningSandbox, time_scale: float, env: dict[str, str],
    measure: Callable[[], dict[str, Any]],
) -> dict[str, Any]:  # fmt: skip
    """`measure` with the sandbox's and the workers' windows at `time_scale` (workers
    restarted with it), then both back to TIME_SCALE."""
    world.stop_workers()
    configure_sandbox(sandbox, time_scale=time_scale)
    scaled = world.env
    world.env = {**scaled, "PLUGBOARD_QBO_TIME_SCALE": str(time_scale), **env}
    try:
        for _ in range(WORKERS):
            world.start_worker(concurrency=CONCURRENCY)
        return measure()
    finally:
        world.stop_workers()
        world.env = scaled
        configure_sandbox(sandbox, time_scale=TIME_SCALE)


def _bulk(world: QbWorld) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    world.new_project()
    world.override("expenses", "on_manual")
    vendor = world.add_vendor("Bench Supplier")
    assert world.run("sync_vendor", "vendors", vendor)["status"] == "success"
    ids = world.add_transactions(BULK, vendor, status="Approved")
    assert world.sandbox is not None
    throttled = sandbox_counters(world.sandbox).get("throttled_requests", 0)
    started = time.monotonic()
    runs = _request_and_wait(world, "expenses")
    elapsed = time.monotonic() - started
    created = sum(r["records_created"] for r in runs)
    sent = _requests(world)
    batches = [r for r in sent if r["path"].endswith("/batch")]
    singles = [r for r in sent if r["path"].endswith("/purchase")]
    service = statistics.median(r["duration_ms"] for r in batches) / 1000
    batch_records, single_records = per_window(quickbooks_settings())
    window = 60 / float(world.env["PLUGBOARD_QBO_TIME_SCALE"])
    floor = (math.ceil(BULK / (batch_records + single_records)) - 1) * window + service
    batch_only = (math.ceil(math.ceil(BULK / 30) / 40) - 1) * window + service
    payloads = [_sendable(p) for p in world.qbo("Purchase")]
    assert created == len(ids) == len(payloads), (created, len(payloads))
    return {
        "figure": f"bulk push of {BULK:,} (runs of 30)",
        "elapsed s": round(elapsed, 2),
        "floor s": round(floor, 2),
        "elapsed / floor": round(elapsed / floor, 3),
        "batch-only floor s": round(batch_only, 2),
        "requests": f"{len(batches)} batch + {len(singles)} single",
        "429s": sandbox_counters(world.sandbox).get("throttled_requests", 0) - throttled,
        "target": "elapsed / floor <= 1.15",
        "met": elapsed / floor <= 1.15,
    }, payloads


def _naive(world: QbWorld, payloads: list[dict[str, Any]]) -> dict[str, Any]:
    base = world.url
    realm = httpx.post(f"{base}/_sandbox/companies", json={"country": "GB"}).json()["realmId"]
    token = httpx.post(f"{base}/_sandbox/tokens", json={"realm_id": realm}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}", "Accept": "application/json"}
    throttled = 0
    with httpx.Client(base_url=f"{base}/v3/company/{realm}", headers=headers) as client:
        vendor = client.post("/vendor", json={"DisplayName": "Bench Supplier"}).json()
        started = time.monotonic()
        for payload in payloads:
            payload["EntityRef"] = {"value": vendor["Vendor"]["Id"], "type": "Vendor"}
            while True:
                response = client.post("/purchase", params={"minorversion": "75"}, json=payload)
                if response.status_code != 429:
                    break
                throttled += 1
                time.sleep(float(response.headers.get("retry-after", "1")))
            assert response.status_code == 200, response.text
        elapsed = time.monotonic() - started
    return {
        "figure": f"naive: {len(payloads):,} creates, one at a time",
        "elapsed s": round(elapsed, 2),
        "requests": len(payloads),
        "429s": throttled,
    }


def _latency(world: QbWorld) -> dict[str, Any]:
    world.new_project()
    vendor = world.add_vendor("Latency Supplier")
    assert world.run("sync_vendor", "vendors", vendor)["status"] == "success"
    ids = world.add_transactions(CHANGES, vendor)
    references = {
        r["id"]: r["reference"]
        for r in world.sql(
            "select id::text, reference from public.transactions where id = any(%s::uuid[])",
            (ids,),
        )
    }
    committed: dict[str, float] = {}
    arrivals: dict[str, float] = {}
    with psycopg.connect(world.db.url, autocommit=True) as conn:
        for transaction_id in ids:
            conn.execute(
                "update public.transactions set status = 'Approved' where id = %s",
                (transaction_id,),
            )
            committed[references[transaction_id]] = time.time()
            _wait_mapped(conn, transaction_id)
            if len(committed) % 500 == 0:
                arrivals.update(_arrivals(world))
    arrivals.update(_arrivals(world))
    gaps = sorted(1000 * (arrivals[ref] - at) for ref, at in committed.items())
    p50, p99 = gaps[len(gaps) // 2], gaps[int(len(gaps) * 0.99)]
    return {
        "figure": f"status change -> first QuickBooks request ({CHANGES:,} changes)",
        "p50 ms": round(p50, 1),
        "p99 ms": round(p99, 1),
        "target": "p50 <= 15 ms, p99 <= 60 ms",
        "met": p50 <= 15 and p99 <= 60,
    }


def _memory(world: QbWorld, pid: int) -> dict[str, Any]:
    world.new_project()
    world.override("expenses", "on_manual")
    vendor = world.add_vendor("Memory Supplier")
    assert world.run("sync_vendor", "vendors", vendor)["status"] == "success"
    world.add_transactions(MEMORY, vendor, status="Approved")
    with _peak_rss(pid) as peak:
        started = time.monotonic()
        runs = _request_and_wait(world, "expenses", timeout=3600)
        elapsed = time.monotonic() - started
    created = sum(r["records_created"] for r in runs)
    assert created == MEMORY, created
    return {
        "figure": f"worker peak RSS pushing {MEMORY:,} records",
        "elapsed s": round(elapsed, 1),
        "peak RSS MB": round(peak[0] / 2**20, 1),
        "target": "<= 150 MB",
        "met": peak[0] / 2**20 <= 150,
    }


def _request_and_wait(world: QbWorld, feature: str, timeout: float = 600) -> list[dict[str, Any]]:
    requested = world.one(
        "select public.integration_request_sync(%s, %s, null) as r",
        (world.integration_id, feature),
        claims=SERVICE_ROLE,
    )["r"]
    [plan] = world.wait_final(requested["log_ids"], timeout)
    return world.wait_final(plan["details"]["log_ids"], timeout)


def _requests(world: QbWorld) -> list[dict[str, Any]]:
    assert world.sandbox is not None
    return [r for r in sandbox_requests(world.sandbox) if f"/{world.realm}/" in r["path"]]


def _arrivals(world: QbWorld) -> dict[str, float]:
    """DocNumber -> when the sandbox received the first create carrying it."""
    found: dict[str, float] = {}
    for record in _requests(world):
        if record["path"].endswith("/purchase") and record.get("body"):
            reference = json.loads(record["body"]).get("DocNumber")
            arrival = record["at"] - record["duration_ms"] / 1000
            if reference and arrival < found.get(reference, math.inf):
                found[reference] = arrival
    return found


def _wait_mapped(conn: Any, transaction_id: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        row = conn.execute(
            "select 1 from public.integration_entity_mappings where internal_id = %s",
            (transaction_id,),
        ).fetchone()
        if row:
            return
        time.sleep(0.002)
    raise AssertionError(f"{transaction_id} was not pushed")


def _sendable(purchase: dict[str, Any]) -> dict[str, Any]:
    owned = {"Id", "SyncToken", "MetaData", "domain", "sparse", "TotalAmt", "FullyQualifiedName"}
    lines = [
        {k: v for k, v in line.items() if k not in ("Id", "LineNum")} for line in purchase["Line"]
    ]
    return {**{k: v for k, v in purchase.items() if k not in owned}, "Line": lines}


@contextmanager
def _peak_rss(pid: int) -> Iterator[list[int]]:
    process = psutil.Process(pid)
    peak = [process.memory_info().rss]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        stop.set()
        sampler.join()
