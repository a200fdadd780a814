"""Vendors and customers: a project relationship pushed as a QuickBooks Vendor or Customer.

Create with a requestid (a repeat replays); update with the SyncToken we hold (writes.py:
on a stale token, 5010, re-read and try once more). A duplicate name (6240) of the same
business (duplicates.py) links the relationship to the QuickBooks party (mapping
created_via 'match') and leaves it as the bookkeeper has it, then and on later changes of
the relationship, unless the feature's config says Plugboard owns the fields
(`owns_fields`): then it is updated. Linking is not renaming.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from python_workers.engine.host_records import HostRecords
from python_workers.providers.contract import ActionContext
from python_workers.providers.quickbooks import (
    duplicates,
    locks,
    mappings,
    payloads,
    records,
    request_ids,
    writes,
)
from python_workers.providers.quickbooks.api import QuickBooksApi, QuickBooksFault
from python_workers.providers.quickbooks.client import integration_ids
from python_workers.providers.quickbooks.hashing import stable_hash
from python_workers.providers.quickbooks.models import Entity

ENTITY = duplicates.ENTITY
PARTY_RANK = 2  # locked after the records that need them (locks.lock)
Change = Literal["created", "updated", "unchanged", "linked"]


@dataclass(frozen=True)
class Pushed:
    change: Change
    external_id: str
    note: str | None = None  # linked, or kept as the bookkeeper has it: which record


async def push(
    ctx: ActionContext, api: QuickBooksApi, kind: str, relationship_id: str, *, force: bool = False
) -> Pushed:
    integration_id, project_id = integration_ids(ctx)
    key = locks.lock_key(integration_id, PARTY_RANK, kind, relationship_id)
    await locks.lock(ctx.db, [key])
    [row] = await records.relationships(
        HostRecords.of(ctx), integration_id, [relationship_id], kind
    )
    payload = payloads.party(row).payload()
    digest = stable_hash(payload)
    entity = ENTITY[kind]
    if row.mapped_id:
        if row.mapped_hash == digest and not force:
            return Pushed("unchanged", row.mapped_id)
        if row.mapped_via == "match" and not await duplicates.owns_fields(ctx, kind):
            kept = Entity(Id=row.mapped_id, SyncToken=row.mapped_version or "0")
            await _save(ctx, kind, relationship_id, kept, digest, "match")  # change seen
            return Pushed("unchanged", row.mapped_id, duplicates.kept_note(kind, row.mapped_id))
        held = await writes.update(api, entity, row.mapped_id, row.mapped_version, payload)
        change: Change = "updated"
    else:
        request_id = await request_ids.request_id(
            ctx.db, project_id, integration_id, kind, relationship_id
        )
        try:
            held = await writes.converge(
                api, entity, await api.create(entity, payload, request_id), payload, digest
            )
            change = "created"
        except QuickBooksFault as fault:
            if fault.intuit_code != "6240":
                raise
            owned = await duplicates.owns_fields(ctx, kind)
            held = await duplicates.same_business(ctx, api, kind, row, owned=owned)
            if not owned:
                await _save(ctx, kind, relationship_id, held, digest, "match")
                return Pushed("linked", held.Id, duplicates.linked_note(kind, held))
            update = {**payload, "Active": True}
            held = await writes.update(api, entity, held.Id, held.SyncToken, update)
            await _save(ctx, kind, relationship_id, held, digest, "match")
            return Pushed("updated", held.Id)
    await _save(ctx, kind, relationship_id, held, digest)
    return Pushed(change, held.Id)


async def _save(
    ctx: ActionContext, kind: str, relationship_id: str, held: Entity, digest: str,
    via: str = "sync",
) -> None:  # fmt: skip
    integration_id, _ = integration_ids(ctx)
    await mappings.save(
        ctx.db, integration_id, kind, relationship_id, held.Id, held.SyncToken, digest, via
    )
