"""QuickBooks change events, however they arrive — a webhook in the CloudEvents format
(Intuit's current one), a webhook in the legacy format, or a CDC poll — as one shape, and
their intake: private.quickbooks_receive_changes ignores repeats and queues the realtime
runs of the realm's integrations
(supabase/schemas/providers/quickbooks/functions/private.quickbooks_receive_changes.sql)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

ENTITIES = (
    "Account", "Bill", "Class", "Customer", "Invoice", "Payment", "Purchase", "TaxCode",
    "Vendor", "Employee", "Item", "JournalEntry", "Deposit", "Estimate", "CreditMemo",
)  # fmt: skip
_BY_LOWER = {name.lower(): name for name in ENTITIES}
_OPERATIONS = {"created": "Create", "updated": "Update", "deleted": "Delete", "merged": "Merge",
               "voided": "Void", "emailed": "Emailed"}  # fmt: skip


@dataclass(frozen=True)
class ChangeEvent:
    realm_id: str
    entity: str
    id: str
    operation: str
    time: str  # UTC, to the second: the same change reads the same from every source


def parse_webhook(body: Any) -> list[ChangeEvent]:
    """A webhook body, CloudEvents (a JSON array) or legacy ({"eventNotifications": …})."""
    if isinstance(body, list):
        return [_cloudevent(event) for event in body]
    if isinstance(body, dict) and isinstance(body.get("eventNotifications"), list):
        return [
            ChangeEvent(
                str(note["realmId"]), _entity(entity["name"]), str(entity["id"]),
                str(entity.get("operation", "Update")), utc_second(entity.get("lastUpdated")),
            )
            for note in body["eventNotifications"]
            for entity in note.get("dataChangeEvent", {}).get("entities", [])
        ]  # fmt: skip
    raise ValueError("neither a CloudEvents array nor a legacy eventNotifications object")


def from_cdc(realm_id: str, changed: dict[str, list[Any]]) -> list[ChangeEvent]:
    return [
        ChangeEvent(
            realm_id, entity, str(item["Id"]),
            "Delete" if item.get("status") == "Deleted" else "Update",
            utc_second(item.get("MetaData", {}).get("LastUpdatedTime")),
        )
        for entity, items in changed.items()
        for item in items
    ]  # fmt: skip


def utc_second(value: Any) -> str:
    if not value:
        return ""
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


async def receive(db: psycopg.AsyncConnection[Any], events: list[ChangeEvent]) -> dict[str, Any]:
    """Takes the events in, realm by realm: {received, duplicates, log_ids}."""
    by_realm: dict[str, list[dict[str, str]]] = defaultdict(list)
    for event in events:
        by_realm[event.realm_id].append(asdict(event))
    totals: dict[str, Any] = {"received": 0, "duplicates": 0, "log_ids": []}
    for realm_id, items in by_realm.items():
        cursor = await db.execute(
            "select private.quickbooks_receive_changes(%s, %s)", (realm_id, Jsonb(items))
        )
        row = await cursor.fetchone()
        outcome: dict[str, Any] = row[0] if row else {}
        totals["received"] += outcome.get("received", 0)
        totals["duplicates"] += outcome.get("duplicates", 0)
        totals["log_ids"] += outcome.get("log_ids", [])
    return totals


def _cloudevent(event: dict[str, Any]) -> ChangeEvent:
    # the event type reads qbo.<entity>.<created|updated|deleted|…>.v1
    _, entity, operation, *_ = str(event["type"]).split(".")
    return ChangeEvent(
        str(event["intuitaccountid"]), _entity(entity), str(event["intuitentityid"]),
        _OPERATIONS.get(operation, operation.capitalize()), utc_second(event.get("time")),
    )  # fmt: skip


def _entity(name: str) -> str:
    return _BY_LOWER.get(name.lower(), name)
