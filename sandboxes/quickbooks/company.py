"""One QuickBooks company (realm): its entities, deletions, and replayable responses."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sandboxes.quickbooks.clock import intuit_time, now
from sandboxes.quickbooks.kinds import KINDS

# (realm, entity name, id, operation "Create"/"Update"/"Delete", when)
ChangeListener = Callable[[str, str, str, str, datetime], None]


@dataclass
class Stored:
    """An entity and its JSON, encoded once per change so reads only copy bytes."""

    entity: dict[str, Any]
    updated: datetime
    encoded: bytes = b""

    def json(self) -> bytes:
        if not self.encoded:
            self.encoded = json.dumps(self.entity, separators=(",", ":")).encode()
        return self.encoded


@dataclass(frozen=True)
class Replay:
    status: int
    body: bytes


@dataclass
class Company:
    realm_id: str
    country: str
    currency: tuple[str, str]  # (code, name) for CurrencyRef
    on_change: ChangeListener
    replay_limit: int = 10_000
    tables: dict[str, dict[str, Stored]] = field(default_factory=dict)
    deleted: dict[tuple[str, str], datetime] = field(default_factory=dict)
    replays: OrderedDict[str, Replay] = field(default_factory=OrderedDict)
    _last_ids: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in KINDS:
            self.tables.setdefault(name, {})

    def new_id(self, kind: str) -> str:
        self._last_ids[kind] = self._last_ids.get(kind, 0) + 1
        return str(self._last_ids[kind])

    @property
    def name(self) -> str:
        return str(self.tables["CompanyInfo"]["1"].entity["CompanyName"])

    def get(self, kind: str, entity_id: str) -> Stored | None:
        return self.tables[kind].get(entity_id)

    def entities(self, kind: str) -> Iterator[dict[str, Any]]:
        return (stored.entity for stored in self.tables[kind].values())

    def load(self, kind: str, entity: dict[str, Any]) -> dict[str, Any]:
        """Add seed data: stored as QuickBooks would, but announced to no one."""
        stamp = intuit_time()
        entity.setdefault("Id", self.new_id(kind))
        entity.update(SyncToken="0", domain="QBO", sparse=False)
        entity["MetaData"] = {"CreateTime": stamp, "LastUpdatedTime": stamp}
        self.tables[kind][entity["Id"]] = Stored(entity, now())
        return entity

    def put(self, kind: str, entity: dict[str, Any], operation: str) -> dict[str, Any]:
        """Store `entity` (Id, SyncToken and MetaData set here) and announce the change."""
        moment = now()
        stamp = intuit_time(moment)
        metadata = entity.setdefault("MetaData", {})
        metadata.setdefault("CreateTime", stamp)
        metadata["LastUpdatedTime"] = stamp
        self.tables[kind][entity["Id"]] = Stored(entity, moment)
        self.on_change(self.realm_id, kind, entity["Id"], operation, moment)
        return entity

    def remove(self, kind: str, entity_id: str) -> datetime:
        del self.tables[kind][entity_id]
        moment = now()
        self.deleted[(kind, entity_id)] = moment
        self.on_change(self.realm_id, kind, entity_id, "Delete", moment)
        return moment

    def replay(self, request_id: str) -> Replay | None:
        return self.replays.get(request_id)

    def remember(self, request_id: str, replay: Replay) -> None:
        self.replays[request_id] = replay
        while len(self.replays) > self.replay_limit:
            self.replays.popitem(last=False)

    def snapshot(self) -> dict[str, Any]:
        return {
            "realmId": self.realm_id,
            "country": self.country,
            "entities": {
                kind: [stored.entity for stored in table.values()]
                for kind, table in self.tables.items()
            },
            "deleted": [
                {"entity": kind, "Id": entity_id, "time": intuit_time(moment)}
                for (kind, entity_id), moment in self.deleted.items()
            ],
        }
