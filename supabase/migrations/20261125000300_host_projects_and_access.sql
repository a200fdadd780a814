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

create table public.roles (
    id uuid primary key default gen_random_uuid(),
    key text not null unique,
    name text not null
);

create table public.permissions (
    key text primary key,
    description text not null
);

create table public.role_permissions (
    role_id uuid not null references public.roles (id) on delete cascade,
    permission_key text not null references public.permissions (key) on delete cascade,
    primary key (role_id, permission_key)
);

create table public.project_members (
    project_id uuid not null references public.projects (id) on delete cascade,
    user_id uuid not null references auth.users (id) on delete cascade,
    role_id uuid not null references public.roles (id) on delete restrict,
    created_at timestamptz not null default now(),
    primary key (project_id, user_id)
);

create index project_members_user_id_idx on public.project_members (user_id);
create index project_members_role_id_idx on public.project_members (role_id);
create index role_permissions_permission_key_idx on public.role_permissions (permission_key);
create index projects_created_by_idx on public.projects (created_by);

create trigger "10_set_updated_at"
before update on public.projects
for each row execute function private.tg_set_updated_at();
