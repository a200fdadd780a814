"""A real worker with its endpoints on (PLUGBOARD_METRICS_PORT) and JSON logs
(PLUGBOARD_LOG_FORMAT=json) pushing to the QuickBooks sandbox: /metrics counts the runs
and times them, times each QuickBooks request under a route template (no realm, no record
id), records the budget waits and the token refresh; /healthz is ready; every log line
is a JSON object, a run's lines carry its facts, and no token appears anywhere."""

from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
import pytest

from sandboxes.common.server import RunningSandbox
from tests.py.ops_endpoints import Samples, endpoint, free_port, labels_of, scrape, value
from tests.py.quickbooks.conftest import ENV, QbWorld, module_world, wait_until
from tests.testdb import DatabaseServer

PORT = free_port()


@pytest.fixture(scope="module")
def qb_module(
    server: DatabaseServer, template: str, qbo_sandbox: RunningSandbox,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[QbWorld]:  # fmt: skip
    env = {"PLUGBOARD_METRICS_PORT": str(PORT), "PLUGBOARD_LOG_FORMAT": "json"}
    with module_world(server, template, qbo_sandbox, tmp_path_factory, env=env) as world:
        yield world


def moved(before: Samples, after: Samples, name: str, **labels: str) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


def push_an_expense(qb: QbWorld, name: str) -> dict[str, object]:
    vendor = qb.add_vendor(name)
    [expense] = qb.add_transactions(1, vendor, status="Approved")
    log = qb.log_of(expense)
    assert log["status"] == "success", log["error_message"]
    return log


def test_a_push_moves_the_run_request_budget_and_refresh_metrics(qb: QbWorld) -> None:
    before = scrape(PORT)
    # the access token is about to expire: the run refreshes it before its first request
    qb.sql(
        "update public.integration_credentials set token_expires_at = now()"
        " where project_integration_id = %s",
        (qb.integration_id,),
    )
    log = push_an_expense(qb, "Metered Supplies")
    run = {"provider": "quickbooks", "action": str(log["action"])}

    def settled() -> Samples | None:
        now = scrape(PORT)
        succeeded = moved(before, now, "plugboard_jobs_succeeded_total", **run, status="success")
        return now if succeeded else None

    after: Samples = wait_until(settled)

    assert moved(before, after, "plugboard_jobs_started_total", **run) == 1
    assert moved(before, after, "plugboard_run_duration_seconds_count", **run,
                 outcome="succeeded") == 1  # fmt: skip
    assert moved(before, after, "plugboard_token_refreshes_total", provider="quickbooks",
                 outcome="refreshed") == 1  # fmt: skip
    routes = labels_of(after, "plugboard_provider_request_seconds_count")
    assert {r["provider"] for r in routes} == {"quickbooks"}
    pushed = {r["route"] for r in routes if moved(
        before, after, "plugboard_provider_request_seconds_count", **r)}  # fmt: skip
    assert "/v3/company/{id}/vendor" in pushed and "/v3/company/{id}/purchase" in pushed
    assert not [r for r in routes if qb.realm in r["route"] or "/1" in r["route"]]  # no ids
    requests = sum(
        moved(before, after, "plugboard_provider_request_seconds_count", **r) for r in routes
    )
    assert moved(before, after, "plugboard_budget_wait_seconds_count", budget="quickbooks") == (
        requests
    )  # every QuickBooks request took a slot of the realm's budget first


def test_healthz_is_ready(qb: QbWorld) -> None:
    health = endpoint(PORT, "/healthz")
    assert health.status_code == 200
    assert health.json()["checks"] == {"database": "ok", "queue": "ok"}


def test_log_lines_are_json_with_the_run_facts_and_no_secret(qb: QbWorld) -> None:
    log = push_an_expense(qb, "Logged Supplies")
    text = (qb.logs_dir / "worker0.log").read_text()
    lines = [json.loads(line) for line in text.splitlines()]
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    mine = [line for line in lines if line.get("log_id") == str(log["id"])]
    # procrastinate's "Starting job" comes before the run knows its provider
    queued, ran = mine[0], mine[1:]
    assert (queued["logger"], queued["queue"], queued["event"]) == (
        "procrastinate.worker.worker", "sync", "start_job",
    )  # fmt: skip
    assert ran and all(
        (line["provider"], line["action"], line["attempt"]) == ("quickbooks", log["action"], 1)
        for line in ran
    )
    assert {line["logger"] for line in ran} >= {"plugboard.engine", "httpx"}
    with psycopg.connect(qb.db.admin_url) as conn:
        stored = [json.loads(row[0]) for row in conn.execute(
            "select decrypted_secret from vault.decrypted_secrets").fetchall()]  # fmt: skip
    secrets = [v for s in stored for v in s.values() if isinstance(v, str) and len(v) > 8]
    assert secrets and not [s for s in [*secrets, ENV["QBO_CLIENT_SECRET"]] if s in text]
