"""QuickBooks testConnection: read the connected company's CompanyInfo with the stored
token (the client refreshes once on a 401; reference.company_info keeps the company's
facts in the integration's settings) and mark the integration Connected."""

from __future__ import annotations

from python_workers.credentials.status import record_connection_ok
from python_workers.providers.contract import ActionContext
from python_workers.providers.params import ConnectionTestResult, NoParams
from python_workers.providers.quickbooks import reference
from python_workers.providers.quickbooks.client import api_for, integration_ids


async def test_connection(ctx: ActionContext, params: NoParams) -> ConnectionTestResult:
    info = await reference.company_info(ctx, api_for(ctx))
    integration_id, _ = integration_ids(ctx)
    await record_connection_ok(ctx.db, integration_id)
    return ConnectionTestResult(
        account_id=ctx.integration.external_account_id, account_name=info.CompanyName
    )
