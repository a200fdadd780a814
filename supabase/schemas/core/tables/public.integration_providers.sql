-- The catalogue: providers, the countries each supports, and the sync features each
-- offers. Filled by private.register_provider (supabase/schemas/providers/<key>/
-- registration.sql); readable by every signed-in user.
create table public.integration_providers (
    id uuid primary key default gen_random_uuid(),
    key text not null unique check (key ~ '^[a-z][a-z0-9_]*$'),
    name text not null,
    description text not null default '',
    auth_method public.integration_auth_method not null,
    credential_scope public.integration_credential_scope not null,
    auto_enable_for_country boolean not null default false,
    is_active boolean not null default true,
    website_url text,
    docs_url text,
    client_actions text[] not null default '{}',
    server_actions text[] not null default '{}',
    sort_order integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    min_schedule_interval interval check (min_schedule_interval > interval '0')
);

comment on column public.integration_providers.client_actions is
'SQL client actions callable through integration_client_action(provider, action, params).';

comment on column public.integration_providers.server_actions is
'Python server actions registered in python_workers/providers/<key>/processor.py.';

alter table public.integration_providers enable row level security;

comment on column public.integration_providers.min_schedule_interval is
'Least time between two scheduled runs of one feature for one project, for providers '
'whose request budget every project shares; null: no minimum (a budget per project).';
