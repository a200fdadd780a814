"""Reference data: the connected company's facts (project_integrations.settings, as the
client actions read them) and its chart of accounts, classes and tax codes, cached in
integration_reference_data. A refresh reads every item, inactive ones too, a page of
1000 at a time; what QuickBooks made inactive or no longer has is marked inactive here,
and the project's mappings pointing at it are flagged stale with a reason."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from python_workers.engine.outcome import SyncCounts
from python_workers.providers.contract import ActionContext
from python_workers.providers.quickbooks.api import QuickBooksApi
from python_workers.providers.quickbooks.client import integration_ids
from python_workers.providers.quickbooks.models import Account, CompanyInfo, Named, TaxCode
from python_workers.providers.reference_cache import Item, cache_items

# kind (as mappings and the client actions name it) -> QuickBooks entity and its model
KINDS: dict[str, tuple[str, type[Named]]] = {
    "account": ("Account", Account),
    "class": ("Class", Named),
    "tax_code": ("TaxCode", TaxCode),
}
# A QuickBooks company's home currency is its country edition's; the editions Plugboard
# serves (the catalogue's countries).
HOME_CURRENCY = {"GB": "GBP", "US": "USD", "CA": "CAD", "AU": "AUD", "IE": "EUR"}


async def company_info(ctx: ActionContext, api: QuickBooksApi) -> CompanyInfo:
    """Reads CompanyInfo and keeps what the client actions rely on in the settings."""
    [raw] = await api.query("CompanyInfo")
    info = CompanyInfo.model_validate(raw)
    country = (info.Country or "").upper()
    facts: dict[str, Any] = {
        "company_name": info.CompanyName,
        "country": country,
        "home_currency": HOME_CURRENCY.get(country),
        # US editions track sales tax on sales only; the others VAT / GST on purchases too
        "uses_tax": country != "US",
        "multicurrency_enabled": False,
    }
    integration_id, _ = integration_ids(ctx)
    await ctx.db.execute(
        "update public.project_integrations set settings = settings || %s,"
        " external_account_name = %s where id = %s",
        (Jsonb(facts), info.CompanyName, integration_id),
    )
    return info


async def refresh(ctx: ActionContext, api: QuickBooksApi, kind: str) -> SyncCounts:
    entity, model = KINDS[kind]
    rows = await api.query(entity, "where Active in (true, false)")
    items = [model.model_validate(row) for row in rows]
    active: list[Item] = [(i.Id, i.Name, _code(i), _data(i)) for i in items if i.Active]
    counts = await cache_items(ctx, kind, None, active)
    integration_id, _ = integration_ids(ctx)
    cursor = await ctx.db.execute(
        "select private.flag_stale_reference_mappings(%s, %s)", (integration_id, kind)
    )
    row = await cursor.fetchone()
    stale = int(row[0]) if row else 0
    return SyncCounts(
        records_processed=len(items),
        records_created=counts.get("created", 0),
        records_updated=counts.get("updated", 0) + counts.get("deactivated", 0),
        records_skipped=counts.get("unchanged", 0) + len(items) - len(active),
        details={**counts, "inactive_in_quickbooks": len(items) - len(active),
                 "stale_mappings": stale},
    )  # fmt: skip


def _code(item: Named) -> str | None:
    return item.AcctNum if isinstance(item, Account) else None


def _data(item: Named) -> dict[str, Any]:
    data = item.model_dump(mode="json", exclude_none=True, exclude={"Id", "Name", "Active"})
    currency = data.get("CurrencyRef")
    if isinstance(currency, dict):  # the client actions compare the ISO code
        data["CurrencyRef"] = currency.get("value")
    return data
