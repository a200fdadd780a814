create table public.integration_entity_mappings (
    id uuid primary key default gen_random_uuid(),
    project_integration_id uuid not null
    references public.project_integrations (id) on delete cascade,
    entity_type text not null,
    internal_id text not null,
    external_id text not null,
    external_version text,
    sync_hash text,
    created_via text not null default 'sync' check (created_via in ('sync', 'link', 'match')),
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

create index integration_entity_mappings_created_by_idx
on public.integration_entity_mappings (created_by);

alter table public.integration_entity_mappings enable row level security;

-- Clients do not write mappings (a mapping steers the integration's workers): a person
-- links a record by hand through integration_link_record / integration_unlink_record /
-- integration_map_code, which check the permission and set who and how on the server.
revoke insert, update, delete on public.integration_entity_mappings from anon, authenticated;

comment on column public.integration_entity_mappings.created_via is
'link: a person linked the record by hand (fires on_link features); sync: a sync created it; '
'match: a sync linked it to the provider''s record of the same name, whose fields it leaves '
'as they are unless the feature owns them (owns_fields).';
