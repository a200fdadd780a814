"""What goes wrong with a credential, as errors a sync log may show: a stable code and a
message for people, never a token, key or provider response body."""

from __future__ import annotations

from python_workers.providers.errors import ProviderError


class CredentialMissing(ProviderError):
    """No credential is stored: the integration was never connected (or was disconnected)."""

    def __init__(self, provider_name: str) -> None:
        super().__init__(
            "credential_missing", f"{provider_name} is not connected: connect it first"
        )


class ReconnectRequired(ProviderError):
    """The grant is gone (invalid_grant, revoked, expired): only the person can fix it."""

    def __init__(self, provider_name: str) -> None:
        super().__init__(
            "reconnect_required",
            f"{provider_name} no longer accepts Plugboard's authorisation: "
            f"reconnect {provider_name} in Setup > Integrations",
        )


class CredentialRejected(ProviderError):
    """The provider answered 401 to a request made with the credential."""

    def __init__(self, provider_name: str) -> None:
        super().__init__("credential_rejected", f"{provider_name} rejected the credential (401)")


class TokenEndpointRefused(ProviderError):
    """The token endpoint refused the request for a reason other than the grant (e.g.
    invalid_client: Plugboard's client id or secret is wrong)."""

    def __init__(self, provider_name: str, error: str) -> None:
        super().__init__(error, f"{provider_name}'s token endpoint refused the request ({error})")


class TokenEndpointUnavailable(ProviderError):
    """The token endpoint failed (5xx, 429, network): worth trying again later."""

    retryable = True

    def __init__(self, provider_name: str, status: int | None) -> None:
        what = f"answered HTTP {status}" if status is not None else "could not be reached"
        super().__init__("token_endpoint_unavailable", f"{provider_name}'s token endpoint {what}")
        self.status = status


class RefreshFailed(ProviderError):
    """The refresh this call waited for (another worker's) failed: its recorded error,
    shared rather than tried again at once (one refresh, one token call)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.retryable = code == "token_endpoint_unavailable"


class RefreshUnfinished(ProviderError):
    """Other workers kept refreshing the credential for longer than a refresh can take."""

    retryable = True

    def __init__(self, provider_name: str) -> None:
        super().__init__(
            "token_refresh_unfinished",
            f"{provider_name}'s token is being refreshed by another worker that has not"
            " finished: the run is tried again later",
        )
