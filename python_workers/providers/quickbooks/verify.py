"""verify_vendor_hash / verify_transaction_hash: is what QuickBooks holds now what we
last sent? The hash stored with the mapping (hashing.py) against the same hash of the
entity QuickBooks answers, cut to the fields we send:
  in_sync   the same
  drifted   changed in QuickBooks since (the mapping is flagged stale, with the reason)
  missing   deleted or made inactive there (flagged too)
and whether the record changed here since it was sent (local_changed). Without a record,
every record of the project linked to QuickBooks is verified (verify_linked)."""

from __future__ import annotations

from typing import Any, Literal

from python_workers.engine.host_records import HostRecords
from python_workers.engine.outcome import SyncCounts
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.quickbooks import mappings, payloads, records
from python_workers.providers.quickbooks.api import QuickBooksApi, QuickBooksFault
from python_workers.providers.quickbooks.client import integration_ids
from python_workers.providers.quickbooks.hashing import sent_fields, stable_hash
from python_workers.providers.quickbooks.parties import ENTITY

State = Literal["in_sync", "drifted", "missing"]

# The project's records linked to QuickBooks as `kind`, for a verify of them all.
LINKED_SQL = {
    "vendor": """
select r.id::text from public.integration_entity_mappings as m
inner join public.project_relationships as r on r.id::text = m.internal_id
where m.project_integration_id = %(integration_id)s and m.entity_type = 'vendor'
    and r.project_id = %(project_id)s
order by r.id
""",
    "transaction": """
select t.id::text from public.integration_entity_mappings as m
inner join public.transactions as t on t.id::text = m.internal_id
where m.project_integration_id = %(integration_id)s and m.entity_type = 'transaction'
    and t.project_id = %(project_id)s
order by t.id
""",
}


async def verify_linked(ctx: ActionContext, api: QuickBooksApi, kind: str) -> SyncCounts:
    """Every record of the project linked as `kind`, one verify each: their states, and
    which are not in sync (each such mapping flagged stale by verify)."""
    integration_id, _ = integration_ids(ctx)
    cursor = await HostRecords.of(ctx).execute(LINKED_SQL[kind], {"integration_id": integration_id})
    states: dict[str, State] = {}
    for (internal_id,) in await cursor.fetchall():
        checked = await verify(ctx, api, kind, internal_id)
        states[internal_id] = checked.details["state"]
    return SyncCounts(
        records_processed=len(states),
        records_skipped=len(states),
        details={
            "states": states,
            "not_in_sync": [i for i, state in states.items() if state != "in_sync"],
        },
    )


async def verify(ctx: ActionContext, api: QuickBooksApi, kind: str, internal_id: str) -> SyncCounts:
    integration_id, _ = integration_ids(ctx)
    mapping = await mappings.get(ctx.db, integration_id, kind, internal_id)
    if mapping is None:
        raise ProviderError("not_synced", f"this {kind} has not been sent to QuickBooks")
    entity, external_id = _target(kind, mapping.external_id)
    ours = await _payload(ctx, kind, internal_id, entity)
    held = await _held(api, entity, external_id)
    state: State
    if held is None or held.get("Active") is False:
        state, reason = "missing", f"QuickBooks {entity} {external_id} was deleted or made inactive"
    elif stable_hash(sent_fields(ours, held)) == mapping.sync_hash:
        state, reason = "in_sync", None
    else:
        state, reason = "drifted", f"QuickBooks {entity} {external_id} was changed in QuickBooks"
    await mappings.set_stale(ctx.db, integration_id, kind, internal_id, reason)
    return SyncCounts(
        records_processed=1,
        records_skipped=1,
        external_id=mapping.external_id,
        details={
            "state": state,
            "local_changed": stable_hash(ours) != mapping.sync_hash,
            "quickbooks_sync_token": None if held is None else held.get("SyncToken"),
        },
    )


def _target(kind: str, external_id: str) -> tuple[str, str]:
    if kind == "transaction":
        return mappings.split_transaction_ref(external_id)
    return ENTITY[kind], external_id


async def _payload(ctx: ActionContext, kind: str, internal_id: str, entity: str) -> dict[str, Any]:
    integration_id, _ = integration_ids(ctx)
    host = HostRecords.of(ctx)
    if kind == "transaction":
        [row] = await records.transactions(host, integration_id, [internal_id])
        return payloads.transaction(row, entity).payload()
    [party] = await records.relationships(host, integration_id, [internal_id], kind)
    return payloads.party(party).payload()


async def _held(api: QuickBooksApi, entity: str, external_id: str) -> dict[str, Any] | None:
    try:
        return await api.read(entity, external_id)
    except QuickBooksFault as fault:
        if fault.intuit_code == "610":
            return None
        raise
