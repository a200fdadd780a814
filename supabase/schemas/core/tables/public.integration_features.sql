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
    validation_action text,
    needs_browser_values boolean not null default false,
    unique (provider_id, key)
);

comment on column public.integration_features.entity_type is
'The kind of record the feature syncs, as mappings and logs name it (vendor, transaction, …).';

comment on column public.integration_features.server_action is
'The server action a run of this feature calls (registered for the provider); null when '
'the feature only keeps data in Plugboard (no provider API backs it).';

alter table public.integration_features enable row level security;

comment on column public.integration_features.validation_action is
'The provider''s client action that must return valid before a record is pushed by this '
'feature (called with the record''s id and the feature key); null when nothing is pushed.';

comment on column public.integration_features.needs_browser_values is
'A run of this feature carries the browser values of the person who asked for it (HMRC''s '
'fraud-prevention headers), deleted when the run ends: it can only be asked for again from the '
'app, and public.integration_retry_sync refuses it.';
