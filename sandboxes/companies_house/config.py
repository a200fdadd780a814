"""Companies House sandbox settings: environment variables CH_SANDBOX_<FIELD> (e.g.
CH_SANDBOX_API_KEYS='["key-1"]'), --config at start, or POST /_sandbox/config at run time."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from sandboxes.common.config import SandboxConfig

# "You can make up to 600 requests within a five-minute period" (developer guidelines).
REQUESTS_PER_WINDOW = 600
WINDOW_SECONDS = 300.0


class CompaniesHouseConfig(SandboxConfig):
    model_config = SettingsConfigDict(env_prefix="CH_SANDBOX_", extra="forbid")

    api_keys: list[SecretStr] = Field(
        default_factory=list,
        description="Accepted API keys (the Basic username); empty accepts any non-empty key.",
    )
    requests_per_window: int = Field(
        default=REQUESTS_PER_WINDOW, gt=0, description="Per API key, read at start."
    )
    page_size_cap: int = Field(
        default=100,
        gt=0,
        description="The most items a list page serves (the live API's own caps are 100 or "
        "less); lower it to make clients follow paging on short lists.",
    )
