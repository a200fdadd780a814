"""QuickBooks settings read from the environment: where QuickBooks is and the OAuth client
Plugboard is registered as (QBO_*, QuickBooksConfig: the spec's settings; the real service
by default, `plugboard up` points them at the sandbox), and the limits and retries
(prefix PLUGBOARD_QBO_, QuickBooksSettings).

The published limits are per realm; a sandbox
started with `time_scale` shortens its windows, and the workers' budget must use the same
scale (PLUGBOARD_QBO_TIME_SCALE) or it would wait a real minute per window.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from python_workers.providers.spec import ProviderSettings

# Intuit serves every minor version below 75 as 75 since August 2025: ask for it outright.
MINOR_VERSION = 75


class QuickBooksConfig(ProviderSettings):
    qbo_api_base_url: str = "https://quickbooks.api.intuit.com"
    qbo_oauth_base_url: str = "https://appcenter.intuit.com/connect/oauth2"
    qbo_token_url: str = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"  # noqa: S105
    qbo_revoke_url: str = "https://developer.api.intuit.com/v2/oauth2/tokens/revoke"
    # the app registered with Intuit; the secret only from the environment or .env
    qbo_client_id: str = ""
    qbo_client_secret: SecretStr = SecretStr("")


class QuickBooksSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLUGBOARD_QBO_", extra="ignore")

    requests_per_minute: int = Field(default=500, gt=0)
    max_concurrent: int = Field(default=10, gt=0)
    batch_requests_per_minute: int = Field(default=40, gt=0)
    time_scale: float = Field(default=1.0, gt=0, description="Windows last 60 s / time_scale.")
    lease_seconds: float = Field(
        default=60.0, gt=0, description="A slot held by a dead worker is free after this."
    )
    webhook_verifier_token: SecretStr | None = Field(
        default=None, description="The app's webhook verifier token (Intuit developer portal)."
    )
    attempts_per_request: int = Field(
        default=4, ge=1, description="Tries of one request within a run (429, 5xx, resets)."
    )
    min_requests_per_minute: int = Field(
        default=10, gt=0,
        description="The least a realm's budget learns from 429s (budget.py, throttled).",
    )  # fmt: skip

    @property
    def window_seconds(self) -> float:
        return 60.0 / self.time_scale


@lru_cache(maxsize=1)
def quickbooks_settings() -> QuickBooksSettings:
    return QuickBooksSettings()
