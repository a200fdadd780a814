"""What a working provider needs beyond action names that agree (conformance.py), checked
for each catalogue provider: a spec found by its key (and no spec the catalogue lacks);
its URL settings in its settings model; OAuth configuration when its auth_method is
oauth2, naming one way to find the connected account; its `integration:sync:<key>`
permission; a rate budget or an explicit NO_BUDGET;
`testConnection` in its catalogue row; each feature's validation action accepting what the
engine sends it (contract.ValidationParams); a sandbox that starts and answers.

Each problem is one sentence naming the provider, what to add and where; docs/contributing.md
"Add a provider" is the same list in the order a contributor works through it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any
from uuid import uuid4

import httpx
import psycopg
from pydantic import ValidationError

from python_workers.providers.budgets import budget_factory
from python_workers.providers.conformance import Feature, Provider
from python_workers.providers.contract import RECORD_ID_PARAM, Validation, ValidationParams
from python_workers.providers.registry import (
    extra_modules,
    package_keys,
    spec_of_module,
    spec_or_problem,
)
from python_workers.providers.spec import NoBudget, ProviderSpec
from sandboxes.common.server import RunningSandbox

# Any redirect URI builds a provider's OAuth configuration; this one is never called.
REDIRECT_URI = "http://conformance.invalid/oauth/callback"
EXAMPLES = "python_workers/providers/quickbooks/ and hmrc/ are examples"


def _found_keys() -> tuple[list[str], list[str]]:
    """(keys of the specs found, problems loading PLUGBOARD_EXTRA_PROVIDERS modules)."""
    keys, problems = list(package_keys()), []
    for module_name in extra_modules():
        try:
            keys.append(spec_of_module(module_name).key)
        except Exception as error:  # reported, not raised
            problems.append(f"{module_name} (PLUGBOARD_EXTRA_PROVIDERS) cannot be loaded: {error}")
    return keys, problems


def spec_problems(catalogue: Iterable[Provider]) -> list[str]:
    """The specs found and the catalogue name the same providers; sandbox ports differ."""
    known = {provider.key for provider in catalogue}
    problems: list[str] = []
    specs: list[ProviderSpec[Any]] = []
    for key in sorted(known):
        loaded = spec_or_problem(key)
        if isinstance(loaded, str):
            problems.append(loaded)
        else:
            specs.append(loaded)
    keys, problems_loading = _found_keys()
    problems.extend(problems_loading)
    for key in sorted(set(keys) - known):
        problems.append(
            f"{key}: a provider spec exists but the catalogue has no active provider {key!r}: "
            "register it with private.register_provider (docs/catalogue.md)"
        )
    offsets = Counter(spec.sandbox.port_offset for spec in specs)
    for spec in specs:
        if offsets[spec.sandbox.port_offset] > 1:
            problems.append(
                f"{spec.key}: its sandbox's port_offset {spec.sandbox.port_offset} is another "
                "provider's too: give it one of its own"
            )
    return problems


def readiness_problems(conn: psycopg.Connection[Any], provider: Provider) -> list[str]:
    """What `provider` lacks to work (its sandbox aside: sandbox_problems starts it)."""
    spec = spec_or_problem(provider.key)
    if isinstance(spec, str):
        return []  # reported by spec_problems
    return [
        *settings_problems(spec),
        *oauth_problems(provider, spec),
        *permission_problems(conn, provider),
        *budget_problems(spec),
        *connection_test_problems(provider),
        *validation_problems(conn, provider),
    ]


def settings_problems(spec: ProviderSpec[Any]) -> list[str]:
    """Every URL setting its sandbox stands in for is a field of its settings model."""
    fields = spec.settings.model_fields
    return [
        f"{spec.key}: SandboxSpec.urls names {setting}, which its settings model "
        f"{spec.settings.__name__} has no field {setting.lower()!r} for: add it there"
        for setting in spec.sandbox.urls
        if setting.lower() not in fields
    ]


def oauth_problems(provider: Provider, spec: ProviderSpec[Any]) -> list[str]:
    key = provider.key
    if spec.oauth is None:
        if provider.auth_method != "oauth2":
            return []
        return [
            f"{key}: its auth_method is oauth2 but its spec has no OAuth configuration: set "
            f"SPEC.oauth to a function (settings, redirect URI) -> OAuthProvider, in "
            f"python_workers/providers/{key}/oauth.py ({EXAMPLES})"
        ]
    if provider.auth_method != "oauth2":
        return [
            f"{key}: its spec has an OAuth configuration but its auth_method is "
            f"{provider.auth_method!r}: register it with auth_method oauth2, or set SPEC.oauth "
            "to None"
        ]
    try:
        oauth = spec.oauth_provider(REDIRECT_URI)
    except Exception as error:  # the builder's own failure is the report
        return [f"{key}: its OAuth configuration cannot be built ({type(error).__name__}: {error})"]
    assert oauth is not None
    problems = []
    if oauth.key != key:
        problems.append(f"{key}: its OAuth configuration says key={oauth.key!r}: make it {key!r}")
    sources = oauth.account_sources()
    if not sources:
        problems.append(
            f"{key}: its OAuth configuration names no way to find the connected account: set "
            "account_param (the callback's query parameter naming it), account_setting (the "
            "project setting naming it) or find_account (an async hook asking the provider's "
            f"API after the token exchange) in python_workers/providers/{key}/oauth.py"
        )
    elif len(sources) > 1:
        problems.append(
            f"{key}: its OAuth configuration names {' and '.join(sources)}: keep one way to "
            "find the connected account"
        )
    return problems


def permission_problems(conn: psycopg.Connection[Any], provider: Provider) -> list[str]:
    permission = f"integration:sync:{provider.key}"
    row = conn.execute(
        "select exists (select from public.permissions where key = %s)", (permission,)
    ).fetchone()
    if row and row[0]:
        return []
    return [
        f"{provider.key}: the permission {permission} does not exist (the sync RPCs require "
        "it): register the provider with private.register_provider, which creates it "
        "(docs/catalogue.md)"
    ]


def budget_problems(spec: ProviderSpec[Any]) -> list[str]:
    where = f"SPEC.budget of {spec.key}"
    if isinstance(spec.budget, NoBudget):
        return []
    if not isinstance(spec.budget, str):
        return [
            f"{spec.key}: {where} is {spec.budget!r}: name its rate budget factory "
            '("module:function", see python_workers/providers/budgets.py) or say NO_BUDGET'
        ]
    try:
        budget_factory(spec.budget)
    except (ImportError, LookupError) as error:
        return [
            f"{spec.key}: {where} {spec.budget!r} cannot be loaded ({error}): name a "
            '"module:function" rate budget factory or say NO_BUDGET'
        ]
    return []


def connection_test_problems(provider: Provider) -> list[str]:
    if "testConnection" in provider.server_actions:
        return []
    return [
        f"{provider.key}: its catalogue row's server_actions lack 'testConnection': add it to "
        "its registration and to its PROCESSOR (the connect flow and `plugboard credentials` "
        "run it)"
    ]


def validation_problems(conn: psycopg.Connection[Any], provider: Provider) -> list[str]:
    """Each feature's validation action, called as the engine calls it before a push."""
    problems = []
    for feature in provider.features:
        if feature.validation_action and feature.validation_action in provider.client_actions:
            problem = _validation_problem(conn, provider.key, feature)
            if problem:
                problems.append(problem)
    return problems


def _validation_problem(conn: psycopg.Connection[Any], key: str, feature: Feature) -> str | None:
    action = f"validation action {feature.validation_action!r} (feature {feature.key!r})"
    if feature.entity not in RECORD_ID_PARAM:
        return (
            f"{key}: {action} guards records of {feature.entity!r}, which have no validation "
            f"contract: the feature's default_trigger_config.entity is one of "
            f"{', '.join(RECORD_ID_PARAM)} (contract.RECORD_ID_PARAM)"
        )
    sent = ValidationParams.for_record(feature.key, feature.entity, str(uuid4())).sent()
    fix = (
        f"accept {', '.join(sorted(sent))} (docs/engine.md, the validation contract) in "
        f"client_actions.{key}__{feature.validation_action}"
    )
    try:
        with conn.transaction(force_rollback=True):
            row = conn.execute(
                "select public.integration_client_action(%s, %s, %s::jsonb)",
                (key, feature.validation_action, json.dumps(sent)),
            ).fetchone()
    except psycopg.Error as error:
        return (
            f"{key}: {action} refuses what the engine sends it ({json.dumps(sent)}): "
            f"{error.sqlstate} {error.diag.message_primary}: {fix}"
        )
    try:
        Validation.model_validate(row[0] if row else None)
    except ValidationError:
        return f"{key}: {action} answers {row!r}, not {{valid, errors, data}}: {fix}"
    return None


def sandbox_problems(spec: ProviderSpec[Any]) -> list[str]:
    """The provider's sandbox starts in its own process (as `plugboard up` starts it),
    answers a GET, and stops."""
    where = f"its sandbox ({spec.sandbox.app})"
    try:
        with RunningSandbox(spec.key, startup_timeout=30) as sandbox:
            answer = httpx.get(f"{sandbox.base_url}/_sandbox/health", timeout=10)
    except (RuntimeError, TimeoutError) as error:
        last = str(error).strip().splitlines()[-1:]
        return [
            f"{spec.key}: {where} does not start ({' '.join(last)}): add a create_app(config) "
            "built with sandboxes.common.app.build_app there"
        ]
    if answer.status_code != 200 or answer.json().get("name") != spec.key:
        return [
            f"{spec.key}: {where} answers GET /_sandbox/health with {answer.status_code} "
            f"{answer.text[:80]!r}: build it with sandboxes.common.app.build_app({spec.key!r}, …)"
        ]
    return []
