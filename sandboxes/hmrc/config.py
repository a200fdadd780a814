"""HMRC sandbox settings: environment variables HMRC_SANDBOX_<FIELD> (e.g.
HMRC_SANDBOX_CLIENT_SECRET), --config at start, or POST /_sandbox/config at run time."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from sandboxes.common.config import SandboxConfig

FOUR_HOURS = 4 * 3600
# "After 18 months you can no longer refresh the access token": 18 months as 548 days.
EIGHTEEN_MONTHS = 548 * 24 * 3600


class HmrcConfig(SandboxConfig):
    model_config = SettingsConfigDict(env_prefix="HMRC_SANDBOX_", extra="forbid")

    client_id: str = Field(default="sandbox-client-id", description="OAuth client id.")
    client_secret: SecretStr = Field(
        default=SecretStr("sandbox-client-secret"), description="OAuth client secret."
    )
    redirect_uris: list[str] = Field(
        default_factory=list, description="Allowed redirect URIs; empty allows any."
    )
    access_token_seconds: int = Field(default=FOUR_HOURS, gt=0)
    grant_seconds: int = Field(
        default=EIGHTEEN_MONTHS, gt=0, description="How long refresh tokens keep working."
    )
    authorization_code_seconds: int = Field(default=600, gt=0)
    default_vrn: str = Field(
        default="123456789", description="The VRN the consent page offers (any 9 digits work)."
    )
    default_empref: str = Field(
        default="123/AB12345",
        description="The employer PAYE reference the consent page offers (the PAYE scheme "
        "the organisation signing in runs; Apprenticeship Levy API).",
    )
    requests_per_second: int = Field(default=3, gt=0, description="Per application.")
    subscribed_scopes: list[str] = Field(
        default_factory=lambda: ["read:vat", "write:vat", "read:apprenticeship-levy"],
        description="The scopes of the APIs the application is subscribed to; HMRC refuses "
        "an authorization asking for any other with invalid_scope (a VAT-only application: "
        '["read:vat", "write:vat"]).',
    )
    business_error_envelope: bool = Field(
        default=False,
        description="Answer a return's business refusals (DUPLICATE_SUBMISSION, NOT_FINALISED) "
        'as the service does, nested: {"code": "BUSINESS_ERROR", "errors": [{code, message}]}; '
        "off, as the OAS documents them (the bare code).",
    )
