"""QuickBooks Online: server actions (processor.py); its client actions are SQL
(supabase/schemas/providers/quickbooks/). SPEC is what the rest of Plugboard knows of it
(spec.py)."""

from python_workers.providers.quickbooks.oauth import quickbooks_oauth
from python_workers.providers.quickbooks.settings import QuickBooksConfig
from python_workers.providers.spec import ProviderSpec, SandboxSpec

SPEC = ProviderSpec(
    key="quickbooks",
    processor="python_workers.providers.quickbooks.processor",
    settings=QuickBooksConfig,
    oauth=quickbooks_oauth,
    # per realm, 500 requests a minute, 10 at once, 40 batch requests a minute
    budget="python_workers.providers.quickbooks.budget:realm_budget",
    sandbox=SandboxSpec(
        app="sandboxes.quickbooks.app:create_app",
        port_offset=0,
        urls={
            "QBO_API_BASE_URL": "",
            "QBO_OAUTH_BASE_URL": "/connect/oauth2",
            "QBO_TOKEN_URL": "/oauth2/v1/tokens/bearer",
            "QBO_REVOKE_URL": "/oauth2/v1/tokens/revoke",
        },
        oauth_client={"QBO_CLIENT_ID": "sandbox-client-id",
                      "QBO_CLIENT_SECRET": "sandbox-client-secret"},
    ),
)  # fmt: skip
