"""What each QuickBooks server action does (processor.py names them).

Every action gets the run's context (engine): its database transaction, in which the
mappings and reference data it writes commit together with the sync log's final status;
the HTTP client; the integration's credential; the realm's shared budget.
"""

from __future__ import annotations

from uuid import UUID

from python_workers.engine.host_records import HostRecords
from python_workers.engine.outcome import SyncCounts
from python_workers.engine.progress import note_key
from python_workers.engine.validation import accepted, validate_found_records
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.params import NoParams, RecordParams
from python_workers.providers.quickbooks import changes, parties, reference
from python_workers.providers.quickbooks import transactions as txns
from python_workers.providers.quickbooks.client import api_for, integration_ids
from python_workers.providers.quickbooks.verify import verify, verify_linked


class QuickBooksRecordParams(RecordParams):
    """RecordParams, plus what QuickBooks' batch runs carry (transactions.plan writes
    them): the batch's chunk id (its requestid) and whether its records go as single
    creates; `force` pushes a relationship even when its hash is unchanged."""

    chunk: UUID | None = None
    singly: bool = False  # a chunk's records as single creates, not one batch
    force: bool = False


async def company_info(ctx: ActionContext, params: NoParams) -> SyncCounts:
    info = await reference.company_info(ctx, api_for(ctx))
    return SyncCounts(
        records_processed=1, records_updated=1, external_id=info.Id,
        details={"company_name": info.CompanyName, "country": info.Country},
    )  # fmt: skip


async def chart_of_accounts(ctx: ActionContext, params: NoParams) -> SyncCounts:
    return await reference.refresh(ctx, api_for(ctx), "account")


async def classes(ctx: ActionContext, params: NoParams) -> SyncCounts:
    return await reference.refresh(ctx, api_for(ctx), "class")


async def tax_codes(ctx: ActionContext, params: NoParams) -> SyncCounts:
    return await reference.refresh(ctx, api_for(ctx), "tax_code")


async def sync_vendor(ctx: ActionContext, params: QuickBooksRecordParams) -> SyncCounts:
    return await _sync_parties(ctx, params, "vendor", "vendors", "sync_vendor")


async def sync_customer(ctx: ActionContext, params: QuickBooksRecordParams) -> SyncCounts:
    return await _sync_parties(ctx, params, "customer", "customers", "sync_customer")


async def sync_transaction(ctx: ActionContext, params: QuickBooksRecordParams) -> SyncCounts:
    api = api_for(ctx)
    if params.entity_id is not None:
        change, reference_id = await txns.push_one(ctx, api, params.entity_id)
        return _counts(1, {params.entity_id: change}, reference_id, api.retries)
    if params.entity_ids is not None and params.chunk is not None:
        await txns.push_chunk(ctx, api, params.entity_ids, params.chunk, singly=params.singly)
        return ctx.progress.counts(retries=api.retries)
    if params.feature is None:
        raise ProviderError("invalid_params", "sync_transaction needs a feature or records")
    log_ids = await txns.plan(ctx, params.feature)
    return SyncCounts(details={"batch_runs": len(log_ids), "log_ids": [str(i) for i in log_ids]})


async def verify_vendor_hash(ctx: ActionContext, params: QuickBooksRecordParams) -> SyncCounts:
    return await _verify(ctx, params, "vendor")


async def verify_transaction_hash(ctx: ActionContext, params: QuickBooksRecordParams) -> SyncCounts:
    return await _verify(ctx, params, "transaction")


async def _verify(ctx: ActionContext, params: QuickBooksRecordParams, kind: str) -> SyncCounts:
    """The record named, or without one every record of the project linked as `kind`."""
    if params.entity_id is None:
        return await verify_linked(ctx, api_for(ctx), kind)
    return await verify(ctx, api_for(ctx), kind, params.entity_id)


async def payments(ctx: ActionContext, params: QuickBooksRecordParams) -> SyncCounts:
    """A QuickBooks Payment changed (webhook or CDC): settle the invoices it pays."""
    return await changes.payment_received(ctx, api_for(ctx), _one(params))


async def cdc_poll(ctx: ActionContext, params: NoParams) -> SyncCounts:
    return await changes.poll(ctx, api_for(ctx))


async def _sync_parties(
    ctx: ActionContext, params: QuickBooksRecordParams, kind: str, feature: str, action: str
) -> SyncCounts:
    """One relationship, or every one the feature takes that is new or changed: each of
    those committed with its mapping as soon as it is done (ctx.progress), so a run that
    is throttled or stopped keeps them and its next attempt goes on from there."""
    api = api_for(ctx)
    host = HostRecords.of(ctx)
    if params.entity_id:
        await host.require("project_relationships", [params.entity_id])
        accepted(ctx, params.entity_id)  # the engine refused it otherwise (engine/validation.py)
        pushed = await parties.push(ctx, api, kind, params.entity_id, force=params.force)
        counts = _counts(1, {params.entity_id: pushed.change}, pushed.external_id, api.retries)
        if pushed.note:
            counts.details[note_key(pushed.change)] = {params.entity_id: pushed.note}
        return counts
    progress = ctx.progress
    ids = progress.plan(await _feature_relationships(host, ctx, feature))
    await progress.commit()
    validations = await validate_found_records(ctx, feature, action, ids)
    for relationship_id, validation in zip(ids, validations, strict=True):
        if not validation.valid:
            progress.fail(relationship_id, "not_sendable", validation.message())
        else:
            try:
                pushed = await parties.push(ctx, api, kind, relationship_id, force=params.force)
                progress.add(relationship_id, pushed.change, pushed.external_id, pushed.note)
            except ProviderError as error:
                if error.retryable:
                    raise  # throttled or unreachable: the next attempt goes on from here
                progress.fail(relationship_id, error.code, error.message)
        await progress.commit()
    return progress.counts(retries=api.retries)


async def _feature_relationships(host: HostRecords, ctx: ActionContext, feature: str) -> list[str]:
    integration_id, _ = integration_ids(ctx)
    cursor = await host.execute(
        """
select r.id::text
from public.v_project_integration_features as s
inner join public.project_relationships as r on r.project_id = s.project_id
left join public.integration_entity_mappings as m
    on m.project_integration_id = s.project_integration_id and m.entity_type = s.entity_type
    and m.internal_id = r.id::text
where s.project_integration_id = %(integration_id)s and s.feature_key = %(feature)s
    and r.project_id = %(project_id)s and r.status = 'Active'
    and private.record_matches_filter(to_jsonb(r), s.trigger_config -> 'filter')
    and (m.id is null or r.updated_at > m.last_synced_at)
order by r.id
""",
        {"integration_id": integration_id, "feature": feature},
    )
    return [row[0] for row in await cursor.fetchall()]


def _counts(
    processed: int, outcomes: dict[str, str], external_id: str | None, retries: int
) -> SyncCounts:
    changes_seen = list(outcomes.values())
    return SyncCounts(
        records_processed=processed,
        records_created=changes_seen.count("created"),
        records_updated=changes_seen.count("updated"),
        records_linked=changes_seen.count("linked"),
        records_skipped=changes_seen.count("unchanged") + changes_seen.count("skipped"),
        external_id=external_id,
        details={"changes": outcomes, "retries": retries},
    )


def _one(params: QuickBooksRecordParams) -> str:
    if params.entity_id is None:
        raise ProviderError("invalid_params", "this action needs one record (entity_id)")
    return params.entity_id
