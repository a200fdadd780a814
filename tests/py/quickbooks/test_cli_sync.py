"""`plugboard sync quickbooks expenses --project <demo GB project> --demo`: the seeded demo
project is connected to the sandbox's GB company, its reference data fetched and demo
codes mapped, its approved expenses pushed, with a progress bar and a summary table."""

from __future__ import annotations

import os
import subprocess
import sys

from python_workers.config import REPO_ROOT
from python_workers.db.seed import load_seed
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
