-- The audit log of every sync, internal <-> external id mappings, and cached reference
-- data (chart of accounts, tax codes, SIC codes, …).
create table public.integration_sync_logs (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references public.projects (id) on delete cascade,
    project_integration_id uuid references public.project_integrations (id) on delete cascade,
    provider_id uuid not null references public.integration_providers (id) on delete restrict,
    feature_id uuid references public.integration_features (id) on delete set null,
    trigger_type public.sync_trigger_type not null,
    direction public.sync_direction not null,
    status public.sync_status not null default 'pending',
    action text not null,
    entity_type text,
    entity_id text,
    external_id text,
    records_processed integer not null default 0 check (records_processed >= 0),
    records_created integer not null default 0 check (records_created >= 0),
    records_updated integer not null default 0 check (records_updated >= 0),
    records_skipped integer not null default 0 check (records_skipped >= 0),
    records_failed integer not null default 0 check (records_failed >= 0),
    error_code text,
    error_message text,
    attempt integer not null default 0 check (attempt >= 0),
    details jsonb not null default '{}',
    requested_by uuid references auth.users (id) on delete set null,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz,
    duration_ms bigint generated always as (
        (extract(epoch from finished_at - started_at) * 1000)::bigint
    ) stored,
    records_linked integer not null default 0 check (records_linked >= 0),
    check (finished_at is null or started_at is null or finished_at >= started_at),
    check (status <> 'failed' or error_message is not null)
);

comment on column public.integration_sync_logs.details is
'Non-secret facts of the run (receipts, per-record errors). Never a token or key.';

-- The Logs page pages by (created_at, id) newest first, per project or per integration.
create index integration_sync_logs_project_time_idx
on public.integration_sync_logs (project_id, created_at desc, id desc);

create index integration_sync_logs_project_integration_time_idx
on public.integration_sync_logs (project_integration_id, created_at desc, id desc);

create index integration_sync_logs_feature_id_idx on public.integration_sync_logs (feature_id);

create index integration_sync_logs_provider_id_idx on public.integration_sync_logs (provider_id);

create index integration_sync_logs_requested_by_idx
on public.integration_sync_logs (requested_by);

alter table public.integration_sync_logs enable row level security;

create index integration_sync_logs_project_status_time_idx
on public.integration_sync_logs (project_id, status, created_at desc, id desc);

create index integration_sync_logs_project_feature_time_idx
on public.integration_sync_logs (project_id, feature_id, created_at desc, id desc);

create index integration_sync_logs_project_entity_time_idx
on public.integration_sync_logs (project_id, entity_type, entity_id, created_at desc, id desc)
where entity_id is not null;

-- `plugboard status` counts the last hour's failed runs across every project: only failed
-- logs, by when they finished (the indexes above all lead with a project).
create index integration_sync_logs_failed_finished_idx
on public.integration_sync_logs (finished_at)
where status = 'failed';

comment on column public.integration_sync_logs.records_linked is
'Records mapped to an entity the provider already held, left as it was there (not '
'counted in records_created or records_updated); details.linked names each one.';
