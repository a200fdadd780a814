"""Where Companies House is (COMPANIES_HOUSE_BASE_URL): the real service by default;
`plugboard up` points it at the sandbox. The API key is a credential (Vault), not a
setting."""

from __future__ import annotations

from python_workers.providers.spec import ProviderSettings


class CompaniesHouseConfig(ProviderSettings):
    companies_house_base_url: str = "https://api.company-information.service.gov.uk"
