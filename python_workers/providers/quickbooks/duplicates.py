"""A relationship whose display name QuickBooks already holds (Fault 6240, Duplicate Name
Exists: vendors, customers and employees share one list of names): is the QuickBooks
party of that name the same business, so the relationship may be linked to it?

Same business: a Vendor (or Customer) of the record's kind whose DisplayName equals ours
ignoring case and spacing, that no other relationship is linked to, that is active (or
the feature owns the fields: its update makes it active again), and where none of these
differ when both sides have one: e-mail address (case ignored), website (scheme, "www."
and a trailing "/" ignored), and the relationship's legal name against the CompanyName
(case, spacing and punctuation ignored). Anything else fails the record with
`qbo_duplicate_name_conflict`, naming the QuickBooks record, for a person to link by hand
(integration_link_record) or rename.
"""

from __future__ import annotations

import re
from typing import Any

from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.quickbooks import mappings
from python_workers.providers.quickbooks.api import QuickBooksApi
from python_workers.providers.quickbooks.client import integration_ids
from python_workers.providers.quickbooks.models import Entity
from python_workers.providers.quickbooks.records import RelationshipRow

ENTITY = {"vendor": "Vendor", "customer": "Customer"}
FEATURE = {"vendor": "vendors", "customer": "customers"}
CONFLICT = "qbo_duplicate_name_conflict"
BY_HAND = "link it by hand with integration_link_record or rename the relationship"


async def same_business(
    ctx: ActionContext, api: QuickBooksApi, kind: str, row: RelationshipRow, *, owned: bool
) -> Entity:
    """The QuickBooks party named like `row`, if it is the same business; else fails. An
    inactive one is taken only when Plugboard owns its fields (the update reactivates it)."""
    entity, name = ENTITY[kind], row.display_name.strip()
    quoted = name.replace("\\", "\\\\").replace("'", "\\'")
    named = await api.query(entity, f"where DisplayName = '{quoted}' and Active in (true, false)")
    if not named:
        raise ProviderError(
            CONFLICT,
            f'QuickBooks already has a customer, vendor or employee named "{name}" that is '
            f"not a {kind}; give the relationship another display name",
        )
    existing = named[0]
    label = f'{kind} {existing["Id"]} "{existing.get("DisplayName", name)}"'
    details = {"existing_id": str(existing["Id"])}
    differences = _differences(existing, row)
    if differences:
        raise ProviderError(
            CONFLICT,
            f"QuickBooks already has {label} with a different {' and '.join(differences)}; "
            + BY_HAND,
            details,
        )
    if existing.get("Active") is False and not owned:
        raise ProviderError(
            CONFLICT,
            f"QuickBooks already has {label}, made inactive there; make it active in "
            f"QuickBooks, or {BY_HAND}",
            details,
        )
    other = await mappings.owner(ctx.db, integration_ids(ctx)[0], kind, str(existing["Id"]))
    if other is not None:
        raise ProviderError(
            CONFLICT,
            f"QuickBooks {label} is already linked to relationship {other}; rename one of them",
            {**details, "linked_to": other},
        )
    return Entity.model_validate(existing)


def linked_note(kind: str, existing: Entity) -> str:
    name = (existing.model_extra or {}).get("DisplayName")
    return f'linked to existing QuickBooks {kind} {existing.Id} "{name}"'


def kept_note(kind: str, external_id: str) -> str:
    return (
        f"left QuickBooks {kind} {external_id} as the bookkeeper has it: it was linked by "
        "name and the feature does not own its fields (owns_fields)"
    )


async def owns_fields(ctx: ActionContext, kind: str) -> bool:
    """Whether the feature's config says Plugboard owns the fields of records it links."""
    cursor = await ctx.db.execute(
        "select s.trigger_config -> 'owns_fields' = 'true'::jsonb"
        " from public.v_project_integration_features as s"
        " where s.project_integration_id = %s and s.feature_key = %s",
        (integration_ids(ctx)[0], FEATURE[kind]),
    )
    row = await cursor.fetchone()
    return bool(row and row[0])


def _differences(existing: dict[str, Any], row: RelationshipRow) -> list[str]:
    pairs = (
        ("display name", _words(existing.get("DisplayName")), _words(row.display_name)),
        ("e-mail address", _words((existing.get("PrimaryEmailAddr") or {}).get("Address")),
         _words(row.email)),
        ("website", _site((existing.get("WebAddr") or {}).get("URI")), _site(row.website)),
        ("company name", _letters(existing.get("CompanyName")), _letters(row.legal_name)),
    )  # fmt: skip
    return [what for what, theirs, ours in pairs if theirs and ours and theirs != ours]


def _words(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().casefold()


def _letters(value: Any) -> str:
    return re.sub(r"[\W_]+", "", _words(value))


def _site(value: Any) -> str:
    return re.sub(r"^([a-z]+://)?(www\.)?", "", _words(value)).rstrip("/")
