"""Where Fixture Ledger is (FIXTURE_LEDGER_BASE_URL: no real service, so its sandbox)."""

from __future__ import annotations

from pydantic import SecretStr

from python_workers.providers.spec import ProviderSettings


class FixtureLedgerConfig(ProviderSettings):
    fixture_ledger_base_url: str = "http://fixture-ledger.invalid"
    fixture_ledger_client_id: str = ""
    fixture_ledger_client_secret: SecretStr = SecretStr("")
