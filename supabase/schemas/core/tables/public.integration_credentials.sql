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
    refresh_failure_count integer not null default 0 check (refresh_failure_count >= 0),
    last_refreshed_at timestamptz,
    verified_at timestamptz,
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

alter table public.integration_credentials enable row level security;

revoke all on public.integration_credentials from anon, authenticated;

create index integration_credentials_project_integration_id_idx
on public.integration_credentials (project_integration_id);

create index integration_credentials_provider_id_idx
on public.integration_credentials (provider_id);

comment on column public.integration_credentials.refresh_failure_count is
'Consecutive transient failures of the token endpoint; reset by the next success.';

comment on column public.integration_credentials.verified_at is
'When a real call to the provider last accepted this credential (testConnection).';
