"""Who an HMRC run is for, and so which fraud-prevention headers its calls carry.

HMRC's rule: a call a person made from a client app is WEB_APP_VIA_SERVER, built from
their browser's values; only a call the worker makes on its own (a scheduled fetch) is
BATCH_PROCESS_DIRECT. The browser values of an attended run wait in
private.hmrc_client_contexts (keyed by the run's sync log, never in its params; removed
once the run is final), put there by hmrc_submit_vat_return or hmrc_fetch_vat_obligations.
A run a person asked for (its log's requested_by) without them (integration_request_sync
cannot carry them) is refused, not sent with made-up or batch values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from psycopg.rows import dict_row

from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.hmrc.fraud_headers import (
    ClientContext,
    VendorSettings,
    batch_process_direct,
    web_app_via_server,
)

RUN_SQL = """
select l.requested_by, c.user_id, c.client_context
from public.integration_sync_logs as l
left join private.hmrc_client_contexts as c on c.sync_log_id = l.id
where l.id = %s
"""


@dataclass(frozen=True)
class Run:
    requested_by: UUID | None  # the person who asked for the run; None: a schedule, the system
    user_id: UUID | None
    client_context: dict[str, Any] | None


def run_log_id(ctx: ActionContext) -> UUID:
    """The sync log of the run the engine is running."""
    if ctx.sync_log_id is None:
        raise ProviderError(
            "sync_log_missing", "This HMRC action runs as a queued sync run, with its sync log"
        )
    return ctx.sync_log_id


async def this_run(ctx: ActionContext) -> Run:
    async with ctx.db.cursor(row_factory=dict_row) as cursor:
        await cursor.execute(RUN_SQL, (run_log_id(ctx),))
        row = await cursor.fetchone()
    if row is None:
        raise ProviderError("sync_log_missing", "The run's sync log is gone")
    return Run(row["requested_by"], row["user_id"], row["client_context"])


def attended_headers(run: Run, vendor: VendorSettings) -> dict[str, str]:
    """WEB_APP_VIA_SERVER headers from the run's kept browser values."""
    if run.client_context is None or run.user_id is None:
        raise ProviderError(
            "client_context_missing",
            "This HMRC call was asked for by a person, but the browser values HMRC's "
            "fraud-prevention headers need were not kept for it: ask again from the app "
            "(hmrc_submit_vat_return or hmrc_fetch_vat_obligations with a client_context)",
        )
    context = ClientContext.model_validate(run.client_context)
    return web_app_via_server(context, str(run.user_id), vendor)


def fetch_headers(run: Run, vendor: VendorSettings) -> dict[str, str]:
    """A fetch: attended when a person's browser values were kept for it; a person's
    request without them is refused; otherwise (a schedule, a system call) the worker's own."""
    if run.client_context is not None:
        return attended_headers(run, vendor)
    if run.requested_by is not None:
        raise ProviderError(
            "client_context_required",
            "A person asked for this HMRC fetch, so HMRC requires WEB_APP_VIA_SERVER "
            "fraud-prevention headers with their browser's values: use "
            "hmrc_fetch_vat_obligations with a client_context (integration_request_sync "
            "cannot carry one). Nothing was sent.",
        )
    return batch_process_direct(vendor)
