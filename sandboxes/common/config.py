"""Runtime knobs of a sandbox: from the environment at start, changed by POST /_sandbox/config."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class SandboxConfig(BaseSettings):
    """Knobs every sandbox has. Providers subclass it with their own fields and env prefix.

    Secrets belong in `pydantic.SecretStr` fields so that GET /_sandbox/config masks them.
    """

    model_config = SettingsConfigDict(env_prefix="SANDBOX_", extra="forbid")

    limits_enabled: bool = Field(default=True, description="Off: no rate or concurrency limits.")
    time_scale: float = Field(
        default=1.0, gt=0, description="Rate-limit windows last window/time_scale seconds."
    )

    def updated(self, changes: Mapping[str, Any]) -> Self:
        """A validated copy with `changes` applied (unknown keys are an error)."""
        values = self.model_dump()
        values.update(changes)
        return type(self).model_validate(values)

    def public(self) -> dict[str, Any]:
        """The settings as JSON, secrets masked."""
        return self.model_dump(mode="json")
