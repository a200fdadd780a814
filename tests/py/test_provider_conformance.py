"""Every provider has what a working provider needs (readiness.py), and the conformance
check is not vacuous: the fixture provider (tests/fixture_provider/: one folder, one SQL
registration, no edit elsewhere) passes it, and each fault planted in a copy of it — a
copy of its folder in a temp dir, or a change to this test's own database — fails it with
a message that says what to add and where."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from python_workers.providers.conformance import (
    client_action_problems,
    dispatch_problems,
    installed_client_actions,
    read_catalogue,
    rpc_sources,
    server_action_problems,
    unreachable_action_problems,
)
from python_workers.providers.readiness import readiness_problems, sandbox_problems, spec_problems
from python_workers.providers.registry import EXTRA_PROVIDERS_ENV, provider_specs, spec_for
from tests.testdb import Database

FIXTURE = "fixture_ledger"
FIXTURE_FOLDER = Path(__file__).resolve().parents[1] / "fixture_provider" / FIXTURE
PLANTED = "planted_ledger"  # the package name of the copy a test plants a fault in


@pytest.fixture
def admin(db: Database) -> Iterator[psycopg.Connection]:
    with psycopg.connect(db.admin_url, autocommit=True) as conn:
        yield conn


def problems_of(conn: psycopg.Connection, key: str) -> list[str]:
    """Everything the conformance check says about provider `key`."""
    catalogue = read_catalogue(conn)
    [provider] = [p for p in catalogue if p.key == key]
    mine = [provider]
    return [
        *(p for p in spec_problems(catalogue) if p.startswith(f"{key}:")),
        *(
            p
            for p in client_action_problems(catalogue, installed_client_actions(conn))
            if p.startswith(f"{key}:")
        ),
        *dispatch_problems(conn, mine),
        *server_action_problems(mine),
        *unreachable_action_problems(mine, rpc_sources(conn)),
        *readiness_problems(conn, provider),
    ]


@pytest.mark.parametrize("key", sorted(provider_specs()))
def test_every_provider_has_what_it_needs(admin: psycopg.Connection, key: str) -> None:
    catalogue = read_catalogue(admin)
    [provider] = [p for p in catalogue if p.key == key]
    assert readiness_problems(admin, provider) == []


@pytest.mark.parametrize("key", sorted(provider_specs()))
def test_every_provider_sandbox_starts_and_answers(key: str) -> None:
    assert sandbox_problems(spec_for(key)) == []


def test_the_fixture_provider_passes_with_one_folder_and_one_registration(
    admin: psycopg.Connection,
) -> None:
    assert FIXTURE in provider_specs()
    assert problems_of(admin, FIXTURE) == []


Plant = Callable[[str, str, str], None]


@pytest.fixture
def plant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Plant]:
    """A copy of the fixture provider's folder, named PLANTED, found instead of it; call
    plant(file, text, replacement) to change the copy (replacement "" removes the text)."""
    copy = tmp_path / PLANTED
    shutil.copytree(FIXTURE_FOLDER, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(EXTRA_PROVIDERS_ENV, PLANTED)

    def planted(file: str, text: str, replacement: str) -> None:
        path = copy / file
        source = path.read_text()
        assert text in source, f"{text!r} is not in {file}: the fault was not planted"
        path.write_text(source.replace(text, replacement))
        importlib.invalidate_caches()

    yield planted
    for name in [m for m in sys.modules if m == PLANTED or m.startswith(f"{PLANTED}.")]:
        del sys.modules[name]


def test_the_unchanged_copy_passes(admin: psycopg.Connection, plant: Plant) -> None:
    """The faults below are the only difference: the copy itself conforms."""
    assert spec_for(FIXTURE).processor == f"{PLANTED}.processor"
    assert problems_of(admin, FIXTURE) == []


def test_a_provider_without_a_spec_is_reported(
    admin: psycopg.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(EXTRA_PROVIDERS_ENV)
    assert problems_of(admin, FIXTURE) == [
        "fixture_ledger: no provider spec for 'fixture_ledger': add the folder "
        "python_workers/providers/fixture_ledger/ whose __init__.py exports SPEC "
        "(docs/contributing.md, Add a provider)"
    ]


# (file of the copy, text, its replacement, what the check says)
PLANTED_FAULTS = [
    pytest.param(
        "__init__.py", 'processor=f"{__name__}.processor"', 'processor=f"{__name__}.actions"',
        ["fixture_ledger: its processor planted_ledger.actions cannot be loaded (module "
         "'planted_ledger.actions' has no attribute 'PROCESSOR'): add that module, exporting "
         "PROCESSOR (action name -> ServerAction)"],
        id="processor not registered",
    ),
    pytest.param(
        "processor.py", '"push_entry": ServerAction', '"push_entri": ServerAction',
        ["fixture_ledger: server action 'push_entry' (the catalogue) is not registered in "
         "planted_ledger.processor: add it to PROCESSOR there (or correct the catalogue's name)",
         "fixture_ledger: 'push_entri' is registered in planted_ledger.processor but the "
         "catalogue does not list it",
         "fixture_ledger: server action 'push_entri' is registered in planted_ledger.processor "
         "but no feature or RPC starts it"],
        id="action misspelled",
    ),
    pytest.param(
        "__init__.py", "oauth=fixture_ledger_oauth,", "oauth=None,",
        ["fixture_ledger: its auth_method is oauth2 but its spec has no OAuth configuration: "
         "set SPEC.oauth to a function (settings, redirect URI) -> OAuthProvider, in "
         "python_workers/providers/fixture_ledger/oauth.py "
         "(python_workers/providers/quickbooks/ and hmrc/ are examples)"],
        id="OAuth configuration missing",
    ),
    pytest.param(
        "oauth.py", "        find_account=find_ledger,\n", "",
        ["fixture_ledger: its OAuth configuration names no way to find the connected account: "
         "set account_param (the callback's query parameter naming it), account_setting (the "
         "project setting naming it) or find_account (an async hook asking the provider's API "
         "after the token exchange) in python_workers/providers/fixture_ledger/oauth.py"],
        id="account hook missing",
    ),
    pytest.param(
        "__init__.py", "    budget=NO_BUDGET,  # its sandbox limits nothing\n", "",
        ["fixture_ledger: its SPEC is incomplete (ProviderSpec.__init__() missing 1 required "
         "keyword-only argument: 'budget'): give every ProviderSpec field "
         "(python_workers/providers/spec.py); a provider without a shared rate budget says "
         "budget=NO_BUDGET"],
        id="no budget and no NO_BUDGET",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("file", "text", "replacement", "expected"), PLANTED_FAULTS)
def test_a_fault_planted_in_a_copy_is_reported_saying_what_to_add(
    admin: psycopg.Connection,
    plant: Plant,
    file: str,
    text: str,
    replacement: str,
    expected: list[str],
) -> None:
    plant(file, text, replacement)
    assert problems_of(admin, FIXTURE) == expected


def test_a_missing_permission_is_reported(admin: psycopg.Connection) -> None:
    admin.execute("delete from public.permissions where key = 'integration:sync:fixture_ledger'")
    assert problems_of(admin, FIXTURE) == [
        "fixture_ledger: the permission integration:sync:fixture_ledger does not exist (the "
        "sync RPCs require it): register the provider with private.register_provider, which "
        "creates it (docs/catalogue.md)"
    ]


def test_a_validation_action_refusing_the_feature_is_reported(admin: psycopg.Connection) -> None:
    admin.execute(
        """
        create or replace function client_actions.fixture_ledger__validate_entry(p_params jsonb)
        returns jsonb language plpgsql stable set search_path = '' as $$
        begin
            perform private.client_action_params(p_params, array['transaction_id'],
                                                 array['transaction_id']);
            return private.client_action_result(null, '{}'::jsonb);
        end
        $$
        """
    )
    [problem] = problems_of(admin, FIXTURE)
    assert problem.startswith(
        "fixture_ledger: validation action 'validate_entry' (feature 'entries') refuses what "
        'the engine sends it ({"feature": "entries", "transaction_id": "'
    )
    assert problem.endswith(
        "accept feature, transaction_id (docs/engine.md, the validation contract) in "
        "client_actions.fixture_ledger__validate_entry"
    )
    assert "PB422" in problem and "feature" in problem.split("PB422", 1)[1], problem
