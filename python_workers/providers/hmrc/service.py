"""What each HMRC VAT server action does.

- hmrc_vat_obligations: the project's open VAT obligations whatever their age and its
  fulfilled ones of the last year (by the VRN saved with hmrc_set_references), cached as
  reference data kind vat_obligation; the open ones show in v_hmrc_open_vat_obligations.
  A scheduled fetch is unattended
  (BATCH_PROCESS_DIRECT headers); one a person asked for with hmrc_fetch_vat_obligations
  carries WEB_APP_VIA_SERVER headers from their browser's values (attended.py).
- hmrc_submit_vat_return: a return a person confirmed (hmrc_submit_vat_return RPC), sent
  with WEB_APP_VIA_SERVER headers built from the browser's client_context, which waits in
  private.hmrc_client_contexts (never in the log's params). HMRC's receipt (Receipt-ID,
  timestamp, X-CorrelationId, form bundle number) goes to the sync log's details.receipt;
  HMRC's refusals (DUPLICATE_SUBMISSION, box errors, …) come back under HMRC's code with a
  message saying what to do.
- testConnection: one real call with the project's token (its obligations), made by the
  server right after the OAuth callback, so unattended (BATCH_PROCESS_DIRECT).
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from python_workers.engine.outcome import SyncCounts
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.hmrc.api import HmrcApi
from python_workers.providers.hmrc.attended import attended_headers, fetch_headers, this_run
from python_workers.providers.hmrc.fraud_headers import VendorSettings, batch_process_direct
from python_workers.providers.hmrc.http import HmrcRefused, hmrc_http
from python_workers.providers.hmrc.models import VatReturnDeclaration
from python_workers.providers.hmrc.refusals import explained
from python_workers.providers.hmrc.scopes import require_scopes
from python_workers.providers.params import NoParams
from python_workers.providers.reference_cache import cache_items

OBLIGATION_DAYS = 365  # HMRC answers ranges of at most 366 days


class SubmitParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    vrn: str
    vat_return: VatReturnDeclaration
    confirmed_by: UUID | None = None


def vrn_of(ctx: ActionContext) -> str:
    vrn = ctx.integration.settings.get("vrn")
    if not isinstance(vrn, str):
        raise ProviderError(
            "vrn_missing", "Save the project's VAT registration number first (hmrc_set_references)"
        )
    return vrn


async def _fetch_obligations(ctx: ActionContext, fraud: dict[str, str]) -> SyncCounts:
    """Open obligations whatever their age (HMRC's status=O read takes no range) and the
    fulfilled ones of the last year, cached as one list."""
    vrn = vrn_of(ctx)
    today = date.today()
    api = HmrcApi(hmrc_http(ctx))
    fulfilled = await api.obligations(
        vrn, fraud, "F", (today - timedelta(days=OBLIGATION_DAYS), today)
    )
    still_open = await api.obligations(vrn, fraud, "O", None)
    found = fulfilled.obligations + still_open.obligations
    items = [
        (o.periodKey, f"{o.start.isoformat()} to {o.end.isoformat()}", o.status, o) for o in found
    ]
    counts = await cache_items(ctx, "vat_obligation", vrn, items)
    return SyncCounts(
        records_processed=len(items),
        records_created=counts.get("created", 0),
        records_updated=counts.get("updated", 0),
        records_skipped=counts.get("unchanged", 0),
        details={
            "vrn": vrn,
            "open": len(still_open.obligations),
            "connection_method": fraud["Gov-Client-Connection-Method"],
            **counts,
        },
    )


async def vat_obligations(ctx: ActionContext, params: NoParams) -> SyncCounts:
    vrn_of(ctx)  # a missing VRN is told before anything else
    await require_scopes(ctx, "vat_obligations")
    return await _fetch_obligations(ctx, fetch_headers(await this_run(ctx), VendorSettings()))


async def test_connection(ctx: ActionContext, params: NoParams) -> SyncCounts:
    """One real call with the project's token (its obligations); Connected when it works."""
    result = await _fetch_obligations(ctx, batch_process_direct(VendorSettings()))
    await ctx.db.execute("select private.record_connection_ok(%s)", (ctx.integration.id,))
    return result


async def submit_vat_return(ctx: ActionContext, params: SubmitParams) -> SyncCounts:
    if params.confirmed_by is None:
        raise ProviderError(
            "not_confirmed",
            "A VAT return is only sent when a person confirms it (hmrc_submit_vat_return)",
        )
    if params.vrn != vrn_of(ctx):
        raise ProviderError(
            "vrn_changed",
            f"The project's VAT registration number changed after this return was confirmed "
            f"for {params.vrn}: confirm it again",
        )
    await require_scopes(ctx, "vat_return_submission")
    headers = attended_headers(await this_run(ctx), VendorSettings())
    period_key = params.vat_return.periodKey
    try:
        receipt = await HmrcApi(hmrc_http(ctx)).submit_return(
            params.vrn, params.vat_return, headers
        )
    except HmrcRefused as refused:
        raise explained(refused, period_key) from None
    await ctx.db.execute(
        """
        update public.integration_reference_data as r
        set data = r.data || jsonb_build_object('status', 'F', 'received', current_date)
        where r.project_integration_id = %s and r.kind = 'vat_obligation'
            and r.parent_external_id = %s and r.external_id = %s
        """,
        (ctx.integration.id, params.vrn, period_key),
    )
    return SyncCounts(
        records_processed=1,
        records_created=1,
        external_id=receipt.form_bundle_number,
        details={"vrn": params.vrn, "period_key": period_key, "receipt": receipt.model_dump()},
    )
