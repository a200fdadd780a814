"""Typed settings read from the environment (and `.env` when present).

Every provider base URL is configuration whose default is the real service; `plugboard up`
points them at the local sandboxes when nothing is configured. A provider's own settings
(base URLs, OAuth client) are its spec's settings model
(python_workers/providers/<key>/settings.py), read from the same environment.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
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
        default=54401,
        description="First port of the local sandboxes (each provider's spec gives its "
        "offset: QuickBooks, then Companies House, HMRC).",
    )

    # functions/: OAuth start/callback/disconnect/status for the host app's users.
    supabase_jwt_secret: SecretStr | None = Field(
        default=None,
        description="The Supabase project's JWT secret (HS256): functions/ verifies users' "
        "access tokens with it.",
    )
    plugboard_functions_port: int = Field(default=54421, description="Port of functions/.")
    plugboard_functions_url: str | None = Field(
        default=None,
        description="Public base URL of functions/ (OAuth redirect URIs are built on it); "
        "default http://127.0.0.1:<plugboard_functions_port>.",
    )
    plugboard_functions_max_body_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        description="The largest request body functions/ reads (webhooks included); past it "
        "the answer is 413 and the rest is not read.",
    )

    def functions_url(self) -> str:
        return (
            self.plugboard_functions_url or f"http://127.0.0.1:{self.plugboard_functions_port}"
        ).rstrip("/")


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings()
