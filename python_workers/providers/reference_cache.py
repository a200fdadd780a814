"""Writing a provider's cached list (officers, PSCs, filings, VAT obligations, SIC codes)
through private.cache_reference_items: the whole answer replaces the list of one kind
under one parent; gone items are deactivated, not deleted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg.types.json import Jsonb
from pydantic import BaseModel

from python_workers.providers.contract import ActionContext

# (external id, name, code, the item as the provider gave it)
Item = tuple[str, str, str | None, BaseModel | dict[str, Any]]


async def cache_items(
    ctx: ActionContext,
    kind: str,
    parent: str | None,
    items: Sequence[Item],
    *,
    global_data: bool = False,
) -> dict[str, int]:
    """Counts: created, updated, unchanged, deactivated. `global_data` writes the rows
    every project shares (project_integration_id null)."""
    rows = [
        {
            "external_id": external_id,
            "name": name,
            "code": code,
            "data": data.model_dump(mode="json", exclude_none=True)
            if isinstance(data, BaseModel)
            else data,
        }
        for external_id, name, code, data in dict(
            (item[0], item)
            for item in items  # one row per id: the provider's last word
        ).values()
    ]
    cursor = await ctx.db.execute(
        "select private.cache_reference_items(%s, %s, %s, %s, %s)",
        (
            ctx.integration.provider_key,
            None if global_data else ctx.integration.id,
            kind,
            parent,
            Jsonb(rows),
        ),
    )
    row = await cursor.fetchone()
    counts: dict[str, int] = row[0] if row else {}
    return counts
