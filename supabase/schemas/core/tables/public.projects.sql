-- Host-app tables: projects (tenants, with their country), roles, permissions and who is a
-- member of which project with which role. Integrations hang off projects.
create table public.projects (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(btrim(name)) between 1 and 200),
    country_code text check (private.is_iso_country(country_code)),
    created_by uuid references auth.users (id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

comment on column public.projects.country_code is
'ISO 3166-1 alpha-2; decides which integrations switch on (auto_enable_integrations).';

create index projects_created_by_idx on public.projects (created_by);

alter table public.projects enable row level security;
