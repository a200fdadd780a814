"""HMRC (MTD VAT; PAYE as the Apprenticeship Levy API's declarations): server actions
(processor.py); its client actions are SQL (supabase/schemas/providers/hmrc/). See
docs/hmrc.md. SPEC is what the rest of Plugboard knows of it (spec.py)."""

from python_workers.providers.hmrc.oauth import hmrc_oauth
from python_workers.providers.hmrc.settings import HmrcConfig
from python_workers.providers.spec import NO_BUDGET, ProviderSpec, SandboxSpec

SPEC = ProviderSpec(
    key="hmrc",
    processor="python_workers.providers.hmrc.processor",
    settings=HmrcConfig,
    oauth=hmrc_oauth,
    # Not metered here: HMRC's limit is per application and second, a run makes a handful
    # of requests for one VRN or PAYE reference, and a 429 is retried with backoff (http.py).
    budget=NO_BUDGET,
    sandbox=SandboxSpec(
        app="sandboxes.hmrc.app:create_app",
        port_offset=2,
        urls={"HMRC_BASE_URL": "", "HMRC_OAUTH_BASE_URL": ""},
        oauth_client={"HMRC_CLIENT_ID": "sandbox-client-id",
                      "HMRC_CLIENT_SECRET": "sandbox-client-secret"},
    ),
)  # fmt: skip
