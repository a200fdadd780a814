"""What Fixture Ledger's actions do: read who the token is (testConnection), post one
transaction as an entry (push_entry, for the feature `entries`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from python_workers.engine.outcome import SyncCounts
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError

from .settings import FixtureLedgerConfig


class NoParams(BaseModel):
    model_config = ConfigDict(extra="ignore")


class EntryParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    feature: str | None = None
    entity_id: str


async def _bearer(ctx: ActionContext) -> dict[str, str]:
    credential = await ctx.credentials.get()
    if not credential.access_token:
        raise ProviderError("not_connected", "Fixture Ledger is not connected")
    return {"Authorization": f"Bearer {credential.access_token}"}


async def test_connection(ctx: ActionContext, params: NoParams) -> SyncCounts:
    answer = await ctx.http.get(
        f"{FixtureLedgerConfig().fixture_ledger_base_url}/me", headers=await _bearer(ctx)
    )
    if not answer.is_success:
        raise ProviderError("connection_test_failed", f"GET /me answered {answer.status_code}")
    return SyncCounts(external_id=str(answer.json()["ledger_id"]))


async def push_entry(ctx: ActionContext, params: EntryParams) -> SyncCounts:
    async with ctx.budget.acquire():
        answer = await ctx.http.post(
            f"{FixtureLedgerConfig().fixture_ledger_base_url}/entries",
            json={"transaction_id": params.entity_id},
            headers=await _bearer(ctx),
        )
    if not answer.is_success:
        raise ProviderError("entry_refused", f"POST /entries answered {answer.status_code}")
    return SyncCounts(records_processed=1, records_created=1, external_id=answer.json()["id"])
