"""The engine's check before a push: a feature's validation action, run for every record
a run names before the feature's server action sees it (the validation contract in
providers/contract.py; docs/engine.md "Validation before a push").

The validation action is the provider's client action the client app calls before Send
To (integration_send_to runs it too): one rule, one place, run again here because a
record may change between the click and the run. For a run of the feature's server
action (integration_features.server_action; not a verify run) that names records:
- each must be the run's project's (HostRecords: not_in_project, before anything else);
- one record (entity_id) the action refuses fails the run with not_sendable, its errors
  in the log's details.errors;
- in a batch (entity_ids) each refused record fails alone (progress: not_sendable) and
  the rest go on;
- the answers for the accepted records reach the action as ctx.validations.
A run for the whole feature names no record: its action finds them and calls
`validate_found_records` for them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, cast

import psycopg
from psycopg.types.json import Jsonb

from python_workers.engine.host_records import NOUN, HostRecords, HostTable
from python_workers.providers.contract import (
    RECORD_ID_PARAM,
    ActionContext,
    ServerAction,
    Validation,
    ValidationParams,
)
from python_workers.providers.errors import ProviderError
from python_workers.providers.params import RecordParams

FEATURE_SQL = """
select p.name, f.validation_action, f.default_trigger_config ->> 'entity'
from public.integration_features as f
inner join public.integration_providers as p on p.id = f.provider_id
where p.key = %s and f.key = %s and f.server_action = %s and f.validation_action is not null
"""

VALIDATE_SQL = """
select public.integration_client_action(%s, %s, p.value)
from jsonb_array_elements(%s) with ordinality as p (value, n) order by p.n
"""


@dataclass(frozen=True)
class FeatureValidation:
    """A feature's validation action, as the catalogue names it."""

    provider_key: str
    provider_name: str
    feature: str
    action: str
    host_table: HostTable


async def feature_validation(
    db: psycopg.AsyncConnection[Any], provider_key: str, feature: str, action: str
) -> FeatureValidation | None:
    """The validation `action` runs after as `feature`'s server action; None when the
    feature validates nothing or `action` is not its server action (a verify run)."""
    cursor = await db.execute(FEATURE_SQL, (provider_key, feature, action))
    row = await cursor.fetchone()
    if row is None:
        return None
    name, action, host_table = row
    if host_table not in RECORD_ID_PARAM:
        raise ProviderError(
            "validation_unavailable",
            f"{provider_key}.{feature} names validation action {action!r} for records of "
            f"{host_table!r}, which the validation contract does not cover",
        )
    return FeatureValidation(provider_key, name, feature, action, cast(HostTable, host_table))


async def validate_records(
    db: psycopg.AsyncConnection[Any], check: FeatureValidation, ids: list[str]
) -> list[Validation]:
    """The validation action's answer for each of `ids`, in order, in one statement."""
    sent = [ValidationParams.for_record(check.feature, check.host_table, i).sent() for i in ids]
    cursor = await db.execute(VALIDATE_SQL, (check.provider_key, check.action, Jsonb(sent)))
    return [Validation.model_validate(row[0]) for row in await cursor.fetchall()]


def refusal(check: FeatureValidation, validation: Validation) -> ProviderError:
    """The error of a record its validation action refused."""
    return ProviderError(
        "not_sendable",
        f"{check.provider_name} cannot take this {NOUN[check.host_table]}: {validation.message()}",
        {"errors": validation.errors},
    )


async def validated(ctx: ActionContext, action: str, params: RecordParams) -> ActionContext:
    """`ctx` with the validations of the records `params` names for server action
    `action` (see the module's docstring); `ctx` itself when there is nothing to validate."""
    if params.feature is None or (params.entity_id is None and params.entity_ids is None):
        return ctx
    check = await feature_validation(ctx.db, ctx.integration.provider_key, params.feature, action)
    if check is None:
        return ctx
    named = [params.entity_id] if params.entity_id is not None else params.entity_ids or []
    await HostRecords.of(ctx).require(check.host_table, named)
    todo = [i for i in named if not ctx.progress.done(i)]
    answers = await validate_records(ctx.db, check, todo)
    passed: dict[str, Validation] = {}
    for record_id, validation in zip(todo, answers, strict=True):
        if validation.valid:
            passed[record_id] = validation
        elif params.entity_id is not None:
            raise refusal(check, validation)
        else:
            ctx.progress.fail(record_id, "not_sendable", validation.message())
    return dataclasses.replace(ctx, validations=passed)


def validating(name: str, action: ServerAction[Any, Any]) -> ServerAction[Any, Any]:
    """Server action `name`, run after the validation of the records its params name.
    Actions whose params are not RecordParams name no records of a feature: they run as
    they are."""
    if not issubclass(action.params_model, RecordParams):
        return action

    async def handler(ctx: ActionContext, params: Any) -> Any:
        return await action.handler(await validated(ctx, name, params), params)

    return ServerAction(action.params_model, handler)


def accepted(ctx: ActionContext, record_id: str) -> Validation:
    """What the validation action answered for a record the run names; a run without its
    feature was never validated, and is refused rather than pushed unchecked."""
    validation = ctx.validations.get(record_id)
    if validation is None:
        raise ProviderError(
            "not_validated",
            f"record {record_id} was not validated before the push: the run must name its "
            "feature (params.feature)",
        )
    return validation


async def validate_found_records(
    ctx: ActionContext, feature: str, action: str, ids: list[str]
) -> list[Validation]:
    """For a whole-feature run of server action `action`, which finds its records itself:
    each one's answer (every record is valid when the feature validates nothing)."""
    check = await feature_validation(ctx.db, ctx.integration.provider_key, feature, action)
    if check is None:
        return [Validation(valid=True, errors=[], data={}) for _ in ids]
    return await validate_records(ctx.db, check, ids)
