"""What a run has finished, kept across its attempts.

An action that pushes many records (a whole-feature vendor run, a batch run of
transactions) notes each record's outcome here and calls `commit` once a record (or one
batch request's records) is done: the mappings it wrote, the sync log's counts so far and
the outcomes (details.progress) commit together. An attempt that fails later keeps them;
the next attempt starts from them (`done` records are not sent again) and the log's counts
always match what the provider holds. Outcomes: created, linked, updated, unchanged,
skipped, failed (a refusal no retry cures, with its error). A note says which provider
record a record was linked to or kept as it was (details.linked / details.kept).

Between commits the run's statements still commit before each provider call (run_db.py);
`commit` is what groups a record's mapping with the log's counts and frees the records the
run held. Outside a queued run there is nothing to save: the caller owns the transaction.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from python_workers.engine.outcome import SyncCounts
from python_workers.engine.run_db import RunDatabase

SAVE_SQL = """
update public.integration_sync_logs as l
set records_processed = %(processed)s, records_created = %(created)s,
    records_updated = %(updated)s, records_linked = %(linked)s, records_skipped = %(skipped)s,
    records_failed = %(failed)s,
    details = l.details || jsonb_build_object('progress', %(progress)s::jsonb)
where l.id = %(log_id)s
"""


def note_key(change: str) -> str:
    """Where a record's note goes in the log's details: `linked` when it was linked to an
    existing provider record, `kept` when that record was left as the provider holds it."""
    return "linked" if change == "linked" else "kept"


class Progress:
    def __init__(
        self,
        db: RunDatabase | None = None,
        log_id: UUID | None = None,
        saved: dict[str, Any] | None = None,
    ) -> None:
        saved = saved or {}
        self._db = db
        self._log_id = log_id
        self.changes: dict[str, str] = dict(saved.get("changes", {}))
        self.errors: dict[str, dict[str, Any]] = dict(saved.get("errors", {}))
        self.external_ids: dict[str, str] = dict(saved.get("external_ids", {}))
        self.notes: dict[str, dict[str, str]] = {
            key: dict(notes) for key, notes in saved.get("notes", {}).items()
        }
        self.planned: list[str] = list(saved.get("pending", []))
        self.committed = self.counts()  # as the log holds them (what a failed attempt keeps)

    def done(self, record_id: str) -> bool:
        return record_id in self.changes

    def plan(self, record_ids: list[str]) -> list[str]:
        """The records this attempt will do: those not done by an earlier one. Until they
        are, a run that gives up counts them failed (logs.py)."""
        self.planned = [i for i in record_ids if not self.done(i)]
        return self.planned

    def add(
        self,
        record_id: str,
        change: str,
        external_id: str | None = None,
        note: str | None = None,
    ) -> None:
        self.changes[record_id] = change
        if external_id:
            self.external_ids[record_id] = external_id
        if note:
            self.notes.setdefault(note_key(change), {})[record_id] = note

    def fail(self, record_id: str, code: str, message: str) -> None:
        self.changes[record_id] = "failed"
        self.errors[record_id] = {"entity_id": record_id, "code": code, "message": message}

    def counts(self, **details: Any) -> SyncCounts:
        seen = list(self.changes.values())
        return SyncCounts(
            records_processed=len(seen),
            records_created=seen.count("created"),
            records_updated=seen.count("updated"),
            records_linked=seen.count("linked"),
            records_skipped=seen.count("unchanged") + seen.count("skipped"),
            records_failed=seen.count("failed"),
            details={
                "changes": dict(self.changes),
                "errors": list(self.errors.values()),
                "external_ids": dict(self.external_ids),
                **self.notes,
                **details,
            },
        )

    async def commit(self) -> None:
        """Commits the counts and outcomes so far with what the run wrote since its last
        provider call (nothing to do outside a queued run)."""
        if self._db is None or self._log_id is None:
            return
        counts = self.counts()
        await self._db.execute(
            SAVE_SQL,
            {
                "log_id": self._log_id,
                "processed": counts.records_processed,
                "created": counts.records_created,
                "updated": counts.records_updated,
                "linked": counts.records_linked,
                "skipped": counts.records_skipped,
                "failed": counts.records_failed,
                "progress": Jsonb(
                    {"changes": self.changes, "errors": self.errors,
                     "external_ids": self.external_ids, "notes": self.notes,
                     "pending": [i for i in self.planned if not self.done(i)]}
                ),
            },
        )  # fmt: skip
        await self._db.commit()
        self.committed = counts
