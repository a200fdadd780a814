"""The QuickBooks client of one run: the integration's realm, its credential and the
realm's shared budget (budget.RealmBudget through the engine, or any RateBudget)."""

from __future__ import annotations

from uuid import UUID

from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.quickbooks.api import Limiter, QuickBooksApi
from python_workers.providers.quickbooks.budget import BudgetLimiter, RealmBudget
from python_workers.providers.quickbooks.settings import QuickBooksConfig, quickbooks_settings


def realm_of(ctx: ActionContext) -> str:
    realm = ctx.integration.external_account_id
    if not realm:
        raise ProviderError(
            "not_connected", "QuickBooks is not connected: the integration has no company (realm)"
        )
    return realm


def api_for(ctx: ActionContext) -> QuickBooksApi:
    limiter: Limiter = (
        ctx.budget if isinstance(ctx.budget, RealmBudget) else BudgetLimiter(ctx.budget)
    )
    return QuickBooksApi(
        ctx.http,
        QuickBooksConfig().qbo_api_base_url,
        realm_of(ctx),
        ctx.credentials,
        limiter,
        quickbooks_settings(),
    )


def integration_ids(ctx: ActionContext) -> tuple[UUID, UUID]:
    """(project integration id, project id) of the run."""
    integration, project = ctx.integration.id, ctx.integration.project_id
    if integration is None or project is None:
        raise ProviderError("no_integration", "QuickBooks actions run for a project integration")
    return integration, project
