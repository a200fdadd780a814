"""`plugboard sync … --demo`: make the seeded demo project pushable against the local
QuickBooks sandbox — connect it to the sandbox's GB company (tokens from the sandbox's
test helper: never against the real QuickBooks), fetch its company info and reference
data, and map the demo's account and tax codes to the sandbox's by name, as a person
would in Configuration."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import httpx
import psycopg
from psycopg.types.json import Jsonb

from python_workers.cli.up_services import sandbox_environment
from python_workers.providers.quickbooks.settings import QuickBooksConfig

SANDBOX_GB_REALM = "9341455000000001"
# demo code -> (kind, QuickBooks name in the sandbox's GB company)
DEMO_CODES = {
    "1200": ("account", "Business Credit Card"), "5000": ("account", "Cost of Sales"),
    "5100": ("account", "Subcontractors"), "6000": ("account", "Office Expenses"),
    "6100": ("account", "Repairs and Maintenance"), "6200": ("account", "Travel"),
    "20.0S": ("tax_code", "20.0% S"), "NO": ("tax_code", "No VAT"),
}  # fmt: skip
REFERENCE_FEATURES = ("chart_of_accounts", "tax_codes", "classes")


class NotASandbox(Exception):
    pass


def sandbox_config() -> QuickBooksConfig:
    """QuickBooks as configured, or, where its URLs are not configured, the local sandbox
    at the port `plugboard up` (or `plugboard sandbox`) gives it: a command typed in a
    second terminal beside `plugboard up` finds the sandbox that command started."""
    config = QuickBooksConfig()
    fields = QuickBooksConfig.model_fields
    names = {name.upper(): name for name in fields}
    local = {
        names[key]: url
        for key, url in sandbox_environment().items()
        if key in names and getattr(config, names[key]) == fields[names[key]].default
    }
    return config.model_copy(update=local)


async def connect_to_sandbox(
    conn: psycopg.AsyncConnection[Any], integration_id: UUID, config: QuickBooksConfig
) -> None:
    base = config.qbo_api_base_url.rstrip("/")
    if base == str(QuickBooksConfig.model_fields["qbo_api_base_url"].default).rstrip("/"):
        raise NotASandbox("--demo connects to the local QuickBooks sandbox only")
    async with httpx.AsyncClient(timeout=10) as http:
        try:
            response = await http.post(
                f"{base}/_sandbox/tokens", json={"realm_id": SANDBOX_GB_REALM}
            )
        except httpx.TransportError as exc:
            raise NotASandbox(
                f"--demo needs the local QuickBooks sandbox, and nothing answers at {base}:"
                " start Plugboard first (make up, or plugboard sandbox quickbooks)"
            ) from exc
        if response.status_code == 404:
            raise NotASandbox(f"--demo: {base} is not a Plugboard QuickBooks sandbox")
        response.raise_for_status()
        tokens = response.json()
    secret = {"access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"]}
    async with conn.transaction():
        await conn.execute(
            "select private.save_credential('quickbooks', %s, %s,"
            " now() + make_interval(secs => %s), now() + make_interval(secs => %s),"
            " '{com.intuit.quickbooks.accounting}', %s)",
            (integration_id, Jsonb(secret), tokens["expires_in"],
             tokens["x_refresh_token_expires_in"], SANDBOX_GB_REALM),
        )  # fmt: skip
        await conn.execute(
            "select private.record_connection(%s, %s, null)", (integration_id, SANDBOX_GB_REALM)
        )


async def map_demo_codes(conn: psycopg.AsyncConnection[Any], integration_id: UUID) -> int:
    """Maps each demo code not mapped yet to the cached QuickBooks item of that name."""
    cursor = await conn.execute(
        """
insert into public.integration_entity_mappings (project_integration_id, entity_type,
    internal_id, external_id)
select %s, c.kind, c.code, r.external_id
from jsonb_each(%s) as e (code, value)
cross join lateral (select e.code, e.value ->> 0 as kind, e.value ->> 1 as name) as c
join public.integration_reference_data as r
    on r.project_integration_id = %s and r.kind = c.kind and r.name = c.name and r.is_active
on conflict do nothing
""",
        (integration_id, Jsonb(DEMO_CODES), integration_id),
    )
    return cursor.rowcount
