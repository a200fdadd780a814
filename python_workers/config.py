"""Typed settings read from the environment (and `.env` when present).

Every provider base URL is configuration whose default is the real service; `plugboard up`
points them at the local sandboxes when nothing is configured.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL to use. Unset: Plugboard starts its own local cluster.",
    )
    plugboard_data_dir: Path = Field(default=REPO_ROOT / ".plugboard")
    plugboard_db_port: int = Field(default=54322, description="Port of the local cluster.")
    plugboard_db_name: str = Field(default="postgres")
    plugboard_sandbox_port: int = Field(
        default=54401, description="First port of the local sandboxes (QuickBooks, then CH, HMRC)."
    )

    qbo_api_base_url: str = "https://quickbooks.api.intuit.com"
    qbo_oauth_base_url: str = "https://appcenter.intuit.com/connect/oauth2"
    qbo_token_url: str = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"  # noqa: S105
    companies_house_base_url: str = "https://api.company-information.service.gov.uk"
    hmrc_base_url: str = "https://api.service.hmrc.gov.uk"


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings()
