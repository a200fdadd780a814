"""What Fixture Ledger's actions do: read who the token is (testConnection), post each
named transaction as an entry (push_entry, for the feature `entries`; the engine runs the
feature's validation action first)."""

from __future__ import annotations

from python_workers.engine.outcome import SyncCounts
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.params import ConnectionTestResult, NoParams, RecordParams

from .settings import FixtureLedgerConfig


async def _bearer(ctx: ActionContext) -> dict[str, str]:
    credential = await ctx.credentials.get()
    if not credential.access_token:
        raise ProviderError("not_connected", "Fixture Ledger is not connected")
    return {"Authorization": f"Bearer {credential.access_token}"}


async def test_connection(ctx: ActionContext, params: NoParams) -> ConnectionTestResult:
    answer = await ctx.http.get(
        f"{FixtureLedgerConfig().fixture_ledger_base_url}/me", headers=await _bearer(ctx)
    )
    if not answer.is_success:
        raise ProviderError("connection_test_failed", f"GET /me answered {answer.status_code}")
    await ctx.db.execute("select private.record_connection_ok(%s)", (ctx.integration.id,))
    return ConnectionTestResult(account_id=str(answer.json()["ledger_id"]))


async def push_entry(ctx: ActionContext, params: RecordParams) -> SyncCounts:
    ids = params.entity_ids or ([params.entity_id] if params.entity_id else [])
    headers = await _bearer(ctx)
    for transaction_id in ids:
        async with ctx.budget.acquire():
            answer = await ctx.http.post(
                f"{FixtureLedgerConfig().fixture_ledger_base_url}/entries",
                json={"transaction_id": transaction_id},
                headers=headers,
            )
        if not answer.is_success:
            raise ProviderError("entry_refused", f"POST /entries answered {answer.status_code}")
    return SyncCounts(records_processed=len(ids), records_created=len(ids))
