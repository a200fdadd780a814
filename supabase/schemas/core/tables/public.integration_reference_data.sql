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

alter table public.integration_reference_data enable row level security;
