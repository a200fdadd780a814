"""The OAuth 2.0 providers Plugboard connects to: each provider's spec describes its own
(ProviderSpec.oauth, python_workers/providers/<key>/oauth.py): where its consent page,
token and revocation endpoints are, the client Plugboard is registered as, the scopes it
asks for, how long a grant lasts and how the connected account is found."""

from __future__ import annotations

from python_workers.config import Settings
from python_workers.providers.oauth import OAuthProvider
from python_workers.providers.registry import UnknownProviderError, provider_specs, spec_for

__all__ = ["OAuthProvider", "connects_with_oauth", "oauth_provider", "oauth_provider_keys"]


def oauth_provider_keys() -> list[str]:
    """The providers that connect with OAuth 2.0: those whose spec describes it."""
    return [key for key, spec in provider_specs().items() if spec.oauth is not None]


def connects_with_oauth(key: str) -> bool:
    """Whether provider `key` connects with OAuth 2.0 (one spec looked up, not all)."""
    try:
        return spec_for(key).oauth is not None
    except UnknownProviderError:
        return False


def oauth_provider(key: str, settings: Settings) -> OAuthProvider:
    """The OAuth configuration of provider `key`; LookupError for a provider without OAuth."""
    redirect_uri = f"{settings.functions_url()}/oauth/{key}/callback"
    try:
        provider = spec_for(key).oauth_provider(redirect_uri)
    except UnknownProviderError:
        provider = None
    if provider is None:
        known = ", ".join(oauth_provider_keys())
        raise LookupError(f"{key!r} does not connect with OAuth 2.0 (known: {known})")
    return provider
