"""Transactions: Expense -> Purchase; inbound Invoice, Payroll Invoice, Reimbursement ->
Bill; outbound Invoice -> Invoice (the feature whose filter takes the transaction decides,
as validate_transaction_send_to reports it). Its supplier or customer is pushed first when
it is not mapped yet.

One record per run (a status change, Send To): a create with the record's requestid.
Many (a whole-feature run): `plan` splits the records into runs of at most 30, each one
batch request whose requestid is the run's chunk id, so a repeat after a lost answer
replays it; faults of single items are recorded against their records. A batch run
commits as it goes (ctx.progress): each party it pushes first, each record sent alone,
the batch's records together, each with its mapping and the log's counts; a party that
QuickBooks throttles or cannot answer ends the attempt (its records wait for the next),
one it refuses fails its records.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from python_workers.engine.host_records import HostRecords
from python_workers.engine.validation import accepted
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.quickbooks import (
    locks,
    mappings,
    parties,
    payloads,
    records,
    request_ids,
    writes,
)
from python_workers.providers.quickbooks.api import BATCH_MAX_ITEMS, BatchItem, QuickBooksApi
from python_workers.providers.quickbooks.channels import per_window, split
from python_workers.providers.quickbooks.client import integration_ids
from python_workers.providers.quickbooks.hashing import stable_hash
from python_workers.providers.quickbooks.models import Entity
from python_workers.providers.quickbooks.records import TransactionRow
from python_workers.providers.quickbooks.settings import quickbooks_settings

KIND = "transaction"
RECORD_RANK = 1  # records are locked before their parties
PARTY_OF = {"Purchase": "vendor", "Bill": "vendor", "Invoice": "customer"}
Change = Literal["created", "updated", "unchanged", "skipped", "failed"]


async def push_one(
    ctx: ActionContext, api: QuickBooksApi, transaction_id: str
) -> tuple[Change, str | None]:
    integration_id, project_id = integration_ids(ctx)
    host = HostRecords.of(ctx)
    await host.require("transactions", [transaction_id])
    key = locks.lock_key(integration_id, RECORD_RANK, KIND, transaction_id)
    await locks.lock(ctx.db, [key])
    if await mappings.in_pending_chunk(ctx.db, project_id, integration_id, transaction_id):
        return "skipped", None  # a batch run holds it and will push it
    entity = str(accepted(ctx, transaction_id).data["quickbooks_entity"])
    [row] = await records.transactions(host, integration_id, [transaction_id])
    if _needs_party(row, entity):
        await parties.push(ctx, api, PARTY_OF[entity], str(row.relationship_id))
        [row] = await records.transactions(host, integration_id, [transaction_id])
    return await _push_row(ctx, api, row, entity)


async def push_chunk(
    ctx: ActionContext, api: QuickBooksApi, ids: list[str], chunk: UUID, *, singly: bool = False,
) -> None:  # fmt: skip
    """Up to 30 records in one run: created in one batch request, or (`singly`) one create
    each, with each record's own requestid, in the requests batches leave unused. Records
    an earlier attempt finished are not sent again."""
    integration_id, _ = integration_ids(ctx)
    host = HostRecords.of(ctx)
    await host.require("transactions", ids)
    progress = ctx.progress
    # the engine has failed the records their validation refused (engine/validation.py)
    entities = {i: str(accepted(ctx, i).data["quickbooks_entity"]) for i in progress.plan(ids)}
    await progress.commit()
    rows = await records.transactions(host, integration_id, sorted(entities))
    await _push_parties(ctx, api, rows, entities)
    alone = [row.id for row in rows if row.id in entities and (row.mapped_id or singly)]
    for record_id in alone:
        for row in await _locked(ctx, [record_id]):
            await _push_guarded(ctx, api, row, entities[row.id])
        await progress.commit()
    together = [row.id for row in rows if row.id in entities and row.id not in alone]
    if together:
        locked = await _locked(ctx, together)
        for row in locked:
            if row.mapped_id is not None:  # mapped by another run meanwhile
                await _push_guarded(ctx, api, row, entities[row.id])
        creates = [row for row in locked if row.mapped_id is None]
        if creates:
            await _create_batch(ctx, api, creates, entities, chunk)
        await progress.commit()


async def _push_parties(
    ctx: ActionContext, api: QuickBooksApi, rows: list[TransactionRow], entities: dict[str, str]
) -> None:
    """The vendors and customers `rows` need, each committed when pushed. A refused one
    fails its records (dropped from `entities`); a throttled one ends the attempt."""
    needed = sorted(
        {
            (PARTY_OF[entities[row.id]], str(row.relationship_id))
            for row in rows
            if row.id in entities and _needs_party(row, entities[row.id])
        }
    )
    for kind, relationship_id in needed:
        try:
            await parties.push(ctx, api, kind, relationship_id)
        except ProviderError as error:
            if error.retryable:
                raise  # its records wait for the next attempt, they have not failed
            for row in rows:
                if str(row.relationship_id) == relationship_id and row.id in entities:
                    entities.pop(row.id)
                    ctx.progress.fail(row.id, error.code, error.message)
        await ctx.progress.commit()


async def _locked(ctx: ActionContext, ids: list[str]) -> list[TransactionRow]:
    """`ids` locked for this transaction (runs pushing the same record take turns), read
    after the lock: as the run before, if any, left them."""
    integration_id, _ = integration_ids(ctx)
    await locks.lock(ctx.db, [locks.lock_key(integration_id, RECORD_RANK, KIND, i) for i in ids])
    return await records.transactions(HostRecords.of(ctx), integration_id, sorted(ids))


async def plan(ctx: ActionContext, feature: str) -> list[UUID]:
    """Queues runs for every record of `feature` not in QuickBooks yet or changed since;
    returns their log ids. The runs commit with this one. Runs take 30 records each: most
    as one batch request; when there are more than the batch limit can take in the
    windows needed, the rest as single creates in the requests the batch limit leaves
    unused (channels.split)."""
    integration_id, _ = integration_ids(ctx)
    cursor = await HostRecords.of(ctx).execute(
        """
select t.id::text
from public.v_project_integration_features as s
inner join public.transactions as t on t.project_id = s.project_id
left join public.integration_entity_mappings as m
    on m.project_integration_id = s.project_integration_id and m.entity_type = 'transaction'
    and m.internal_id = t.id::text
where s.project_integration_id = %(integration_id)s and s.feature_key = %(feature)s
    and t.project_id = %(project_id)s
    and s.trigger_config ->> 'entity' = 'transactions'
    and private.record_matches_filter(to_jsonb(t), s.trigger_config -> 'filter')
    and (m.id is null or t.updated_at > m.last_synced_at)
order by t.id
""",
        {"integration_id": integration_id, "feature": feature},
    )
    ids = [row[0] for row in await cursor.fetchall()]
    settings = quickbooks_settings()
    batched, _ = split(len(ids), settings)
    batch_records, single_records = per_window(settings)
    cursor = await ctx.db.execute(
        """
select private.enqueue_sync_run(
    %(integration_id)s, s.feature_id, 'on_manual', 'sync_transaction', 'transaction',
    'batch:' || min(r.id),
    jsonb_build_object(
        'feature', %(feature)s::text, 'entity_ids', jsonb_agg(r.id order by r.id),
        'chunk', gen_random_uuid(), 'singly', r.n > %(batched)s
    ),
    null
)
from unnest(%(ids)s::text[]) with ordinality as r (id, n)
cross join (
    select feature_id from public.v_project_integration_features
    where project_integration_id = %(integration_id)s and feature_key = %(feature)s
) as s
group by s.feature_id, r.n > %(batched)s,
    case when r.n <= %(batched)s then r.n - 1 else r.n - %(batched)s - 1 end / %(size)s
-- interleaved by the window each run's request falls in, so both channels flow at once
order by min(case when r.n <= %(batched)s then (r.n - 1)::float8 / %(batch_records)s
    else (r.n - %(batched)s - 1)::float8 / nullif(%(single_records)s, 0) end)
""",
        {"integration_id": integration_id, "feature": feature, "ids": ids,
         "batched": batched, "size": BATCH_MAX_ITEMS, "batch_records": batch_records,
         "single_records": single_records},
    )  # fmt: skip
    return [row[0] for row in await cursor.fetchall()]


async def _push_row(
    ctx: ActionContext, api: QuickBooksApi, row: TransactionRow, entity: str
) -> tuple[Change, str]:
    integration_id, project_id = integration_ids(ctx)
    payload = payloads.transaction(row, entity).payload()
    digest = stable_hash(payload)
    if row.mapped_id is not None:
        mapped_entity, external_id = mappings.split_transaction_ref(row.mapped_id)
        if row.mapped_hash == digest:
            return "unchanged", row.mapped_id
        held = await writes.update(api, mapped_entity, external_id, row.mapped_version, payload)
        change: Change = "updated"
        entity = mapped_entity
    else:
        request_id = await request_ids.request_id(ctx.db, project_id, integration_id, KIND, row.id)
        created = await api.create(entity, payload, request_id)
        held = await writes.converge(api, entity, created, payload, digest)
        change = "created"
    reference = mappings.transaction_ref(entity, held.Id)
    await mappings.save(ctx.db, integration_id, KIND, row.id, reference, held.SyncToken, digest)
    return change, reference


async def _push_guarded(
    ctx: ActionContext, api: QuickBooksApi, row: TransactionRow, entity: str
) -> None:
    try:
        change, reference = await _push_row(ctx, api, row, entity)
    except ProviderError as error:
        if error.retryable:
            raise
        ctx.progress.fail(row.id, error.code, error.message)
        return
    ctx.progress.add(row.id, change, reference)


async def _create_batch(
    ctx: ActionContext, api: QuickBooksApi, rows: list[TransactionRow], entities: dict[str, str],
    chunk: UUID,
) -> None:  # fmt: skip
    integration_id, _ = integration_ids(ctx)
    sent = {row.id: payloads.transaction(row, entities[row.id]).payload() for row in rows}
    items = [BatchItem(row.id, entities[row.id], "create", sent[row.id]) for row in rows]
    results = await api.batch(items, request_ids.batch_request_id(chunk))
    saved = []
    for result in results:
        if result.fault is not None:
            ctx.progress.fail(result.bid, result.fault.code, result.fault.message)
            continue
        entity, digest = entities[result.bid], stable_hash(sent[result.bid])
        held = await writes.converge(
            api, entity, Entity.model_validate(result.entity), sent[result.bid], digest
        )
        reference = mappings.transaction_ref(entity, held.Id)
        saved.append((result.bid, reference, held.SyncToken, digest))
        ctx.progress.add(result.bid, "created", reference)
    await mappings.save_many(ctx.db, integration_id, KIND, saved)


def _needs_party(row: TransactionRow, entity: str) -> bool:
    mapped = row.customer_id if PARTY_OF[entity] == "customer" else row.vendor_id
    return row.relationship_id is not None and mapped is None
