"""The catalogue and the code agree: the provider specs found are the catalogue's providers;
every client action the catalogue names is a SQL function with the agreed signature that
runs through the dispatcher; every server action the catalogue or a feature names is
registered in Python, and nothing else is; names are unique. A provider that misses pieces
is reported piece by piece. (What else each provider needs, and the fixture provider with
faults planted: test_provider_conformance.py.)"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator

import psycopg
import pytest
from pydantic import BaseModel

from python_workers.providers import SERVER_PROCESSORS, load_processor
from python_workers.providers.conformance import (
    client_action_problems,
    dispatch_problems,
    installed_client_actions,
    read_catalogue,
    rpc_sources,
    server_action_problems,
    unreachable_action_problems,
)
from python_workers.providers.contract import ActionContext, ServerAction
from python_workers.providers.readiness import spec_problems
from tests.testdb import Database


@pytest.fixture
def admin(db: Database) -> Iterator[psycopg.Connection]:
    with psycopg.connect(db.admin_url, autocommit=True) as conn:
        yield conn


def test_the_specs_found_are_the_catalogue_providers(admin: psycopg.Connection) -> None:
    assert spec_problems(read_catalogue(admin)) == []


def test_every_catalogue_client_action_is_a_sql_function(admin: psycopg.Connection) -> None:
    catalogue = read_catalogue(admin)
    assert client_action_problems(catalogue, installed_client_actions(admin)) == []


def test_every_client_action_runs_through_the_dispatcher(admin: psycopg.Connection) -> None:
    assert dispatch_problems(admin, read_catalogue(admin)) == []


def test_every_server_action_is_registered(admin: psycopg.Connection) -> None:
    assert server_action_problems(read_catalogue(admin)) == []


def test_every_registered_server_action_is_started_by_a_feature_or_an_rpc(
    admin: psycopg.Connection,
) -> None:
    assert unreachable_action_problems(read_catalogue(admin), rpc_sources(admin)) == []


def test_registry_knows_only_catalogue_providers_and_loads_them(admin: psycopg.Connection) -> None:
    catalogue = read_catalogue(admin)
    assert set(SERVER_PROCESSORS) == {p.key for p in catalogue}
    for provider in catalogue:
        assert isinstance(load_processor(provider.key), dict)


class _Nothing(BaseModel):
    pass


async def _handler(ctx: ActionContext, params: _Nothing) -> _Nothing:
    return params


@pytest.fixture
def acme(admin: psycopg.Connection) -> Iterator[str]:
    """A provider 'acme' that misses pieces on both sides (the module is its processor)."""
    admin.execute(
        """
        insert into public.integration_providers
            (key, name, auth_method, credential_scope, client_actions, server_actions, sort_order)
        values ('acme', 'Acme', 'none', 'global', '{validate_widget,validate_widget,lookup}',
                '{testConnection,acme_pull}', 99);
        insert into public.integration_features
            (provider_id, key, name, default_trigger, default_trigger_config, sync_direction,
             entity_type, server_action, validation_action)
        select id, 'widgets', 'Widgets', 'on_manual', '{"entity": "transactions"}', 'outbound',
               'widget', 'acme_push', 'check_widget'
        from public.integration_providers where key = 'acme';
        create function client_actions.acme__lookup(p_params text) returns jsonb
        language sql as $$ select '{}'::jsonb $$;
        create function client_actions.acme__orphan(p_params jsonb) returns jsonb
        language sql as $$ select '{}'::jsonb $$;
        """
    )
    module = types.ModuleType("acme_processor")
    module.PROCESSOR = {  # type: ignore[attr-defined]
        "testConnection": ServerAction(_Nothing, _handler),
        "stray": ServerAction(_Nothing, _handler),
    }
    sys.modules["acme_processor"] = module
    yield "acme_processor"
    del sys.modules["acme_processor"]


def test_a_provider_missing_pieces_is_reported_exactly(
    admin: psycopg.Connection, acme: str
) -> None:
    catalogue = read_catalogue(admin)
    installed = installed_client_actions(admin)

    # the real providers conform, so every problem is acme's
    assert client_action_problems(catalogue, installed) == [
        "acme: client action 'validate_widget' is listed more than once",
        "acme: client action 'validate_widget' has no SQL function "
        "client_actions.acme__validate_widget(p_params jsonb) returns jsonb",
        "acme: client_actions.acme__lookup is (p_params text) returns jsonb, "
        "not (p_params jsonb) returns jsonb",
        "acme: feature 'widgets' is guarded by 'check_widget', "
        "which is not one of its client actions",
        "client_actions.acme__orphan is installed but no provider's catalogue row lists it",
    ]
    catalogue = [p for p in catalogue if p.key == "acme"]
    assert server_action_problems(catalogue, {"acme": acme, "zeta": acme}) == [
        "acme: feature 'widgets' runs 'acme_push', "
        "which the catalogue's server_actions do not list",
        "acme: server action 'acme_pull' (the catalogue) is not registered in acme_processor: "
        "add it to PROCESSOR there (or correct the catalogue's name)",
        "acme: server action 'acme_push' (feature 'widgets') is not registered in "
        "acme_processor: add it to PROCESSOR there (or correct the catalogue's name)",
        "acme: 'stray' is registered in acme_processor but the catalogue does not list it",
        "zeta: a server processor is registered but the catalogue has no such provider",
    ]
    assert server_action_problems(catalogue, {}) == [
        "acme: feature 'widgets' runs 'acme_push', "
        "which the catalogue's server_actions do not list",
        "acme: no server processor registered: its spec "
        "(python_workers/providers/acme/__init__.py, SPEC.processor) names the module whose "
        "PROCESSOR registers its actions (docs/contributing.md, Add a provider)",
    ]


def test_a_registered_action_nothing_starts_is_reported(
    admin: psycopg.Connection, acme: str
) -> None:
    catalogue = [p for p in read_catalogue(admin) if p.key == "acme"]
    # testConnection is started by the connect flow; 'stray' by nothing
    assert unreachable_action_problems(catalogue, rpc_sources(admin), {"acme": acme}) == [
        "acme: server action 'stray' is registered in acme_processor "
        "but no feature or RPC starts it"
    ]
    admin.execute(
        "create function public.acme_stray() returns text language sql as $$ select 'stray' $$;"
        " grant execute on function public.acme_stray() to authenticated"
    )
    assert unreachable_action_problems(catalogue, rpc_sources(admin), {"acme": acme}) == []


def test_the_dispatcher_check_reports_an_action_it_cannot_run(
    admin: psycopg.Connection, acme: str
) -> None:
    admin.execute(
        "update public.integration_providers set client_actions = '{lookup}' where key = 'acme'"
    )
    admin.execute("drop function client_actions.acme__lookup(text)")
    admin.execute(
        "create function client_actions.acme__lookup(p_params jsonb) returns jsonb"
        " language sql as $$ select (1 / 0)::text::jsonb $$"
    )
    catalogue = [p for p in read_catalogue(admin) if p.key == "acme"]
    assert dispatch_problems(admin, catalogue) == [
        "acme: the dispatcher cannot run client action 'lookup': 22012 division by zero"
    ]
