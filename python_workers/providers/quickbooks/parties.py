"""Vendors and customers: a project relationship pushed as a QuickBooks Vendor or Customer.

Create with a requestid (a repeat replays); update with the SyncToken we hold (writes.py:
on a stale token, 5010, re-read and try once more); a duplicate name (6240) links to the
QuickBooks party of that name when it is the same business (same company name or e-mail)
and not mapped to another relationship, else fails saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from python_workers.engine.host_records import HostRecords
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.quickbooks import mappings, payloads, records, writes
from python_workers.providers.quickbooks.api import QuickBooksApi, QuickBooksFault
from python_workers.providers.quickbooks.client import integration_ids
from python_workers.providers.quickbooks.hashing import stable_hash

ENTITY = {"vendor": "Vendor", "customer": "Customer"}
PARTY_RANK = 2  # locked after the records that need them (mappings.lock)
Change = Literal["created", "updated", "unchanged", "linked"]


@dataclass(frozen=True)
class Pushed:
    change: Change
    external_id: str


async def push(
    ctx: ActionContext, api: QuickBooksApi, kind: str, relationship_id: str, *, force: bool = False
) -> Pushed:
    integration_id, project_id = integration_ids(ctx)
    key = mappings.lock_key(integration_id, PARTY_RANK, kind, relationship_id)
    await mappings.lock(ctx.db, [key])
    [row] = await records.relationships(
        HostRecords.of(ctx), integration_id, [relationship_id], kind
    )
    payload = payloads.party(row).payload()
    digest = stable_hash(payload)
    entity = ENTITY[kind]
    if row.mapped_id:
        if row.mapped_hash == digest and not force:
            return Pushed("unchanged", row.mapped_id)
        held = await writes.update(api, entity, row.mapped_id, row.mapped_version, payload)
        change: Change = "updated"
    else:
        request_id = await mappings.request_id(
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
            existing = await _same_business(ctx, api, kind, payload)
            held = await writes.update(api, entity, existing, None, {**payload, "Active": True})
            change = "linked"
    await mappings.save(
        ctx.db, integration_id, kind, relationship_id, held.Id, held.SyncToken, digest
    )
    return Pushed(change, held.Id)


async def _same_business(
    ctx: ActionContext, api: QuickBooksApi, kind: str, payload: dict[str, Any]
) -> str:
    """The id of the QuickBooks party named like `payload` if it is the same business."""
    entity, name = ENTITY[kind], str(payload["DisplayName"])
    quoted = name.replace("\\", "\\\\").replace("'", "\\'")
    named = await api.query(entity, f"where DisplayName = '{quoted}' and Active in (true, false)")
    if not named:
        raise ProviderError(
            "name_taken",
            f'QuickBooks already has a customer, vendor or employee named "{name}" that is not '
            f"a {entity}; give the relationship another display name",
        )
    existing = named[0]
    if not _same(existing, payload):
        raise ProviderError(
            "name_taken",
            f'QuickBooks already has a {entity} named "{name}" (Id {existing["Id"]}) that looks '
            "like a different business (its company name and e-mail differ); rename one of them",
            {"existing_id": existing["Id"]},
        )
    other = await mappings.owner(ctx.db, integration_ids(ctx)[0], kind, str(existing["Id"]))
    if other is not None:
        raise ProviderError(
            "name_taken",
            f'QuickBooks {entity} "{name}" (Id {existing["Id"]}) is already linked to another '
            f"relationship ({other})",
            {"existing_id": existing["Id"], "linked_to": other},
        )
    return str(existing["Id"])


def _same(existing: dict[str, Any], payload: dict[str, Any]) -> bool:
    def norm(value: Any) -> str:
        return re.sub(r"\s+", " ", str(value or "")).strip().casefold()

    ours_company = norm(payload.get("CompanyName"))
    theirs_company = norm(existing.get("CompanyName"))
    ours_email = norm((payload.get("PrimaryEmailAddr") or {}).get("Address"))
    theirs_email = norm((existing.get("PrimaryEmailAddr") or {}).get("Address"))
    return bool(ours_company and ours_company == theirs_company) or bool(
        ours_email and ours_email == theirs_email
    )
