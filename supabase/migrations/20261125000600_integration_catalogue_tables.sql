-- The catalogue: providers, the countries each supports, and the sync features each
-- offers. Seeded by the catalogue migration; readable by every signed-in user.

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
    updated_at timestamptz not null default now()
);

comment on column public.integration_providers.client_actions is
'SQL client actions callable through integration_client_action(provider, action, params).';
comment on column public.integration_providers.server_actions is
'Python server actions registered in python_workers/providers/<key>/processor.py.';

create table public.integration_provider_countries (
    provider_id uuid not null references public.integration_providers (id) on delete cascade,
    country_code text not null check (private.is_iso_country(country_code)),
    primary key (provider_id, country_code)
);

create index integration_provider_countries_country_code_idx
on public.integration_provider_countries (country_code);

create table public.integration_features (
    id uuid primary key default gen_random_uuid(),
    provider_id uuid not null references public.integration_providers (id) on delete cascade,
    key text not null check (key ~ '^[a-z][a-z0-9_]*$'),
    name text not null,
    description text not null default '',
    default_trigger public.sync_trigger_type not null,
    default_trigger_config jsonb not null default '{}',
    sync_direction public.sync_direction not null,
    entity_type text not null,
    server_action text,
    is_active boolean not null default true,
    sort_order integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (provider_id, key)
);

comment on column public.integration_features.entity_type is
'The kind of record the feature syncs, as mappings and logs name it (vendor, transaction, …).';
comment on column public.integration_features.server_action is
'The server action a run of this feature calls (registered for the provider); null when '
'the feature only keeps data in Plugboard (no provider API backs it).';

create trigger "10_set_updated_at"
before update on public.integration_providers
for each row execute function private.tg_set_updated_at();

create trigger "10_set_updated_at"
before update on public.integration_features
for each row execute function private.tg_set_updated_at();
