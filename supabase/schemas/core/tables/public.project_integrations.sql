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

alter table public.project_integrations enable row level security;

-- What signed-in users may write, column by column (RLS decides which rows): a person
-- with integration:manage switches an integration on or off; the connection state (status,
-- account, expiry, errors) is written only by Plugboard, and settings only by the server
-- actions and the validated RPCs (hmrc_set_references, quickbooks_set_book_close_date),
-- never directly (a VRN the RPC refuses could reach a URL, issue #18). A person switching
-- an integration makes it theirs: the country trigger leaves it alone after.
revoke insert, update on public.project_integrations from authenticated;

grant insert (project_id, provider_id, is_enabled) on public.project_integrations to authenticated;

grant update (is_enabled) on public.project_integrations to authenticated;
