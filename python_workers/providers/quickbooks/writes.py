"""Writing an existing QuickBooks entity: sparse updates guarded by SyncToken, and
bringing a create that was answered from an earlier request (a requestid replay of older
content) up to what we send now."""

from __future__ import annotations

from typing import Any

from python_workers.providers.errors import ProviderError
from python_workers.providers.quickbooks.api import QuickBooksApi, QuickBooksFault
from python_workers.providers.quickbooks.hashing import sent_fields, stable_hash
from python_workers.providers.quickbooks.models import Entity


async def update(
    api: QuickBooksApi, entity: str, external_id: str, version: str | None,
    payload: dict[str, Any],
) -> Entity:  # fmt: skip
    """A sparse update with SyncToken `version` (read first when unknown); on 5010 the
    entity is re-read and the update tried once more with its current SyncToken."""
    if version is None:
        version = str((await _read(api, entity, external_id))["SyncToken"])
    try:
        return await api.update(entity, {**payload, "Id": external_id, "SyncToken": version})
    except QuickBooksFault as fault:
        if fault.intuit_code != "5010":
            raise _gone(entity, external_id, fault) from fault
    current = await _read(api, entity, external_id)
    return await api.update(
        entity, {**payload, "Id": external_id, "SyncToken": str(current["SyncToken"])}
    )


async def converge(
    api: QuickBooksApi, entity: str, held: Entity, payload: dict[str, Any], digest: str
) -> Entity:
    """`held` as QuickBooks answered a create; updated when it holds other content."""
    if stable_hash(sent_fields(payload, held.model_dump())) == digest:
        return held
    return await update(api, entity, held.Id, held.SyncToken, payload)


async def _read(api: QuickBooksApi, entity: str, external_id: str) -> dict[str, Any]:
    try:
        return await api.read(entity, external_id)
    except QuickBooksFault as fault:
        raise _gone(entity, external_id, fault) from fault


def _gone(entity: str, external_id: str, fault: QuickBooksFault) -> Exception:
    if fault.intuit_code == "610":
        return ProviderError(
            "deleted_in_quickbooks",
            f"QuickBooks {entity} {external_id} was deleted or made inactive there; "
            "unlink the record to push it again",
        )
    return fault
