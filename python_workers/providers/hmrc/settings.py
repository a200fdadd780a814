"""Where HMRC is and the OAuth client Plugboard is registered as (HMRC_*): the real
service by default; `plugboard up` points them at the sandbox."""

from __future__ import annotations

from pydantic import Field, SecretStr

from python_workers.providers.spec import ProviderSettings


class HmrcConfig(ProviderSettings):
    hmrc_base_url: str = "https://api.service.hmrc.gov.uk"
    hmrc_oauth_base_url: str = Field(
        default="https://www.tax.service.gov.uk",
        description="Where HMRC's consent page lives (/oauth/authorize); tokens come from "
        "hmrc_base_url/oauth/token.",
    )
    # the application registered with HMRC; the secret only from the environment or .env
    hmrc_client_id: str = ""
    hmrc_client_secret: SecretStr = SecretStr("")
    hmrc_scopes: str = Field(
        default="read:vat write:vat read:apprenticeship-levy",
        description="The scopes of the HMRC APIs the application is subscribed to, "
        "space-separated; a connection asks for those of them the project's enabled features "
        "use (a VAT-only application: 'read:vat write:vat').",
    )
