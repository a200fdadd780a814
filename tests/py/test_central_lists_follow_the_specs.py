"""No central list of providers is written by hand: the server registry, the OAuth
providers, the rate budgets, the sandboxes and the URLs `plugboard up` points at them all
name the fixture provider, whose only Python is its own folder (found through
PLUGBOARD_EXTRA_PROVIDERS), and drop it when its spec is not found."""

from __future__ import annotations

import pytest

from python_workers.cli.sandbox import sandbox_ports
from python_workers.cli.up_services import sandbox_environment
from python_workers.config import Settings
from python_workers.credentials.oauth_providers import oauth_provider, oauth_provider_keys
from python_workers.providers import SERVER_PROCESSORS
from python_workers.providers.registry import EXTRA_PROVIDERS_ENV, spec_for
from python_workers.providers.spec import NO_BUDGET
from sandboxes.registry import SANDBOXES

FIXTURE = "fixture_ledger"
MODULE = "tests.fixture_provider.fixture_ledger"


def test_every_list_names_the_fixture_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    assert SERVER_PROCESSORS[FIXTURE] == f"{MODULE}.processor"
    assert FIXTURE in oauth_provider_keys()
    oauth = oauth_provider(FIXTURE, Settings(plugboard_functions_url="https://plugboard.test"))
    assert oauth.redirect_uri == "https://plugboard.test/oauth/fixture_ledger/callback"
    assert oauth.account_sources() == ["find_account"]
    assert spec_for(FIXTURE).budget is NO_BUDGET
    assert SANDBOXES[FIXTURE] == f"{MODULE}.sandbox:create_app"

    monkeypatch.delenv("FIXTURE_LEDGER_BASE_URL", raising=False)
    monkeypatch.delenv("FIXTURE_LEDGER_CLIENT_ID", raising=False)
    env = sandbox_environment()
    assert env["FIXTURE_LEDGER_BASE_URL"] == f"http://127.0.0.1:{sandbox_ports()[FIXTURE]}"
    assert env["FIXTURE_LEDGER_CLIENT_ID"] == "sandbox-client-id"


def test_without_its_spec_no_list_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(EXTRA_PROVIDERS_ENV)
    assert FIXTURE not in SERVER_PROCESSORS
    assert FIXTURE not in oauth_provider_keys()
    with pytest.raises(LookupError, match=r"'fixture_ledger' does not connect with OAuth 2\.0"):
        oauth_provider(FIXTURE, Settings())
    assert {"quickbooks", "companies_house", "hmrc"} <= set(SERVER_PROCESSORS)
