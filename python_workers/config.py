"""Typed settings read from the environment (and `.env` when present).

Every provider base URL is configuration whose default is the real service; `plugboard up`
points them at the local sandboxes when nothing is configured. A provider's own settings
(base URLs, OAuth client) are its spec's settings model
(python_workers/providers/<key>/settings.py), read from the same environment.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL to use. Unset: Plugboard starts its own local cluster.",
    )
    plugboard_action_database_url: str | None = Field(
        default=None,
        description="Where workers' action connections go (a transaction-mode pooler such as "
        "PgBouncer or Supavisor on 6543); unset: DATABASE_URL. LISTEN always uses DATABASE_URL.",
    )
    plugboard_data_dir: Path | None = Field(
        default=None,
        description="Where the local cluster lives. Unset: the checkout's .plugboard/, or as "
        "root a folder of this checkout's own in the postgres user's home (db/cluster.py).",
    )
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
    plugboard_console_allowed_origins: str = Field(
        default="",
        description="The host app's origins (comma-separated, e.g. https://app.example.com) "
        "whose pages may hand a signed-in person over to the console (POST /console/session).",
    )
    plugboard_functions_max_body_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        description="The largest request body functions/ reads (webhooks included); past it "
        "the answer is 413 and the rest is not read.",
    )

    # `plugboard worker`'s operations endpoints and logs (docs/engine.md, "Operating a worker")
    plugboard_metrics_port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="Port of a worker's /healthz and /metrics; unset or 0: not served (each "
        "worker on a machine needs a port of its own).",
    )
    plugboard_metrics_host: str = Field(
        default="127.0.0.1",
        description="Address /healthz and /metrics listen on (0.0.0.0: every interface).",
    )
    plugboard_log_format: Literal["text", "json"] = Field(
        default="text", description="Worker logs: text lines, or JSON lines (one field per fact)."
    )

    @field_validator("plugboard_metrics_port", mode="before")
    @classmethod
    def _empty_port_is_none(cls, value: object) -> object:
        return None if value == "" else value

    def console_allowed_origins(self) -> frozenset[str]:
        return frozenset(
            origin.strip().rstrip("/")
            for origin in self.plugboard_console_allowed_origins.split(",")
            if origin.strip()
        )

    def functions_url(self) -> str:
        return (
            self.plugboard_functions_url or f"http://127.0.0.1:{self.plugboard_functions_port}"
        ).rstrip("/")


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings()
