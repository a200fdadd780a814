"""Everything the QuickBooks sandbox holds: companies, OAuth grants, webhook deliveries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sandboxes.common.state import SandboxState
from sandboxes.quickbooks.company import Company
from sandboxes.quickbooks.config import QuickBooksConfig
from sandboxes.quickbooks.kinds import KINDS
from sandboxes.quickbooks.seed import COUNTRIES, seed_company
from sandboxes.quickbooks.tokens import TokenStore
from sandboxes.quickbooks.webhooks import Change, WebhookSender

# The companies every sandbox starts with (stable ids for local development and tests).
GB_REALM = "9341455000000001"
US_REALM = "9341455000000002"


class QuickBooksState(SandboxState[QuickBooksConfig]):
    def __init__(self, config: QuickBooksConfig) -> None:
        self.companies: dict[str, Company] = {}
        self.tokens = TokenStore()
        self.webhooks = WebhookSender(lambda: self.config, self.count)
        super().__init__(config)

    def seed(self) -> None:
        self.companies.clear()
        self.tokens.clear()
        self.webhooks.clear()
        self.add_company("GB", realm_id=GB_REALM)
        self.add_company("US", realm_id=US_REALM)

    def add_company(
        self, country: str, *, realm_id: str | None = None, name: str | None = None
    ) -> Company:
        if country not in COUNTRIES:
            raise ValueError(f"country must be one of {', '.join(COUNTRIES)}")
        realm_id = realm_id or str(int(max(self.companies, default=US_REALM)) + 1)
        company = Company(
            realm_id,
            country,
            COUNTRIES[country]["currency"],
            self._announce,
            replay_limit=self.config.requestid_cache_size,
        )
        seed_company(company, name)
        self.companies[realm_id] = company
        return company

    def _announce(
        self, realm_id: str, entity: str, entity_id: str, op: str, when: datetime
    ) -> None:
        self.count(f"changes_{op.lower()}")
        if KINDS[entity].webhooks:
            self.webhooks.notify(Change(realm_id, entity, entity_id, op, when))

    def snapshot(self) -> dict[str, Any]:
        return {
            "companies": {realm: company.snapshot() for realm, company in self.companies.items()},
            "oauth": self.tokens.counts(),
        }
