"""The scale bench's population: projects by country (40% GB, 30% US, 30% a country no
provider covers), a third of them (all GB: its chart of accounts is the one mapped) with
QuickBooks Connected to a sandbox company of their own (tokens stored as the OAuth callback
stores them) and their account and tax codes mapped, plus a supplier and Draft expenses
whose approval the bench times. Set-based SQL except the sandbox calls, which are one
company and one token pair per connected project."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import httpx
import psycopg

from tests.py.quickbooks.conftest import ACCOUNTS, TAX_CODES

UNCOVERED_COUNTRY = "BR"  # in no provider's countries (supabase/schemas/providers/)


@dataclass
class Population:
    projects: int = 0
    connected: list[str] = field(default_factory=list)  # projects with QuickBooks Connected
    realms: list[str] = field(default_factory=list)  # their sandbox companies, in order
    fetched: str | None = None  # the integration whose reference data the others copy


def code_ids(sandbox_url: str) -> dict[tuple[str, str], str]:
    """(kind, internal code) -> QuickBooks id; every seeded GB company numbers its chart
    and tax codes the same way, so one company's answer maps them all."""
    realm = httpx.post(f"{sandbox_url}/_sandbox/companies", json={"country": "GB"}).json()
    state = httpx.get(f"{sandbox_url}/_sandbox/state", timeout=30).json()
    entities = state["companies"][realm["realmId"]]["entities"]
    found: dict[tuple[str, str], str] = {}
    charts = (("account", "Account", ACCOUNTS), ("tax_code", "TaxCode", TAX_CODES))
    for kind, entity, codes in charts:
        for code, name in codes.items():
            found[(kind, code)] = next(str(e["Id"]) for e in entities[entity] if e["Name"] == name)
    return found


def grow(
    conn: psycopg.Connection, sandbox_url: str, population: Population, size: int,
    codes: dict[tuple[str, str], str],
) -> None:  # fmt: skip
    """Adds projects up to `size`; every third new project is a Connected GB one."""
    start, count = population.projects, size - population.projects
    rows = conn.execute(
        "insert into public.projects (name, country_code)"
        " select 'scale ' || i, case when i %% 10 < 4 then 'GB' when i %% 10 < 7 then 'US'"
        " else %s end from generate_series(%s::integer, %s::integer) as i"
        " returning id::text, country_code",
        (UNCOVERED_COUNTRY, start, start + count - 1),
    ).fetchall()
    gb = [project for project, country in rows if country == "GB"]
    chosen = gb[: count // 3]
    population.realms += _connect(conn, sandbox_url, chosen, codes)
    if population.fetched is None:
        population.fetched = _fetch_reference(conn, chosen[0])
    _copy_reference(conn, population.fetched, chosen)
    population.projects = size
    population.connected += chosen


def _connect(
    conn: psycopg.Connection, sandbox_url: str, projects: list[str],
    codes: dict[tuple[str, str], str],
) -> list[str]:  # fmt: skip
    realms, secrets = [], []
    with httpx.Client(base_url=sandbox_url, timeout=30) as client:
        for _ in projects:
            realm = client.post("/_sandbox/companies", json={"country": "GB"}).json()["realmId"]
            tokens = client.post("/_sandbox/tokens", json={"realm_id": realm}).json()
            realms.append(realm)
            secrets.append(json.dumps({"access_token": tokens["access_token"],
                                       "refresh_token": tokens["refresh_token"]}))  # fmt: skip
    conn.execute(
        """
with chosen as (
    select pi.id, c.realm, c.secret
    from unnest(%s::uuid[], %s::text[], %s::text[]) as c (project_id, realm, secret)
    inner join public.project_integrations as pi on pi.project_id = c.project_id
    inner join public.integration_providers as p on p.id = pi.provider_id and p.key = 'quickbooks'
),
saved as (
    select c.id, c.realm, private.save_credential('quickbooks', c.id, c.secret::jsonb,
        now() + interval '1 hour', now() + interval '100 days',
        '{com.intuit.quickbooks.accounting}'::text[], c.realm) as s
    from chosen as c
)
select count(private.record_connection(s.id, s.realm, null)) from saved as s
""",
        (projects, realms, secrets),
    )
    kinds, internal, external = zip(*((k, code, i) for (k, code), i in codes.items()), strict=True)
    conn.execute(
        "insert into public.integration_entity_mappings (project_integration_id, entity_type,"
        " internal_id, external_id)"
        " select pi.id, m.kind, m.internal, m.external from public.project_integrations as pi"
        " join public.integration_providers as p on p.id = pi.provider_id and p.key = 'quickbooks'"
        " cross join unnest(%s::text[], %s::text[], %s::text[]) as m (kind, internal, external)"
        " where pi.project_id = any(%s::uuid[])",
        (list(kinds), list(internal), list(external), projects),
    )
    return realms


def _fetch_reference(conn: psycopg.Connection, project_id: str) -> str:
    """Company info, chart of accounts and tax codes of one project's company, fetched by
    the workers; returns its integration id."""
    [log_ids] = conn.execute(
        "select array_agg(private.enqueue_sync_run(pi.id, null, 'on_manual', a, null, null,"
        " '{}', null)) from public.project_integrations as pi"
        " join public.integration_providers as p on p.id = pi.provider_id and p.key = 'quickbooks'"
        " cross join unnest(array['qb_company_info', 'qb_chart_of_accounts', 'qb_tax_codes']) as a"
        " where pi.project_id = %s",
        (project_id,),
    ).fetchone() or [None]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        statuses = [
            row[0]
            for row in conn.execute(
                "select status::text from public.integration_sync_logs where id = any(%s)",
                (log_ids,),
            )
        ]
        if all(s in ("success", "partial_success", "failed") for s in statuses):
            assert set(statuses) == {"success"}, statuses
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the reference data was not fetched within 120 s")
    row = conn.execute(
        "select pi.id::text from public.project_integrations as pi"
        " join public.integration_providers as p on p.id = pi.provider_id and p.key = 'quickbooks'"
        " where pi.project_id = %s",
        (project_id,),
    ).fetchone()
    assert row is not None
    return str(row[0])


def _copy_reference(conn: psycopg.Connection, source: str, projects: list[str]) -> None:
    """What the reference fetches cached for `source` (every seeded GB company reads the
    same), copied to the QuickBooks integrations of `projects`: their company settings
    (their own keys, such as the realm, kept) and reference data."""
    targets = conn.execute(
        "select pi.id from public.project_integrations as pi join public.project_integrations"
        " as s on s.id = %s and s.provider_id = pi.provider_id"
        " where pi.project_id = any(%s::uuid[]) and pi.id <> s.id",
        (source, projects),
    ).fetchall()
    ids = [row[0] for row in targets]
    conn.execute(
        "update public.project_integrations as pi set settings = s.settings || pi.settings"
        " from public.project_integrations as s where s.id = %s and pi.id = any(%s)",
        (source, ids),
    )
    conn.execute(
        "insert into public.integration_reference_data (provider_id, project_integration_id,"
        " kind, external_id, code, name, parent_external_id, is_active, data)"
        " select r.provider_id, t.id, r.kind, r.external_id, r.code, r.name,"
        " r.parent_external_id, r.is_active, r.data"
        " from public.integration_reference_data as r cross join unnest(%s::uuid[]) as t (id)"
        " where r.project_integration_id = %s",
        (ids, source),
    )


def draft_expenses(conn: psycopg.Connection, projects: list[str], tag: str) -> list[str]:
    """One Draft expense (one line, £100 + 20% VAT) per entry of `projects`, each with a
    supplier of its project's own; references are `tag-<n>`. Returns the ids in order."""
    rows = conn.execute(
        """
with wanted as (
    select p.project_id, p.n from unnest(%s::uuid[]) with ordinality as p (project_id, n)
),
suppliers as (
    insert into public.project_relationships (project_id, entity_type, role_can_be_vendor,
        display_name, legal_name, email, country_code, currency_code)
    select w.project_id, 'Business', true, 'Supplier ' || %s || '-' || w.n,
        'Supplier ' || %s || '-' || w.n || ' Ltd', 'accounts' || w.n || '@supplier.example',
        'GB', 'GBP'
    from wanted as w
    returning id, project_id, display_name
),
made as (
    insert into public.transactions (project_id, relationship_id, transaction_type,
        transaction_direction, status, reference, description, transaction_date,
        currency_code, subtotal_amount, tax_amount, total_amount, payment_method,
        payment_account_code)
    select s.project_id, s.id, 'Expense', 'inbound', 'Draft',
        %s || '-' || split_part(s.display_name, '-', 2), 'Scale item', current_date, 'GBP',
        100, 20, 120, 'Credit Card', '1200'
    from suppliers as s
    returning id, reference
),
lines as (
    insert into public.transaction_lines (transaction_id, line_number, description, quantity,
        unit_amount, amount, tax_amount, account_code, tax_code)
    select id, 1, 'Goods', 1, 100, 100, 20, '5000', '20.0S' from made
)
select id::text from made order by split_part(reference, '-', 2)::integer
""",
        (projects, tag, tag, tag),
    ).fetchall()
    return [row[0] for row in rows]
