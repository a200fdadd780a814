"""The engine runs a feature's validation action before the feature's server action, for
any provider: here the engine tests' own provider (no QuickBooks code involved), whose
`vendors` feature is guarded by a client action of its own. A record it refuses fails the
run with not_sendable before the action starts; one it accepts reaches the action with the
validation's answer; the validation action is sent exactly the documented parameters
(providers/contract.py ValidationParams)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from tests.py.engine.world import Workers, World

# The guard: refuses relationships named "Refused…", and answers with the params it was
# sent so the test can hold the engine to the contract.
GUARD_SQL = """
create function client_actions.testing__validate_thing(p_params jsonb)
returns jsonb
language sql stable
set search_path = ''
as $$
    select pg_catalog.jsonb_build_object(
        'valid', r.display_name not like 'Refused%',
        'errors', case when r.display_name like 'Refused%' then pg_catalog.jsonb_build_array(
            pg_catalog.jsonb_build_object('code', 'refused', 'field', 'display_name',
                'message', r.display_name || ' cannot be sent'))
            else '[]'::jsonb end,
        'data', pg_catalog.jsonb_build_object('sent', p_params)
    )
    from public.project_relationships as r
    where r.id = (p_params ->> 'relationship_id')::uuid
$$
"""


@pytest.fixture
def guarded(world: World) -> World:
    world.sql(GUARD_SQL)
    world.sql(
        "update public.integration_providers set client_actions = '{validate_thing}'"
        " where key = 'testing'"
    )
    world.sql(
        "update public.integration_features set validation_action = 'validate_thing' where id = %s",
        (world.features["vendors"],),
    )
    return world


def _relationship(world: World, name: str) -> str:
    [row] = world.sql(
        "insert into public.project_relationships (project_id, entity_type, display_name)"
        " values (%s, 'Business', %s) returning id::text",
        (world.project_id, name),
    )
    return str(row["id"])


def _run(
    world: World, workers: Workers, record_id: str | None, **params: Any
) -> tuple[UUID, dict[str, Any]]:
    workers.start()
    log_id = world.enqueue("vendors", record_id, **params)
    [log] = world.wait_final([log_id])
    return log_id, log


def test_a_refused_record_fails_the_run_before_the_action_starts(
    guarded: World, workers: Workers
) -> None:
    refused = _relationship(guarded, "Refused Supplies")
    log_id, log = _run(guarded, workers, refused)
    assert (log["status"], log["error_code"], log["attempt"]) == ("failed", "not_sendable", 1)
    assert log["error_message"] == (
        "Test provider cannot take this relationship: Refused Supplies cannot be sent"
    )
    [attempt] = log["details"]["attempts"]
    assert attempt["error_details"]["errors"] == [
        {"code": "refused", "field": "display_name", "message": "Refused Supplies cannot be sent"}
    ]
    assert guarded.starts(log_id) == []


def test_an_accepted_record_reaches_the_action_with_the_validations_answer(
    guarded: World, workers: Workers
) -> None:
    accepted = _relationship(guarded, "Oakwood Timber")
    log_id, log = _run(guarded, workers, accepted)
    assert log["status"] == "success", log["error_message"]
    [start] = guarded.starts(log_id)
    # the contract: the feature's key and the record as relationship_id, nothing else
    sent = {"feature": "vendors", "relationship_id": accepted}
    assert start["validated"] == {accepted: {"sent": sent}}


def test_in_a_batch_a_refused_record_fails_alone_and_the_rest_go_on(
    guarded: World, workers: Workers
) -> None:
    accepted = _relationship(guarded, "Oakwood Timber")
    refused = _relationship(guarded, "Refused Supplies")
    log_id, log = _run(guarded, workers, None, entity_ids=[accepted, refused])
    assert log["status"] == "partial_success", log["error_message"]
    counts = (log["records_processed"], log["records_created"], log["records_failed"])
    assert counts == (2, 1, 1)
    assert log["details"]["errors"] == [
        {"entity_id": refused, "code": "not_sendable",
         "message": "Refused Supplies cannot be sent"},
    ]  # fmt: skip
    assert list(guarded.starts(log_id)[0]["validated"]) == [accepted]


def test_a_feature_without_a_validation_action_runs_unchecked(
    world: World, workers: Workers
) -> None:
    record_id = _relationship(world, "Refused Supplies")
    log_id, log = _run(world, workers, record_id)
    assert log["status"] == "success", log["error_message"]
    assert world.starts(log_id)[0]["validated"] == {}
