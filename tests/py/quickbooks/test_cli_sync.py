"""`plugboard sync quickbooks expenses --project <demo GB project> --demo`: the seeded demo
project is connected to the sandbox's GB company, its reference data fetched and demo
codes mapped, its approved expenses pushed, with a progress bar and a summary table."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

from python_workers.cli.sync_names import one_of
from python_workers.config import REPO_ROOT
from python_workers.db.seed import load_seed
from python_workers.providers.registry import provider_specs
from sandboxes.common.server import free_port
from sandboxes.registry import PORT_OFFSETS
from tests.py.quickbooks.conftest import QbWorld

DEMO_GB_PROJECT = "10000000-0000-4000-a000-000000000001"
DEMO_EXPENSE = "30000000-0000-4000-a000-000000000001"


def test_the_demo_projects_approved_expenses_are_pushed_with_a_summary(qb: QbWorld) -> None:
    load_seed(qb.db.admin_url)
    result = subprocess.run(
        [sys.executable, "-m", "python_workers", "sync", "quickbooks", "expenses",
         "--project", DEMO_GB_PROJECT, "--demo", "--timeout", "120"],
        cwd=REPO_ROOT, env={**os.environ, "DATABASE_URL": qb.db.url, **qb.env, "COLUMNS": "120"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "demo codes mapped" in result.stdout
    assert "expenses: 1 run(s)" in result.stdout and "success" in result.stdout
    [mapping] = qb.sql(
        "select m.external_id from public.integration_entity_mappings as m"
        " where m.entity_type = 'transaction' and m.internal_id = %s",
        (DEMO_EXPENSE,),
    )
    realm = qb.one(
        "select external_account_id from public.project_integrations as pi"
        " join public.integration_providers as p on p.id = pi.provider_id"
        " where pi.project_id = %s and p.key = 'quickbooks'",
        (DEMO_GB_PROJECT,),
    )["external_account_id"]
    qb.realm = realm
    [purchase] = [p for p in qb.qbo("Purchase") if p.get("DocNumber") == "EXP-1001"]
    assert mapping["external_id"] == f"Purchase:{purchase['Id']}"
    assert purchase["TotalAmt"] == 400.0


def test_demo_typed_beside_plugboard_up_finds_its_sandbox_or_says_it_is_not_running(
    qb: QbWorld,
) -> None:
    """Issue #20: with no QuickBooks URL configured, `--demo` in a second terminal uses the
    sandbox at the port `plugboard up` gives it (PLUGBOARD_SANDBOX_PORT + its offset); when
    nothing answers there, one line says what to start, exit 1, no traceback."""
    load_seed(qb.db.admin_url)
    qb.sql(
        "update public.project_integrations set status = 'Pending' where project_id = %s"
        " and provider_id = (select id from public.integration_providers where key = 'quickbooks')",
        (DEMO_GB_PROJECT,),
    )
    configured = ("QBO_API_BASE_URL", "QBO_TOKEN_URL", "QBO_OAUTH_BASE_URL", "QBO_REVOKE_URL")
    env = {k: v for k, v in {**os.environ, **qb.env}.items() if k not in configured}
    env |= {"DATABASE_URL": qb.db.url, "COLUMNS": "200"}

    def demo(sandbox_port: int) -> subprocess.CompletedProcess[str]:
        first = str(sandbox_port - PORT_OFFSETS["quickbooks"])
        return subprocess.run(
            [sys.executable, "-m", "python_workers", "sync", "quickbooks", "company_info",
             "--project", DEMO_GB_PROJECT, "--demo", "--timeout", "120"],
            cwd=REPO_ROOT, env=env | {"PLUGBOARD_SANDBOX_PORT": first},
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    not_running = demo(free_port())
    assert not_running.returncode == 1, not_running.stdout + not_running.stderr
    assert "Traceback" not in not_running.stderr
    [line] = not_running.stderr.strip().splitlines()
    assert "nothing answers at http://127.0.0.1:" in line and "make up" in line

    assert qb.sandbox is not None
    running = demo(int(urlsplit(qb.sandbox.base_url).port or 0))
    assert running.returncode == 0, running.stdout + running.stderr
    assert "connected to the QuickBooks sandbox" in running.stdout
    assert "company_info: 1 run(s)" in running.stdout and "success" in running.stdout


def _plugboard(qb: QbWorld, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "python_workers", *args],
        cwd=REPO_ROOT, env={**os.environ, "DATABASE_URL": qb.db.url, **qb.env, "COLUMNS": "200"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_company_info_runs_from_the_cli_and_keeps_the_company_facts(qb: QbWorld) -> None:
    qb.sql(
        "update public.project_integrations set settings = settings - 'home_currency',"
        " external_account_name = null where id = %s",
        (qb.integration_id,),
    )
    result = _plugboard(qb, "sync", "quickbooks", "company_info", "--project", str(qb.project_id))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "company_info: 1 run(s)" in result.stdout and "success" in result.stdout
    [log] = qb.sql(
        "select l.status, l.action, l.trigger_type::text from public.integration_sync_logs as l"
        " join public.integration_features as f on f.id = l.feature_id"
        " where l.project_integration_id = %s and f.key = 'company_info'",
        (qb.integration_id,),
    )
    assert log == {"status": "success", "action": "qb_company_info", "trigger_type": "on_manual"}
    integration = qb.one(
        "select settings ->> 'home_currency' as currency, external_account_name"
        " from public.project_integrations where id = %s",
        (qb.integration_id,),
    )
    assert integration == {"currency": "GBP", "external_account_name": "Thornbury Consulting Ltd"}


def test_unknown_provider_or_feature_is_one_line_naming_what_exists(qb_module: QbWorld) -> None:
    project = "10000000-0000-4000-a000-00000000ffff"
    # a key the catalogue cannot hold (keys are lower-case letters, digits and _)
    provider = _plugboard(qb_module, "sync", "no-such-provider", "vendors", "--project", project)
    assert provider.returncode == 1 and "Traceback" not in provider.stderr
    assert _last_line(provider.stderr) == (
        f"unknown provider 'no-such-provider': use {one_of(sorted(provider_specs()))}"
    ), provider.stdout + provider.stderr

    feature = _plugboard(qb_module, "sync", "quickbooks", "company", "--project", project)
    assert feature.returncode == 1 and "Traceback" not in feature.stderr
    line = _last_line(feature.stderr)
    assert line.startswith("quickbooks has no feature 'company' to run: use bills, cdc_poll, ")
    assert "company_info" in line and "verify_vendor_hash" in line


def _last_line(stderr: str) -> str:
    """The error (a library's deprecation warning may come first: not ours to hide)."""
    return stderr.strip().splitlines()[-1]
