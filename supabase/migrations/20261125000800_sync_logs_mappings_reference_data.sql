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

create table public.integration_entity_mappings (
    id uuid primary key default gen_random_uuid(),
    project_integration_id uuid not null
    references public.project_integrations (id) on delete cascade,
    entity_type text not null,
    internal_id text not null,
    external_id text not null,
    external_version text,
    sync_hash text,
    created_via text not null default 'sync' check (created_via in ('sync', 'link')),
    is_stale boolean not null default false,
    stale_reason text,
    last_synced_at timestamptz,
    created_by uuid references auth.users (id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (project_integration_id, entity_type, internal_id),
    unique (project_integration_id, entity_type, external_id)
);

comment on column public.integration_entity_mappings.external_version is
'The provider''s version of the record when last synced (QuickBooks SyncToken).';
comment on column public.integration_entity_mappings.created_via is
'link: a person linked the record by hand (fires on_link features); sync: a sync created it.';

create index integration_entity_mappings_created_by_idx
on public.integration_entity_mappings (created_by);

create table public.integration_reference_data (
    id uuid primary key default gen_random_uuid(),
    provider_id uuid not null references public.integration_providers (id) on delete cascade,
    project_integration_id uuid references public.project_integrations (id) on delete cascade,
    kind text not null check (kind ~ '^[a-z][a-z0-9_]*$'),
    external_id text not null,
    code text,
    name text not null,
    parent_external_id text,
    is_active boolean not null default true,
    data jsonb not null default '{}',
    fetched_at timestamptz not null default now(),
    deactivated_at timestamptz,
    -- one row per (project integration, or global when null; kind; external id)
    unique nulls not distinct (project_integration_id, provider_id, kind, external_id)
);

comment on column public.integration_reference_data.project_integration_id is
'null: global reference data shared by every project (e.g. SIC codes).';

create index integration_reference_data_provider_kind_idx
on public.integration_reference_data (provider_id, kind);

create trigger "10_set_updated_at"
before update on public.integration_entity_mappings
for each row execute function private.tg_set_updated_at();
