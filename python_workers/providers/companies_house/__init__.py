"""Companies House: server actions (processor.py); its client actions are SQL
(supabase/schemas/providers/companies_house/). SPEC is what the rest of Plugboard knows of
it (spec.py)."""

from python_workers.providers.companies_house.settings import CompaniesHouseConfig
from python_workers.providers.spec import ProviderSpec, SandboxSpec

SPEC = ProviderSpec(
    key="companies_house",
    processor="python_workers.providers.companies_house.processor",
    settings=CompaniesHouseConfig,
    oauth=None,  # an API key per deployment (credential_scope global)
    budget="python_workers.providers.companies_house.budget:api_key_budget",
    sandbox=SandboxSpec(
        app="sandboxes.companies_house.app:create_app",
        port_offset=1,
        urls={"COMPANIES_HOUSE_BASE_URL": ""},
    ),
)
