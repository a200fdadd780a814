"""The QuickBooks world: the QuickBooks sandbox (limits on, windows scaled), real
`plugboard worker` processes pointed at it (one database and worker per test module), and
per test a GB project whose QuickBooks integration is Connected to a sandbox company of
its own (tokens stored the way the OAuth callback stores them), its reference data
fetched and its account and tax codes mapped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
import pytest

from python_workers.config import REPO_ROOT
from sandboxes.common.server import RunningSandbox
from sandboxes.quickbooks.state import GB_REALM
from sandboxes.testing import clear_faults, sandbox_state, start_sandbox
from tests.py.provider_world import ProviderWorld
from tests.testdb import TEMPLATE_DB, Database, DatabaseServer, build_template, cloned_database

# Windows of 60 s / 30 = 2 s: the published limits, enforced, in test time.
TIME_SCALE = 30
WORKER_ARGS = [
    "--poll-seconds", "0.2", "--heartbeat-seconds", "0.5", "--stalled-after-seconds", "2",
    "--max-attempts", "6", "--backoff-base-seconds", "0.2", "--backoff-cap-seconds", "2",
]  # fmt: skip
# internal code -> QuickBooks name (the sandbox's GB chart of accounts and tax codes)
ACCOUNTS = {"1200": "Business Credit Card", "1210": "Current Account", "5000": "Cost of Sales",
            "5100": "Subcontractors", "6000": "Office Expenses", "4000": "Sales"}  # fmt: skip
TAX_CODES = {"20.0S": "20.0% S", "NO": "No VAT"}
KIND_OF = {"verify_vendor_hash": "vendor", "verify_transaction_hash": "transaction",
           "qb_payments": "payment"}  # fmt: skip


@dataclass
class QbWorld(ProviderWorld):
    sandbox: RunningSandbox | None = None
    project_id: UUID | None = None
    integration_id: UUID | None = None
    realm: str = GB_REALM
    worker_args: tuple[str, ...] = tuple(WORKER_ARGS)

    @property
    def url(self) -> str:
        assert self.sandbox is not None
        return self.sandbox.base_url

    def start_worker(self, concurrency: int = 8) -> subprocess.Popen[bytes]:
        log = self.logs_dir / f"worker{len(self.processes)}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "python_workers", "worker", "--concurrency",
             str(concurrency), *self.worker_args],
            cwd=REPO_ROOT, env={**os.environ, "DATABASE_URL": self.db.url, **self.env},
            stdout=subprocess.DEVNULL, stderr=log.open("wb"),
        )  # fmt: skip
        self.processes.append(process)
        return process

    def run(
        self, action: str, feature: str | None = None, entity_id: str | None = None,
        timeout: float = 30.0, **params: Any,
    ) -> dict[str, Any]:  # fmt: skip
        """Queues one run of `action` (as the RPCs do) and waits for its final log."""
        body = {"feature": feature, "entity_id": entity_id, **params}
        [log] = self.wait_final([self.queue(action, feature, entity_id, body)], timeout)
        return log

    def override(self, feature: str, trigger: str) -> None:
        """The project's own trigger for `feature` (as a person sets it in Configuration)."""
        self.sql(
            "insert into public.project_integration_features (project_integration_id,"
            " feature_id, trigger_type) select %s, f.id, %s from public.integration_features"
            " as f join public.integration_providers as p on p.id = f.provider_id"
            " where p.key = 'quickbooks' and f.key = %s"
            " on conflict (project_integration_id, feature_id) do update"
            " set trigger_type = excluded.trigger_type",
            (self.integration_id, trigger, feature),
        )

    def log_ids(self, condition: str) -> list[UUID]:
        """Ids of the integration's logs matching an SQL condition (a literal of the test)."""
        rows = self.sql(
            "select id from public.integration_sync_logs where project_integration_id = %s"
            f" and {condition}",
            (self.integration_id,),
        )
        return [row["id"] for row in rows]

    def log_of(self, entity_id: str, timeout: float = 30.0) -> dict[str, Any]:
        """The final log of the one run queued for `entity_id` (e.g. by a status change)."""

        def final() -> dict[str, Any] | None:
            rows = self.sql(
                "select * from public.integration_sync_logs where entity_id = %s", (entity_id,)
            )
            done = [r for r in rows if r["status"] in ("success", "partial_success", "failed")]
            return done[0] if len(rows) == 1 and done else None

        found: dict[str, Any] = wait_until(final, timeout)
        return found

    def queue(
        self, action: str, feature: str | None, entity_id: str | None, params: dict[str, Any],
        trigger: str = "on_manual",
    ) -> UUID:  # fmt: skip
        """private.enqueue_sync_run as the RPCs and triggers call it."""
        row = self.one(
            "select private.enqueue_sync_run(%(integration)s, f.id, %(trigger)s, %(action)s,"
            " coalesce(f.entity_type, %(kind)s), %(entity)s, %(params)s, null) as id"
            " from (select) as one left join public.integration_features as f"
            " on f.key = %(feature)s and f.provider_id = (select provider_id from"
            " public.project_integrations where id = %(integration)s)",
            {"integration": self.integration_id, "trigger": trigger, "action": action,
             "kind": KIND_OF.get(action), "entity": entity_id, "params": json.dumps(params),
             "feature": feature},
        )  # fmt: skip
        return UUID(str(row["id"]))

    def qbo(self, entity: str) -> list[dict[str, Any]]:
        """The entities the test's QuickBooks company holds now (the sandbox's own state)."""
        assert self.sandbox is not None
        company = sandbox_state(self.sandbox)["companies"][self.realm]
        entities: list[dict[str, Any]] = company["entities"][entity]
        return entities

    def qbo_id(self, entity: str, name: str, field: str = "Name") -> str:
        return next(str(e["Id"]) for e in self.qbo(entity) if e.get(field) == name)

    def edit_in_quickbooks(self, entity: str, entity_id: str, changes: dict[str, Any]) -> None:
        response = httpx.post(
            f"{self.url}/_sandbox/companies/{self.realm}/{entity.lower()}/{entity_id}",
            json=changes, timeout=10,
        )  # fmt: skip
        response.raise_for_status()

    def create_in_quickbooks(self, entity: str, body: dict[str, Any]) -> dict[str, Any]:
        """`entity` created in the test's QuickBooks company as a person would (its API)."""
        tokens = httpx.post(f"{self.url}/_sandbox/tokens", json={"realm_id": self.realm}).json()
        response = httpx.post(
            f"{self.url}/v3/company/{self.realm}/{entity.lower()}", json=body,
            headers={"Authorization": f"Bearer {tokens['access_token']}",
                     "Accept": "application/json"},
        )  # fmt: skip
        assert response.status_code == 200, response.text
        created: dict[str, Any] = response.json()[entity]
        return created

    def add_vendor(self, name: str, **columns: Any) -> str:
        values = {"project_id": self.project_id, "entity_type": "Business",
                  "role_can_be_vendor": True, "display_name": name, "legal_name": f"{name} Ltd",
                  "email": f"accounts@{name.lower().replace(' ', '-')}.example",
                  "country_code": "GB", "currency_code": "GBP", **columns}  # fmt: skip
        row = self.one(
            f"insert into public.project_relationships ({', '.join(values)})"
            f" values ({', '.join(['%s'] * len(values))}) returning id::text",
            tuple(values.values()),
        )
        return str(row["id"])

    def add_transactions(
        self, count: int, vendor_id: str | None, *, status: str = "Draft",
        transaction_type: str = "Expense", direction: str = "inbound", amount: str = "100.00",
    ) -> list[str]:  # fmt: skip
        """`count` transactions of one line each (net `amount` + 20% VAT), in one statement."""
        net = Decimal(amount)
        tax = (net * Decimal("0.2")).quantize(Decimal("0.01"))
        account = "4000" if direction == "outbound" else "5000"
        rows = self.sql(
            """
with made as (
    insert into public.transactions (
        project_id, relationship_id, transaction_type, transaction_direction, status,
        reference, description, transaction_date, currency_code, subtotal_amount, tax_amount,
        total_amount, payment_method, payment_account_code, due_date
    )
    select %(project)s, %(vendor)s, %(type)s, %(direction)s, %(status)s, 'R-' || n,
        'Item ' || n, current_date, 'GBP', %(net)s, %(tax)s, %(net)s + %(tax)s,
        case when %(type)s = 'Expense' then 'Credit Card' end,
        case when %(type)s = 'Expense' then '1200' end,
        case when %(type)s <> 'Expense' then current_date + 30 end
    from generate_series(1, %(count)s) as n
    returning id
),
lines as (
    insert into public.transaction_lines (
        transaction_id, line_number, description, quantity, unit_amount, amount, tax_amount,
        account_code, tax_code
    )
    select id, 1, 'Goods', 1, %(net)s, %(net)s, %(tax)s, %(account)s, '20.0S' from made
)
select id::text from made order by id
""",
            {"project": self.project_id, "vendor": vendor_id, "type": transaction_type,
             "direction": direction, "status": status, "net": net, "tax": tax,
             "count": count, "account": account},
        )  # fmt: skip
        return [str(r["id"]) for r in rows]

    def approve(self, ids: list[str]) -> None:
        self.sql(
            "update public.transactions set status = 'Approved' where id = any(%s::uuid[])",
            (ids,),
        )

    def mapping(self, kind: str, internal_id: str) -> dict[str, Any] | None:
        rows = self.sql(
            "select * from public.integration_entity_mappings"
            " where project_integration_id = %s and entity_type = %s and internal_id = %s",
            (self.integration_id, kind, internal_id),
        )
        return rows[0] if rows else None

    def map_codes(self) -> None:
        """A person's mapping of the project's account and tax codes to QuickBooks'."""
        for kind, entity, codes in (("account", "Account", ACCOUNTS),
                                    ("tax_code", "TaxCode", TAX_CODES)):  # fmt: skip
            for code, name in codes.items():
                self.sql(
                    "insert into public.integration_entity_mappings (project_integration_id,"
                    " entity_type, internal_id, external_id) values (%s, %s, %s, %s)",
                    (self.integration_id, kind, code, self.qbo_id(entity, name)),
                )

    def new_project(self) -> None:
        """A GB project of its own, Connected to a new QuickBooks company of its own."""
        self.realm = httpx.post(
            f"{self.url}/_sandbox/companies", json={"country": "GB"}, timeout=10
        ).json()["realmId"]
        self.project_id = self.one(
            "insert into public.projects (name, country_code) values ('Thornbury', 'GB')"
            " returning id"
        )["id"]
        self.integration_id = self.one(
            "select pi.id from public.project_integrations as pi"
            " join public.integration_providers as p on p.id = pi.provider_id"
            " where pi.project_id = %s and p.key = 'quickbooks'",
            (self.project_id,),
        )["id"]
        self.connect()
        actions = ("qb_company_info", "qb_chart_of_accounts", "qb_tax_codes", "qb_classes")
        logs = self.wait_final([self.queue(action, None, None, {}) for action in actions])
        assert all(log["status"] == "success" for log in logs), logs
        self.map_codes()

    def connect(self) -> None:
        tokens = httpx.post(
            f"{self.url}/_sandbox/tokens", json={"realm_id": self.realm}, timeout=10
        ).json()
        secret = {"access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"]}
        self.sql(
            "select private.save_credential('quickbooks', %s, %s, now() + interval '1 hour',"
            " now() + interval '100 days', '{com.intuit.quickbooks.accounting}', %s)",
            (self.integration_id, json.dumps(secret), self.realm),
        )
        self.sql(
            "select private.record_connection(%s, %s, null)", (self.integration_id, self.realm)
        )


ENV = {
    "QBO_CLIENT_ID": "sandbox-client-id",
    "QBO_CLIENT_SECRET": "sandbox-client-secret",
    "PLUGBOARD_QBO_TIME_SCALE": str(TIME_SCALE),
    "PLUGBOARD_QBO_LEASE_SECONDS": "5",
}


def sandbox_env(sandbox: RunningSandbox) -> dict[str, str]:
    return {
        **ENV,
        "QBO_API_BASE_URL": sandbox.base_url,
        "QBO_TOKEN_URL": f"{sandbox.base_url}/oauth2/v1/tokens/bearer",
    }


@pytest.fixture(scope="session")
def template(server: DatabaseServer) -> str:
    """A template of their own, so another pytest session rebuilding the shared one cannot
    pull it from under these minutes-long tests."""
    if os.environ.get("PLUGBOARD_TEST_TEMPLATE_READY") == TEMPLATE_DB:
        return TEMPLATE_DB
    return build_template(server, f"{TEMPLATE_DB}_quickbooks")


@pytest.fixture(scope="session")
def qbo_sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("quickbooks", time_scale=TIME_SCALE) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def qb_module(
    server: DatabaseServer, template: str, qbo_sandbox: RunningSandbox,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[QbWorld]:  # fmt: skip
    """One database and one worker per test module (a worker takes seconds to start)."""
    with module_world(server, template, qbo_sandbox, tmp_path_factory) as world:
        yield world


@contextmanager
def module_world(
    server: DatabaseServer, template: str, sandbox: RunningSandbox,
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str] | None = None,
    worker_args: tuple[str, ...] = (), action_url: Callable[[Database], str] | None = None,
) -> Iterator[QbWorld]:  # fmt: skip
    """A database of its own and a worker with `env` and `worker_args` added (and its action
    connections to `action_url(db)`, when given)."""
    with cloned_database(server, template) as name:
        db = Database(name, server.url(name), server.url(name, admin=True))
        env = {**sandbox_env(sandbox), **(env or {})}
        if action_url is not None:
            env["PLUGBOARD_ACTION_DATABASE_URL"] = action_url(db)
        world = QbWorld(db, tmp_path_factory.mktemp("qb"), env,
                        sandbox=sandbox, worker_args=(*WORKER_ARGS, *worker_args))  # fmt: skip
        try:
            world.start_worker()
            yield world
        finally:
            world.stop_workers()


@pytest.fixture
def qb(qb_module: QbWorld) -> Iterator[QbWorld]:
    """A project of the test's own, Connected to a QuickBooks company of its own, with its
    reference data fetched and its codes mapped; faults cleared afterwards."""
    qb_module.new_project()
    try:
        yield qb_module
    finally:
        assert qb_module.sandbox is not None
        clear_faults(qb_module.sandbox)


def wait_until(probe: Any, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s")
