"""Parameter and result models every provider shares, so each action names what it reads
from a run's params in one vocabulary (the triggers and RPCs of the migrations write them).

Extra keys are ignored: a run's params may carry keys meant for another action of the same
feature (the engine's validation contract, providers/contract.py, reads `feature` and the
record ids from the same params).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class NoParams(BaseModel):
    """An action that reads nothing from its params (reference data, polls, tests)."""

    model_config = ConfigDict(extra="ignore")


class RecordParams(BaseModel):
    """A run for a feature's records: one (entity_id), a batch (entity_ids) or, with
    neither, every record the feature takes."""

    model_config = ConfigDict(extra="ignore")

    feature: str | None = None
    entity_id: str | None = None
    entity_ids: list[str] | None = None


class ConnectionTestResult(BaseModel):
    """What a per-project testConnection found (never a secret)."""

    account_id: str | None = None
    account_name: str | None = None
