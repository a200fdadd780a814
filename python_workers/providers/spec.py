"""A provider in one object: each provider's folder `python_workers/providers/<key>/`
exports `SPEC: ProviderSpec` from its `__init__.py`, and every list that used to be written
by hand — server processors, OAuth providers, rate budgets, sandboxes and the URLs
`plugboard up` points at them — is read from the specs (registry.py). The conformance test
(tests/py/test_registry_conformance.py) checks each spec against the catalogue row of the
same key; docs/contributing.md "Add a provider" is the checklist.

The processor and the rate budget are named by module, not imported, and the types below
are imported for the type checker only: a spec stays cheap to import (no httpx, psycopg),
so every sandbox process and the CLI read the specs without loading every provider's code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Generic, TypeVar

from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from python_workers.providers.oauth import OAuthProvider


class NoBudget:
    """A provider's explicit "no shared rate budget": its requests are not metered. A spec
    says so on purpose (and why, in a comment); there is no default."""

    def __repr__(self) -> str:
        return "NO_BUDGET"


NO_BUDGET: Final = NoBudget()


class ProviderSettings(BaseSettings):
    """A provider's configuration (base URLs, OAuth client, …), read from the environment
    and `.env` under the names docs/ give them. Read per use: a changed environment counts."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")


SettingsT = TypeVar("SettingsT", bound=ProviderSettings)


@dataclass(frozen=True, kw_only=True)
class SandboxSpec:
    """The provider's local look-alike (sandboxes/<key>/)."""

    # "module:function": create_app(config: Mapping[str, Any] | None = None) -> Starlette
    app: str
    # its port under `plugboard up` / `python -m sandboxes all`: the first port + offset
    port_offset: int
    # settings (environment names) `plugboard up` points at the sandbox -> path on it
    urls: Mapping[str, str]
    # the OAuth client the sandbox knows by default (setting -> value), used when `plugboard
    # up` points the provider at the sandbox and no client is configured
    oauth_client: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class ProviderSpec(Generic[SettingsT]):
    key: str  # the catalogue's integration_providers.key
    processor: str  # the module exporting PROCESSOR (action name -> ServerAction)
    settings: type[SettingsT]
    # (settings, redirect URI) -> the OAuth configuration; None: the provider has no OAuth
    oauth: Callable[[SettingsT, str], OAuthProvider] | None
    # "module:function", a budgets.BudgetFactory giving a run's shared rate budget; or
    # NO_BUDGET, said on purpose
    budget: str | NoBudget
    sandbox: SandboxSpec

    def oauth_provider(self, redirect_uri: str) -> OAuthProvider | None:
        return None if self.oauth is None else self.oauth(self.settings(), redirect_uri)

    def urls(self) -> list[str]:
        """Where the provider is, as configured: its URL settings (the ones `plugboard up`
        points at its sandbox, SandboxSpec.urls), read from its settings model."""
        config = self.settings()
        return [str(getattr(config, setting.lower())) for setting in self.sandbox.urls]
