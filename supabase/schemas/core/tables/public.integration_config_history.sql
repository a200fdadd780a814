-- Configuration history (issue #23): every change to a project's integrations, features,
-- triggers, settings, references and credentials, written by the database's own triggers
-- (supabase/schemas/core/triggers/) whatever the path (RPC, service role, worker). Who,
-- when, what, before and after; never a secret (a credential records only that it was
-- set, replaced or removed). No foreign key to the integration or feature: the history of
-- a removed integration stays with its project.
create table public.integration_config_history (
    id bigint generated always as identity primary key,
    project_id uuid not null references public.projects (id) on delete cascade,
    project_integration_id uuid not null,
    provider_id uuid not null,
    feature_id uuid,
    at timestamptz not null default now(),
    actor_kind text not null check (actor_kind in ('user', 'service_role', 'system')),
    actor_id uuid,
    actor_name text,
    object text not null check (
        object in ('integration', 'feature', 'credential', 'settings', 'references')
    ),
    action text not null,
    before jsonb,
    after jsonb,
    check ((actor_kind = 'user') = (actor_id is not null))
);

comment on table public.integration_config_history is
'Who changed what in a project''s integration configuration, and when; written only by '
'triggers, readable by members with integration:manage.';

comment on column public.integration_config_history.actor_kind is
'user: a signed-in person (actor_id, actor_name); service_role: a trusted server app; '
'system: Plugboard itself (workers, cron, the country trigger).';

create index integration_config_history_project_id_at_idx
on public.integration_config_history (project_id, at desc, id desc);

alter table public.integration_config_history enable row level security;

-- written by the triggers alone: no API role inserts, edits or deletes history
revoke insert, update, delete on public.integration_config_history
from anon, authenticated, service_role;
