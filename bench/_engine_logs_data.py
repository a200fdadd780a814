"""5,000,000 sync log rows for the Logs page benchmark, set-based: 4,000,000 in the
benchmarked project over a year (statuses mostly success, 2% failed; features and
triggers mixed; an entity per row), 1,000,000 in 99 other projects. Indexes are dropped
for the load and built again after it and the table's triggers are off during it (what a
restore does), then the table is analysed."""

from __future__ import annotations

from uuid import UUID

import psycopg

TOTAL = 5_000_000
MAIN_SHARE = 4_000_000
ROWS = """
insert into public.integration_sync_logs (
    id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction,
    status, action, entity_type, entity_id, error_message, created_at)
select
    gen_random_uuid(),
    case when i <= %(main)s then %(project)s::uuid else o.ids[1 + i %% 99] end,
    case when i <= %(main)s then %(integration)s::uuid end,
    %(provider)s, (%(features)s::uuid[])[1 + i %% 6],
    (array['on_status_change', 'on_manual', 'on_schedule', 'on_link', 'realtime'])[1 + i %% 5]
        ::public.sync_trigger_type,
    'outbound',
    (case when i %% 50 = 0 then 'failed' when i %% 97 = 0 then 'partial_success' else 'success' end)
        ::public.sync_status,
    'act', 'payment', 'tx-' || (i %% 200000),
    case when i %% 50 = 0 then 'the provider said no' end,
    now() - (i * interval '6 seconds')
from generate_series(1, %(total)s) as i,
    (select array_agg(id) as ids from public.projects where id <> %(project)s) as o
"""


def load_logs(
    conn: psycopg.Connection,
    project: UUID,
    integration: UUID,
    provider: UUID,
    features: list[UUID],
) -> None:
    conn.execute(
        "insert into public.projects (name) select 'other ' || i from generate_series(1, 99) as i"
    )
    indexes = [
        (name, definition)
        for name, definition in conn.execute(
            "select indexname, indexdef from pg_indexes where schemaname = 'public'"
            " and tablename = 'integration_sync_logs' and indexname <> 'integration_sync_logs_pkey'"
        ).fetchall()
    ]
    for name, _ in indexes:
        conn.execute(f'drop index public."{name}"')
    with conn.transaction():
        # as pg_restore --disable-triggers does, the table's own triggers sleep through the
        # load (the run's project check and the chart's cache drop, ~40 us a row together:
        # over 3 minutes at 5,000,000): the rows are made consistent with what the check
        # checks, no chart has counted a day yet, and the foreign keys still check every row
        conn.execute("alter table public.integration_sync_logs disable trigger user")
        loaded = conn.execute(
            ROWS,
            {
                "main": MAIN_SHARE,
                "total": TOTAL,
                "project": project,
                "integration": integration,
                "provider": provider,
                "features": features,
            },
        )
        assert loaded.rowcount == TOTAL, loaded.rowcount
        conn.execute("alter table public.integration_sync_logs enable trigger user")
    conn.execute("set maintenance_work_mem = '512MB'")
    for _, definition in indexes:
        conn.execute(definition)
    conn.execute("analyze public.integration_sync_logs")


def add_owner(conn: psycopg.Connection, project: UUID) -> UUID:
    """A person who owns `project` (the Logs page is read as them, through RLS)."""
    owner = conn.execute(
        "insert into auth.users (id, email) values (gen_random_uuid(), 'owner@bench.invalid')"
        " returning id"
    ).fetchone()
    assert owner is not None
    conn.execute(
        "insert into public.project_members (project_id, user_id, role_id)"
        " select %s, %s, id from public.roles where key = 'project:owner'",
        (project, owner[0]),
    )
    return UUID(str(owner[0]))
