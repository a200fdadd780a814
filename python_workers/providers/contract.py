"""The server-action contract every provider implements (the original design's
`processor.ts` + `service.ts`, in Python).

A server action is an async function `(ctx, params) -> result` where params and result are
pydantic models. The worker builds the context; the action never opens its own database
connection or HTTP client, and never sees a credential it did not ask the accessor for.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

import httpx
import psycopg
from pydantic import BaseModel, ConfigDict

from python_workers.engine.progress import Progress


class ProjectIntegration(BaseModel):
    """The non-secret facts of the project integration an action runs for."""

    model_config = ConfigDict(frozen=True)

    id: UUID | None  # None for global actions (e.g. SIC reference data)
    project_id: UUID | None
    provider_key: str
    status: str | None = None
    external_account_id: str | None = None
    settings: dict[str, Any] = {}


class Credential(BaseModel):
    """A decrypted credential; held in memory only, never logged or returned."""

    model_config = ConfigDict(frozen=True)

    access_token: str | None = None
    api_key: str | None = None
    external_account_id: str | None = None
    scopes: tuple[str, ...] = ()  # the OAuth scopes granted; () when not known

    def __repr__(self) -> str:  # keep secrets out of tracebacks and logs
        return "Credential(<redacted>)"

    __str__ = __repr__


# The validation contract. Before a feature's server action runs for named records (params
# `entity_id` or `entity_ids`, with `feature`), the engine calls the feature's validation
# action (integration_features.validation_action, a client action of the provider) once
# per record with ValidationParams, the same parameters integration_send_to sends it. A
# record it refuses is not pushed (engine/validation.py); docs/engine.md describes it.

# the parameter naming the record, by the host table the feature reads (its
# default_trigger_config.entity)
RECORD_ID_PARAM: dict[str, str] = {
    "transactions": "transaction_id",
    "project_relationships": "relationship_id",
}


class ValidationParams(BaseModel):
    """What a validation action is called with: the feature's key and the record's id,
    named by RECORD_ID_PARAM (exactly one of transaction_id / relationship_id)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    feature: str
    transaction_id: str | None = None
    relationship_id: str | None = None

    @classmethod
    def for_record(cls, feature: str, host_table: str, record_id: str) -> ValidationParams:
        if host_table not in RECORD_ID_PARAM:
            raise ValueError(f"no validation contract for records of {host_table!r}")
        return cls.model_validate({"feature": feature, RECORD_ID_PARAM[host_table]: record_id})

    def sent(self) -> dict[str, Any]:
        """The jsonb object the client action receives."""
        return self.model_dump(exclude_none=True)


class Validation(BaseModel):
    """What a validation action answers: valid, the errors a person can act on
    ({code, field, message}) and data the push may use (QuickBooks: the entity to create)."""

    model_config = ConfigDict(frozen=True)

    valid: bool
    errors: list[dict[str, Any]]
    data: dict[str, Any]

    def message(self) -> str:
        return "; ".join(str(e.get("message")) for e in self.errors)


class CredentialAccessor(Protocol):
    """Reads the integration's credential (service_role) and refreshes it when needed."""

    async def get(self) -> Credential: ...

    async def refreshed(self, rejected: Credential) -> Credential:
        """A fresh credential after the provider rejected `rejected` (a 401)."""
        ...


class RateBudget(Protocol):
    """A rate budget shared by every worker on every machine (kept in PostgreSQL)."""

    def acquire(self, cost: int = 1) -> AbstractAsyncContextManager[None]: ...


@dataclass(frozen=True)
class ActionContext:
    integration: ProjectIntegration
    credentials: CredentialAccessor
    db: psycopg.AsyncConnection[Any]
    http: httpx.AsyncClient
    log: logging.LoggerAdapter[logging.Logger]
    budget: RateBudget
    sync_log_id: UUID | None = None  # the run's sync log; None outside a queued run
    # what the run finished, kept across attempts (engine/progress.py)
    progress: Progress = field(default_factory=Progress)
    # what the feature's validation action answered for each record the run names and
    # accepted, by record id (engine/validation.py): empty when the run names none
    validations: Mapping[str, Validation] = field(default_factory=dict)


ParamsT = TypeVar("ParamsT", bound=BaseModel)
ResultT = TypeVar("ResultT", bound=BaseModel)


@dataclass(frozen=True)
class ServerAction(Generic[ParamsT, ResultT]):
    """One registered action: its input model and the coroutine that performs it."""

    params_model: type[ParamsT]
    handler: Callable[[ActionContext, ParamsT], Awaitable[ResultT]]

    async def run(self, ctx: ActionContext, raw_params: dict[str, Any]) -> ResultT:
        return await self.handler(ctx, self.params_model.model_validate(raw_params))


# A provider's processor.py exports PROCESSOR: action name -> ServerAction.
Processor = dict[str, ServerAction[Any, Any]]
