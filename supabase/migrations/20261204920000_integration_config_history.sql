-- Configuration history (issue #23): the table, its recorder and the triggers that write it on
-- every change to project_integrations, project_integration_features and
-- integration_credentials; the view the Configuration page reads; RLS (integration:manage).

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

-- Appends one row to public.integration_config_history for the history triggers: the
-- actor is the signed-in person (with their name), else the service role, else Plugboard
-- itself. Skipped when the project is being deleted (its history goes with it). Callers
-- pass facts only, never a secret.
create function private.record_config_change(
    p_project_id uuid,
    p_project_integration_id uuid,
    p_provider_id uuid,
    p_feature_id uuid,
    p_object text,
    p_action text,
    p_before jsonb,
    p_after jsonb
)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_uid uuid := private.caller_uid();
    v_name text;
begin
    if not exists (select from public.projects as p where p.id = p_project_id) then
        return;
    end if;
    if v_uid is not null then
        select coalesce(u.raw_user_meta_data ->> 'full_name', u.raw_user_meta_data ->> 'name', u.email)
        into v_name
        from auth.users as u where u.id = v_uid;
    end if;
    insert into public.integration_config_history (
        project_id, project_integration_id, provider_id, feature_id, actor_kind, actor_id,
        actor_name, object, action, before, after
    ) values (
        p_project_id, p_project_integration_id, p_provider_id, p_feature_id,
        case
            when v_uid is not null then 'user'
            when private.caller_is_service_role() then 'service_role'
            else 'system'
        end,
        v_uid, v_name, p_object, p_action, p_before, p_after
    );
end
$$;

revoke all on function private.record_config_change(uuid, uuid, uuid, uuid, text, text, jsonb, jsonb) from public;

-- History of an integration row: added or removed; a status change (connect, disconnect,
-- or status_changed for Error / Expired / Pending); switched on or off; settings changed
-- (the HMRC identifiers recorded as references, other keys as settings, each with only the
-- keys that changed). Timestamps, errors and account facts alone record nothing.
-- Security definer: it writes the history, which no API role may.
create function private.tg_project_integrations__record_history()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_row public.project_integrations := case tg_op when 'DELETE' then old else new end;
    v_reference_keys constant text[] := array[
        'vrn', 'utr', 'employer_paye_reference', 'accounts_office_reference'
    ];
    v_changed text[];
    v_keys text[];
    v_object text;
begin
    if tg_op in ('INSERT', 'DELETE') then
        perform private.record_config_change(
            v_row.project_id, v_row.id, v_row.provider_id, null, 'integration',
            case tg_op when 'INSERT' then 'added' else 'removed' end,
            case tg_op when 'DELETE' then pg_catalog.jsonb_build_object(
                'status', old.status, 'is_enabled', old.is_enabled
            ) end,
            case tg_op when 'INSERT' then pg_catalog.jsonb_build_object(
                'status', new.status, 'is_enabled', new.is_enabled
            ) end
        );
        return null;
    end if;
    if new.status is distinct from old.status then
        perform private.record_config_change(
            new.project_id, new.id, new.provider_id, null, 'integration',
            case
                when new.status = 'Connected' then 'connect'
                when new.status = 'Disconnected' then 'disconnect'
                else 'status_changed'
            end,
            pg_catalog.jsonb_build_object('status', old.status),
            pg_catalog.jsonb_build_object('status', new.status)
        );
    end if;
    if new.is_enabled is distinct from old.is_enabled then
        perform private.record_config_change(
            new.project_id, new.id, new.provider_id, null, 'integration',
            case when new.is_enabled then 'enabled' else 'disabled' end,
            pg_catalog.jsonb_build_object('is_enabled', old.is_enabled),
            pg_catalog.jsonb_build_object('is_enabled', new.is_enabled)
        );
    end if;
    if new.settings is distinct from old.settings then
        select coalesce(pg_catalog.array_agg(k.key), '{}') into v_changed
        from (
            select o.key from pg_catalog.jsonb_object_keys(old.settings) as o (key)
            union
            select n.key from pg_catalog.jsonb_object_keys(new.settings) as n (key)
        ) as k
        where old.settings -> k.key is distinct from new.settings -> k.key;
        foreach v_object in array array['references', 'settings'] loop
            v_keys := array(
                select c.key from pg_catalog.unnest(v_changed) as c (key)
                where (c.key = any(v_reference_keys)) = (v_object = 'references')
                order by c.key
            );
            if pg_catalog.cardinality(v_keys) > 0 then
                perform private.record_config_change(
                    new.project_id, new.id, new.provider_id, null, v_object, v_object || '_changed',
                    (
                        select coalesce(pg_catalog.jsonb_object_agg(k.key, old.settings -> k.key), '{}')
                        from pg_catalog.unnest(v_keys) as k (key) where old.settings ? k.key
                    ),
                    (
                        select coalesce(pg_catalog.jsonb_object_agg(k.key, new.settings -> k.key), '{}')
                        from pg_catalog.unnest(v_keys) as k (key) where new.settings ? k.key
                    )
                );
            end if;
        end loop;
    end if;
    return null;
end
$$;

revoke all on function private.tg_project_integrations__record_history() from public;

-- History of a feature's per-project state: switched on or off, its trigger type or config
-- changed. A missing override row means the defaults (on, the feature's own trigger), so
-- an insert or delete records only what differs from them. Skipped while the integration
-- itself is being removed.
-- Security definer: it writes the history, which no API role may.
create function private.tg_project_integration_features__record_history()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_row public.project_integration_features := case tg_op when 'DELETE' then old else new end;
    v_integration public.project_integrations;
    v_old_enabled boolean := case tg_op when 'INSERT' then true else old.is_enabled end;
    v_new_enabled boolean := case tg_op when 'DELETE' then true else new.is_enabled end;
    v_old_trigger jsonb := case tg_op when 'INSERT' then null else pg_catalog.jsonb_build_object(
        'trigger_type', old.trigger_type, 'trigger_config', old.trigger_config
    ) end;
    v_new_trigger jsonb := case tg_op when 'DELETE' then null else pg_catalog.jsonb_build_object(
        'trigger_type', new.trigger_type, 'trigger_config', new.trigger_config
    ) end;
    v_default_trigger constant jsonb := '{"trigger_type": null, "trigger_config": null}'::jsonb;
begin
    select pi.* into v_integration from public.project_integrations as pi
    where pi.id = v_row.project_integration_id;
    if not found then
        return null;
    end if;
    if v_new_enabled is distinct from v_old_enabled then
        perform private.record_config_change(
            v_integration.project_id, v_integration.id, v_integration.provider_id, v_row.feature_id,
            'feature', case when v_new_enabled then 'enabled' else 'disabled' end,
            pg_catalog.jsonb_build_object('is_enabled', v_old_enabled),
            pg_catalog.jsonb_build_object('is_enabled', v_new_enabled)
        );
    end if;
    if coalesce(v_new_trigger, v_default_trigger) is distinct from coalesce(v_old_trigger, v_default_trigger) then
        perform private.record_config_change(
            v_integration.project_id, v_integration.id, v_integration.provider_id, v_row.feature_id,
            'feature', 'trigger_changed',
            coalesce(v_old_trigger, v_default_trigger), coalesce(v_new_trigger, v_default_trigger)
        );
    end if;
    return null;
end
$$;

revoke all on function private.tg_project_integration_features__record_history() from public;

-- History of a project's credential: set (a first save, e.g. an API key or the OAuth
-- tokens of a connect) or removed. Records that it happened and its non-secret facts
-- (scopes), never the secret or its Vault id. Updates (token refreshes, a replaced secret
-- under the same Vault id) record nothing: a reconnect shows as the integration's
-- status change. A global credential belongs to no project and is not recorded here.
-- Security definer: it writes the history, which no API role may.
create function private.tg_integration_credentials__record_history()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_row public.integration_credentials := case tg_op when 'DELETE' then old else new end;
    v_integration public.project_integrations;
begin
    if v_row.project_integration_id is null then
        return null;
    end if;
    select pi.* into v_integration from public.project_integrations as pi
    where pi.id = v_row.project_integration_id;
    if not found then
        return null;
    end if;
    perform private.record_config_change(
        v_integration.project_id, v_integration.id, v_integration.provider_id, null, 'credential',
        case tg_op when 'INSERT' then 'key_set' else 'key_removed' end,
        case tg_op when 'DELETE' then pg_catalog.jsonb_build_object('scopes', old.scopes) end,
        case tg_op when 'INSERT' then pg_catalog.jsonb_build_object('scopes', new.scopes) end
    );
    return null;
end
$$;

revoke all on function private.tg_integration_credentials__record_history() from public;

-- The configuration history as the Configuration page reads it: newest first by (at, id),
-- with the provider's and feature's names. security_invoker: the caller's RLS applies
-- (integration:manage on the project).
create view public.v_integration_config_history
with (security_invoker = true) as
select
    h.id,
    h.project_id,
    h.project_integration_id,
    h.provider_id,
    p.key as provider_key,
    p.name as provider_name,
    h.feature_id,
    f.key as feature_key,
    f.name as feature_name,
    h.at,
    h.actor_kind,
    h.actor_id,
    coalesce(
        h.actor_name,
        case h.actor_kind when 'service_role' then 'A server app' when 'system' then 'Plugboard' end
    ) as actor_name,
    h.object,
    h.action,
    h.before,
    h.after
from public.integration_config_history as h
left join public.integration_providers as p on h.provider_id = p.id
left join public.integration_features as f on h.feature_id = f.id;

revoke all on public.v_integration_config_history from anon;

grant select on public.v_integration_config_history to authenticated, service_role;

revoke insert, update, delete on public.v_integration_config_history from authenticated;

/** --- Configuration history: those who may change the configuration read it --- */

create policy integration_config_history_select on public.integration_config_history
for select to authenticated
using (project_id in (select private.permitted_project_ids('integration:manage')));

create trigger "90_record_history"
after insert or update or delete on public.project_integrations
for each row execute function private.tg_project_integrations__record_history();

create trigger "90_record_history"
after insert or update or delete on public.project_integration_features
for each row execute function private.tg_project_integration_features__record_history();

create trigger "90_record_history"
after insert or delete on public.integration_credentials
for each row execute function private.tg_integration_credentials__record_history();
