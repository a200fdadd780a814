"""Fixture Ledger's spec: what a new provider adds in Python, one folder and nothing else
(tests/py/test_provider_conformance.py shows it passes the conformance check).

Its modules import each other relatively and SPEC names the processor by this package's
own name, so a copy of the folder under another name is a provider of its own: the
conformance tests plant faults in such copies, never in this folder.
"""

from python_workers.providers.spec import NO_BUDGET, ProviderSpec, SandboxSpec

from .oauth import fixture_ledger_oauth
from .settings import FixtureLedgerConfig

SPEC = ProviderSpec(
    key="fixture_ledger",
    processor=f"{__name__}.processor",
    settings=FixtureLedgerConfig,
    oauth=fixture_ledger_oauth,
    budget=NO_BUDGET,  # its sandbox limits nothing
    sandbox=SandboxSpec(
        app=f"{__name__}.sandbox:create_app",
        port_offset=90,
        urls={"FIXTURE_LEDGER_BASE_URL": ""},
        oauth_client={"FIXTURE_LEDGER_CLIENT_ID": "sandbox-client-id"},
    ),
)
