"""An HMRC world: the sandbox, a GB project whose HMRC integration is Connected with a
user-restricted token for its VRN, a signed-in person, and workers pointed at the sandbox
with the vendor's fraud-prevention facts configured."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.testing import reset_sandbox, start_sandbox
from tests.py.provider_world import ProviderWorld
from tests.py.sandboxes.hmrc_client import (
    ACCEPT,
    CLIENT_ID,
    CLIENT_SECRET,
    EMPREF,
    LEVY_SCOPE,
    HmrcClient,
)
from tests.testdb import Database

VRN = "123456782"  # passes the modulus-97 check digits
VENDOR_IP = "51.140.1.10"
WORKER_ENV = {
    "HMRC_CLIENT_ID": CLIENT_ID,
    "HMRC_CLIENT_SECRET": CLIENT_SECRET,
    "PLUGBOARD_HMRC_VENDOR_PUBLIC_IP": VENDOR_IP,
    "PLUGBOARD_HMRC_LICENSE_KEY": "plugboard-test-licence",
    # this container has no /sys/class/dmi: the deployment states its hardware
    "PLUGBOARD_HMRC_DEVICE_MANUFACTURER": "Example Cloud Ltd",
    "PLUGBOARD_HMRC_DEVICE_MODEL": "Standard VM",
}
CLIENT_CONTEXT: dict[str, Any] = {
    "device_id": "beec798b-b366-47fa-b1f8-92cede14a1ce",
    "user_agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    "screens": [{"width": 1920, "height": 1080, "scaling_factor": 1, "colour_depth": 24}],
    "window_size": {"width": 1256, "height": 803},
    "timezone": "UTC+00:00",
    "multi_factor": [
        {"type": "TOTP", "timestamp": "2026-11-25T09:00Z", "unique_reference": "a1b2c3d4"}
    ],
    "public_ip": "81.2.69.160",
    "public_port": 49152,
    "public_ip_timestamp": "2026-11-25T09:01:02.345Z",
}


@dataclass
class HmrcWorld(ProviderWorld):
    sandbox: RunningSandbox | None = None
    client: HmrcClient | None = None
    integration_id: UUID | None = None
    user_id: UUID | None = None

    @property
    def person(self) -> dict[str, Any]:
        return {"role": "service_role", "sub": str(self.user_id)}

    def rpc(self, function: str, *args: Any) -> dict[str, Any]:
        placeholders = ", ".join(["%s"] * len(args))
        row = self.one(f"select public.{function}({placeholders}) as r", args, claims=self.person)
        result: dict[str, Any] = row["r"]
        return result

    def submit(self, vat_return: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
        return self.rpc(
            "hmrc_submit_vat_return",
            self.integration_id,
            json.dumps(vat_return),
            json.dumps(context),
        )

    def feedback(self, method: str) -> list[dict[str, Any]]:
        assert self.sandbox is not None and self.client is not None
        response = httpx.get(
            f"{self.sandbox.base_url}/test/fraud-prevention-headers/vat-mtd/validation-feedback",
            params={"connectionMethod": method},
            headers={"Accept": ACCEPT, "Authorization": f"Bearer {self.client.access_token}"},
        )
        assert response.status_code == 200, response.text
        found: list[dict[str, Any]] = response.json()["requests"]
        return found


def vat_return(period_key: str, **boxes: Any) -> dict[str, Any]:
    return {
        "periodKey": period_key,
        "vatDueSales": 105.5,
        "vatDueAcquisitions": -100.45,
        "totalVatDue": 5.05,
        "vatReclaimedCurrPeriod": 105.15,
        "netVatDue": 100.1,
        "totalValueSalesExVAT": 300,
        "totalValuePurchasesExVAT": 300,
        "totalValueGoodsSuppliedExVAT": 3000,
        "totalAcquisitionsExVAT": 3000,
        "finalised": True,
        **boxes,
    }


def open_ended_period(hmrc: HmrcWorld, *, latest: bool = False) -> str:
    """The workers started, the obligations fetched: the key of the first (or the latest)
    open period that has ended (one a return can be submitted for)."""
    hmrc.start_workers()
    log_id = hmrc.enqueue(hmrc.integration_id, "hmrc_vat_obligations", "vat_obligations")  # type: ignore[arg-type]
    [log] = hmrc.wait_final([log_id])
    assert log["status"] == "success", log
    open_rows = hmrc.sql(
        "select * from public.v_hmrc_open_vat_obligations where project_integration_id = %s"
        " order by due_date",
        (hmrc.integration_id,),
    )
    assert open_rows and all(row["vrn"] == VRN for row in open_rows)
    ended = [row for row in open_rows if row["period_end"] < date.today()]
    assert ended, open_rows
    return str(ended[-1 if latest else 0]["period_key"])


@pytest.fixture(scope="session")
def hmrc_sandbox() -> Iterator[RunningSandbox]:
    # limits off: these tests make bursts of test-API calls; HMRC limits are not what they prove
    with start_sandbox("hmrc", limits_enabled=False) as sandbox:
        yield sandbox


@pytest.fixture
def hmrc(db: Database, tmp_path: Path, hmrc_sandbox: RunningSandbox) -> Iterator[HmrcWorld]:
    reset_sandbox(hmrc_sandbox)
    client = HmrcClient(hmrc_sandbox).sign_in(scope=LEVY_SCOPE, vrn=VRN)
    world = HmrcWorld(
        db,
        tmp_path,
        {"HMRC_BASE_URL": hmrc_sandbox.base_url, **WORKER_ENV},
        sandbox=hmrc_sandbox,
        client=client,
        user_id=uuid4(),
    )
    world.sql(
        "insert into auth.users (id, email) values (%s, 'owner@example.com')", (world.user_id,)
    )
    project = world.one(
        "insert into public.projects (name, country_code) values ('P', 'GB') returning id"
    )
    world.integration_id = world.one(
        "select pi.id from public.project_integrations as pi join public.integration_providers as p"
        " on p.id = pi.provider_id where pi.project_id = %s and p.key = 'hmrc'",
        (project["id"],),
    )["id"]
    world.sql(
        # as a connection stores it: the token with its expiry (HMRC's are 4 hours)
        "select private.save_credential('hmrc', %s, %s::jsonb, now() + interval '4 hours')",
        (
            world.integration_id,
            json.dumps(
                {"access_token": client.access_token, "refresh_token": client.refresh_token}
            ),
        ),
    )
    world.sql("select private.record_connection(%s, null, null)", (world.integration_id,))
    saved = world.rpc(
        "hmrc_set_references",
        world.integration_id,
        json.dumps({"vrn": f"GB {VRN}", "employer_paye_reference": EMPREF}),
    )
    assert saved["saved"] is True, saved
    try:
        yield world
    finally:
        world.stop_workers()
