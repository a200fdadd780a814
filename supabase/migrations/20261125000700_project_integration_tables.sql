-- Per-project connections, their credentials (the secret itself only in Vault) and the
-- per-project state of each feature (enabled, trigger overrides).

create table public.project_integrations (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references public.projects (id) on delete cascade,
    provider_id uuid not null references public.integration_providers (id) on delete restrict,
    status public.integration_connection_status not null default 'Pending',
    is_enabled boolean not null default true,
    enabled_by text not null default 'manual' check (enabled_by in ('auto', 'manual')),
    external_account_id text,
    external_account_name text,
    connected_at timestamptz,
    connection_expires_at timestamptz,
    last_error_code text,
    last_error_message text,
    last_error_at timestamptz,
    settings jsonb not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (project_id, provider_id)
);

comment on column public.project_integrations.enabled_by is
'auto: switched by auto_enable_integrations() as the country changes; manual: a person '
'enabled or disabled it, and the country trigger leaves it alone.';
comment on column public.project_integrations.connection_expires_at is
'When the connection stops working without a reconnect (e.g. the refresh token''s hard '
'expiry); not a secret, mirrored here so members can see the warning.';

create index project_integrations_provider_id_idx on public.project_integrations (provider_id);

create table public.integration_credentials (
    id uuid primary key default gen_random_uuid(),
    provider_id uuid not null references public.integration_providers (id) on delete restrict,
    project_integration_id uuid references public.project_integrations (id) on delete cascade,
    scope public.integration_credential_scope not null,
    vault_secret_id uuid not null,
    token_expires_at timestamptz,
    refresh_token_expires_at timestamptz,
    scopes text[] not null default '{}',
    external_account_id text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (
        (scope = 'global' and project_integration_id is null)
        or (scope = 'per_project' and project_integration_id is not null)
    )
);

comment on table public.integration_credentials is
'Non-secret facts of a credential; the secret (tokens, API key) lives in Vault under '
'vault_secret_id. service_role only.';

create unique index integration_credentials_global_uidx
on public.integration_credentials (provider_id) where scope = 'global';
create unique index integration_credentials_project_integration_uidx
on public.integration_credentials (project_integration_id) where scope = 'per_project';

create table public.project_integration_features (
    id uuid primary key default gen_random_uuid(),
    project_integration_id uuid not null
    references public.project_integrations (id) on delete cascade,
    feature_id uuid not null references public.integration_features (id) on delete cascade,
    is_enabled boolean not null default true,
    trigger_type public.sync_trigger_type,
    trigger_config jsonb,
    last_run_at timestamptz,
    next_run_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (project_integration_id, feature_id)
);

comment on column public.project_integration_features.trigger_type is
'Per-project override of the feature''s default trigger; null means the default.';
comment on column public.project_integration_features.trigger_config is
'Per-project override of the default trigger config; null means the default.';

create index project_integration_features_feature_id_idx
on public.project_integration_features (feature_id);

create trigger "10_set_updated_at"
before update on public.project_integrations
for each row execute function private.tg_set_updated_at();

create trigger "10_set_updated_at"
before update on public.integration_credentials
for each row execute function private.tg_set_updated_at();

create trigger "10_set_updated_at"
before update on public.project_integration_features
for each row execute function private.tg_set_updated_at();
