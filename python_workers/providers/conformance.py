"""Do the catalogue and the code agree? The original design's two registries, checked.

The catalogue (integration_providers.client_actions / server_actions, and each feature's
server_action and validation_action) names what every provider does. Client actions must
exist as `client_actions.<provider>__<action>(p_params jsonb) returns jsonb` and run
through `integration_client_action`; server actions must be registered in the provider's
processor (the module its spec names, SPEC.processor). Each
check returns one sentence per problem, naming the provider and exactly what is missing or
extra. What else a working provider needs (its spec, OAuth, permission, budget, sandbox,
validation contract) is checked by readiness.py.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import psycopg

from python_workers.providers.registry import GUIDE, spec_or_problem

CLIENT_SCHEMA = "client_actions"
CLIENT_SIGNATURE = "(p_params jsonb) returns jsonb"


@dataclass(frozen=True)
class Feature:
    key: str
    server_action: str | None
    validation_action: str | None
    entity: str | None = None  # the host table it reads (default_trigger_config.entity)


@dataclass(frozen=True)
class Provider:
    key: str
    client_actions: tuple[str, ...]
    server_actions: tuple[str, ...]
    features: tuple[Feature, ...]
    auth_method: str = "none"


def read_catalogue(conn: psycopg.Connection[Any]) -> list[Provider]:
    rows = conn.execute(
        """
        select p.key, p.client_actions, p.server_actions, p.auth_method,
               coalesce(array_agg(array[f.key, f.server_action, f.validation_action,
                                        f.default_trigger_config ->> 'entity']
                                  order by f.sort_order, f.key)
                        filter (where f.id is not null), '{}')
        from public.integration_providers as p
        left join public.integration_features as f on f.provider_id = p.id and f.is_active
        where p.is_active
        group by p.id
        order by p.sort_order, p.key
        """
    ).fetchall()
    return [
        Provider(
            key,
            tuple(client),
            tuple(server),
            tuple(Feature(f[0], f[1], f[2], f[3]) for f in features),
            auth_method,
        )
        for key, client, server, auth_method, features in rows
    ]


def installed_client_actions(conn: psycopg.Connection[Any]) -> dict[str, str]:
    """Function name -> its signature, for every function in the client_actions schema."""
    rows = conn.execute(
        """
        select p.proname,
               '(' || pg_get_function_identity_arguments(p.oid) || ') returns '
               || format_type(p.prorettype, null)
        from pg_proc as p
        where p.pronamespace = %s::regnamespace
        """,
        (CLIENT_SCHEMA,),
    ).fetchall()
    return dict(rows)


def _duplicates(names: Iterable[str]) -> list[str]:
    return sorted(name for name, count in Counter(names).items() if count > 1)


def client_action_problems(catalogue: list[Provider], installed: Mapping[str, str]) -> list[str]:
    problems: list[str] = []
    expected: set[str] = set()
    for provider in catalogue:
        for name in _duplicates(provider.client_actions):
            problems.append(f"{provider.key}: client action {name!r} is listed more than once")
        for action in dict.fromkeys(provider.client_actions):
            function = f"{provider.key}__{action}"
            expected.add(function)
            if function not in installed:
                problems.append(
                    f"{provider.key}: client action {action!r} has no SQL function "
                    f"{CLIENT_SCHEMA}.{function}{CLIENT_SIGNATURE}"
                )
            elif installed[function] != CLIENT_SIGNATURE:
                problems.append(
                    f"{provider.key}: {CLIENT_SCHEMA}.{function} is {installed[function]}, "
                    f"not {CLIENT_SIGNATURE}"
                )
        for feature in provider.features:
            if (
                feature.validation_action
                and feature.validation_action not in provider.client_actions
            ):
                problems.append(
                    f"{provider.key}: feature {feature.key!r} is guarded by "
                    f"{feature.validation_action!r}, which is not one of its client actions"
                )
    for function in sorted(set(installed) - expected):
        problems.append(
            f"{CLIENT_SCHEMA}.{function} is installed but no provider's catalogue row lists it"
        )
    return problems


def dispatch_problems(conn: psycopg.Connection[Any], catalogue: list[Provider]) -> list[str]:
    """Every installed client action runs through the dispatcher: a result, or PB422 for {}."""
    installed = installed_client_actions(conn)
    problems: list[str] = []
    for provider in catalogue:
        for action in provider.client_actions:
            if f"{provider.key}__{action}" not in installed:
                continue  # reported by client_action_problems
            try:
                with conn.transaction(force_rollback=True):
                    conn.execute(
                        "select public.integration_client_action(%s, %s, '{}')",
                        (provider.key, action),
                    )
            except psycopg.Error as error:
                if error.sqlstate != "PB422":
                    problems.append(
                        f"{provider.key}: the dispatcher cannot run client action {action!r}: "
                        f"{error.sqlstate} {error.diag.message_primary}"
                    )
    return problems


def spec_processors(catalogue: Iterable[Provider]) -> dict[str, str]:
    """Provider key -> its processor module, for the catalogue providers whose spec loads
    (readiness.spec_problems reports the others)."""
    specs = {provider.key: spec_or_problem(provider.key) for provider in catalogue}
    return {key: spec.processor for key, spec in specs.items() if not isinstance(spec, str)}


def server_action_problems(
    catalogue: list[Provider], registry: Mapping[str, str] | None = None
) -> list[str]:
    modules = spec_processors(catalogue) if registry is None else registry
    problems: list[str] = []
    for provider in catalogue:
        if registry is None and provider.key not in modules:
            continue  # its spec does not load: readiness.spec_problems says why
        problems.extend(_provider_server_problems(provider, modules.get(provider.key)))
    known = {provider.key for provider in catalogue}
    for key in sorted(set(modules) - known):
        problems.append(
            f"{key}: a server processor is registered but the catalogue has no such provider"
        )
    return problems


def _provider_server_problems(provider: Provider, module_name: str | None) -> list[str]:
    problems = [
        f"{provider.key}: server action {name!r} is listed more than once"
        for name in _duplicates(provider.server_actions)
    ]
    for feature in provider.features:
        if feature.server_action and feature.server_action not in provider.server_actions:
            problems.append(
                f"{provider.key}: feature {feature.key!r} runs {feature.server_action!r}, "
                "which the catalogue's server_actions do not list"
            )
    if module_name is None:
        return [
            *problems,
            f"{provider.key}: no server processor registered: its spec "
            f"(python_workers/providers/{provider.key}/__init__.py, SPEC.processor) names the "
            f"module whose PROCESSOR registers its actions ({GUIDE})",
        ]
    try:
        registered = set(importlib.import_module(module_name).PROCESSOR)
    except (ImportError, AttributeError) as error:
        return [
            *problems,
            f"{provider.key}: its processor {module_name} cannot be loaded ({error}): "
            "add that module, exporting PROCESSOR (action name -> ServerAction)",
        ]
    named = dict.fromkeys(provider.server_actions, "the catalogue")
    for feature in provider.features:
        if feature.server_action:
            named.setdefault(feature.server_action, f"feature {feature.key!r}")
    for action, named_by in named.items():
        if action not in registered:
            problems.append(
                f"{provider.key}: server action {action!r} ({named_by}) is not registered "
                f"in {module_name}: add it to PROCESSOR there (or correct the catalogue's name)"
            )
    for action in sorted(registered - set(named)):
        problems.append(
            f"{provider.key}: {action!r} is registered in {module_name} "
            "but the catalogue does not list it"
        )
    return problems


# Server actions a person starts otherwise than through a sync RPC, and how.
STARTED_ELSEWHERE = {
    "testConnection": "the connect flow (functions/ OAuth callback) and `plugboard credentials`",
}


def rpc_sources(conn: psycopg.Connection[Any]) -> str:
    """The bodies of every public function a signed-in user may call (the RPCs)."""
    row = conn.execute(
        """
        select coalesce(string_agg(p.prosrc, e'\\n'), '')
        from pg_proc as p
        where p.pronamespace = 'public'::regnamespace
            and has_function_privilege('authenticated', p.oid, 'execute')
        """
    ).fetchone()
    assert row is not None
    return str(row[0])


def unreachable_action_problems(
    catalogue: list[Provider], rpcs: str, registry: Mapping[str, str] | None = None
) -> list[str]:
    """Every action registered in Python is run by an active feature (integration_request_sync,
    integration_send_to, `plugboard sync`), queued by an RPC that names it, or started
    elsewhere (STARTED_ELSEWHERE); one sentence per action nothing starts."""
    modules = spec_processors(catalogue) if registry is None else registry
    problems: list[str] = []
    for provider in catalogue:
        module_name = modules.get(provider.key)
        if module_name is None:
            continue  # reported by server_action_problems
        featured = {feature.server_action for feature in provider.features}
        try:
            registered = importlib.import_module(module_name).PROCESSOR
        except (ImportError, AttributeError):
            continue  # reported by server_action_problems
        for action in registered:
            if action in featured or action in STARTED_ELSEWHERE or f"'{action}'" in rpcs:
                continue
            problems.append(
                f"{provider.key}: server action {action!r} is registered in {module_name} "
                "but no feature or RPC starts it"
            )
    return problems
