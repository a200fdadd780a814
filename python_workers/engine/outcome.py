"""What a finished action's result says about the run: its counts and so its status.

A server action's result model may extend SyncCounts; the engine copies the counts, the
external id and the details (non-secret facts) onto the sync log. Status: success when no
record failed; partial_success when some did; failed when every record processed failed.
A result without counts is a success of nothing counted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field


class SyncCounts(BaseModel):
    records_processed: int = Field(default=0, ge=0)
    records_created: int = Field(default=0, ge=0)
    records_updated: int = Field(default=0, ge=0)
    records_linked: int = Field(default=0, ge=0)  # mapped to a provider record left as it was
    records_skipped: int = Field(default=0, ge=0)
    records_failed: int = Field(default=0, ge=0)
    external_id: str | None = None
    details: dict[str, Any] = {}


@dataclass(frozen=True)
class Outcome:
    status: str
    counts: SyncCounts
    error_code: str | None
    error_message: str | None


def outcome_of(result: BaseModel) -> Outcome:
    counts = result if isinstance(result, SyncCounts) else SyncCounts()
    failed, processed = counts.records_failed, counts.records_processed
    if failed == 0:
        return Outcome("success", counts, None, None)
    message = f"{failed} of {max(processed, failed)} records failed"
    if failed >= processed:
        return Outcome("failed", counts, "records_failed", message)
    return Outcome("partial_success", counts, "records_failed", message)
