"""What each Companies House server action does: which companies a run is for, what it
fetches (api.py) and what it writes (SQL functions of the companies_house migrations).

Runs for one relationship name it (entity_id) and, from an on_link trigger, its company
number (external_id); a run without either is for every company linked in the project.
An unknown company number fails that company (company_not_found), never the connection.
Only relationships of the run's project are read or filled: a run naming another one fails
with not_in_project before any request (HostRecords), and a refresh takes only the
project's own links.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb
from pydantic import BaseModel, ConfigDict, Field

from python_workers.engine.host_records import HostRecords
from python_workers.engine.outcome import SyncCounts
from python_workers.providers.companies_house.api import CompaniesHouseApi, CompanyNotFound
from python_workers.providers.companies_house.settings import CompaniesHouseConfig
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.params import NoParams
from python_workers.providers.reference_cache import cache_items


class CompanyParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    entity_id: UUID | None = None  # the relationship
    external_id: str | None = None  # the company number an on_link run carries
    company_number: str | None = None


class SearchParams(BaseModel):
    model_config = ConfigDict(extra="ignore")

    query: str = Field(min_length=1)
    limit: int = Field(default=20, ge=1, le=100)


class CompanyResult(SyncCounts):
    pass


Target = tuple[UUID | None, str]  # (relationship, company number)
PerCompany = Callable[[ActionContext, CompaniesHouseApi, Target], Awaitable[dict[str, Any]]]


async def api_of(ctx: ActionContext) -> CompaniesHouseApi:
    credential = await ctx.credentials.get()
    if not credential.api_key:
        raise ProviderError("credential_missing", "No Companies House API key is set")
    return CompaniesHouseApi(
        ctx.http, CompaniesHouseConfig().companies_house_base_url, credential.api_key, ctx.budget
    )


async def test_connection(ctx: ActionContext, params: NoParams) -> CompanyResult:
    """One real request with the key; every Companies House integration follows the answer.
    A refused key fails the run with invalid_api_key; the failed sync log then moves every
    Companies House integration to Error
    (private.tg_integration_sync_logs__global_credential_refused)."""
    await (await api_of(ctx)).search_companies("limited", 1)
    await ctx.db.execute("select private.record_global_credential_test('companies_house', true)")
    return CompanyResult(records_processed=1, details={"ok": True})


async def targets(ctx: ActionContext, params: CompanyParams) -> list[Target]:
    host = HostRecords.of(ctx)
    if params.entity_id is not None:
        await host.require("project_relationships", [params.entity_id])
    number = params.external_id or params.company_number
    if number is not None:
        return [(params.entity_id, number.upper())]
    cursor = await host.execute(
        """
        select r.id, coalesce(m.external_id, r.company_number)
        from public.project_relationships as r
        left join public.integration_entity_mappings as m
            on m.project_integration_id = %(integration)s and m.entity_type = 'company'
            and m.internal_id = r.id::text
        where r.project_id = %(project_id)s
            and ((%(relationship)s::uuid is null and m.id is not null)
                or r.id = %(relationship)s::uuid)
        order by 2
        """,
        {"integration": ctx.integration.id, "relationship": params.entity_id},
    )
    found = [(row[0], row[1]) for row in await cursor.fetchall()]
    missing = [rel for rel, number in found if number is None]
    if params.entity_id is not None and (not found or missing):
        raise ProviderError(
            "not_linked",
            f"Relationship {params.entity_id} has no company number: link it to its company first",
        )
    return found


async def for_each_company(
    ctx: ActionContext, params: CompanyParams, each: PerCompany
) -> CompanyResult:
    """Runs `each` per company; one company's 404 fails that company only, and a run for a
    single company fails with it."""
    companies = await targets(ctx, params)
    result = CompanyResult()
    outcomes: dict[str, Any] = {}
    if not companies:
        result.details = {"companies": outcomes}
        return result
    api = await api_of(ctx)  # one credential read per run, not per company
    for target in companies:
        try:
            counts = await each(ctx, api, target)
        except CompanyNotFound as missing:
            if len(companies) == 1:
                raise
            result.records_failed += 1
            outcomes[target[1]] = {
                "error_code": missing.code,
                "message": missing.message,
                **missing.details,
            }
            continue
        outcomes[target[1]] = counts
        result.records_processed += 1
        result.records_created += counts.get("created", 0)
        result.records_updated += counts.get("updated", 0)
    result.records_processed += result.records_failed
    result.details = {"companies": outcomes}
    if len(companies) == 1:
        result.external_id = companies[0][1]
    return result


async def _profile(ctx: ActionContext, api: CompaniesHouseApi, target: Target) -> dict[str, Any]:
    relationship, number = target
    profile = await api.company_profile(number)
    cursor = await ctx.db.execute(
        "select private.companies_house_apply_profile(%s, %s, %s)",
        (
            ctx.integration.id,
            relationship,
            Jsonb(profile.model_dump(mode="json", exclude_none=True)),
        ),
    )
    row = await cursor.fetchone()
    applied: dict[str, Any] = row[0] if row else {}
    return {
        "company_name": profile.company_name,
        "company_status": profile.company_status,
        "filled": applied.get("filled", []),
        "changes": applied.get("changes", []),
        "updated": 1 if applied.get("filled") else 0,
    }


def _plain(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True)


async def _officers(ctx: ActionContext, api: CompaniesHouseApi, target: Target) -> dict[str, Any]:
    number = target[1]
    officers = await api.officers(number)
    items = [
        (o.appointment_path or f"{number}/officer/{i}", o.name, o.officer_role, o)
        for i, o in enumerate(officers)
    ]
    return await cache_items(ctx, "company_officer", number, items)


async def _pscs(ctx: ActionContext, api: CompaniesHouseApi, target: Target) -> dict[str, Any]:
    number = target[1]
    pscs = await api.persons_with_significant_control(number)
    items = [
        (p.resource_path or f"{number}/psc/{i}", p.name or p.kind or "PSC", p.kind, p)
        for i, p in enumerate(pscs)
    ]
    return await cache_items(ctx, "company_psc", number, items)


async def _filings(ctx: ActionContext, api: CompaniesHouseApi, target: Target) -> dict[str, Any]:
    number = target[1]
    filings = await api.filing_history(number)
    items = [(f"{number}/{f.transaction_id}", f.description, f.type, f) for f in filings]
    return await cache_items(ctx, "company_filing", number, items)


async def company_profile(ctx: ActionContext, params: CompanyParams) -> CompanyResult:
    return await for_each_company(ctx, params, _profile)


async def company_refresh(ctx: ActionContext, params: NoParams) -> CompanyResult:
    """The scheduled refresh: every linked company's profile again, changes flagged."""
    return await for_each_company(ctx, CompanyParams(), _profile)


async def officers(ctx: ActionContext, params: CompanyParams) -> CompanyResult:
    return await for_each_company(ctx, params, _officers)


async def persons_with_significant_control(
    ctx: ActionContext, params: CompanyParams
) -> CompanyResult:
    return await for_each_company(ctx, params, _pscs)


async def filing_history(ctx: ActionContext, params: CompanyParams) -> CompanyResult:
    return await for_each_company(ctx, params, _filings)


async def company_search(ctx: ActionContext, params: SearchParams) -> CompanyResult:
    """Search the register; the matches are the run's result (details.results)."""
    items, total = await (await api_of(ctx)).search_companies(params.query, params.limit)
    return CompanyResult(
        records_processed=len(items),
        details={
            "query": params.query,
            "total": total,
            "results": [_plain(item) for item in items],
        },
    )
