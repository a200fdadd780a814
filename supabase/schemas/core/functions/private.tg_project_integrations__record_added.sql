-- History of integrations added: one 'added' row per new integration, as
-- private.tg_project_integrations__record_history records the other changes. Statement-level
-- (a transition table): a project created in a covered country, or a bulk import of them,
-- writes its history in one set-based insert with the actor looked up once.
create function private.tg_project_integrations__record_added()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    insert into public.integration_config_history (
        project_id, project_integration_id, provider_id, feature_id, actor_kind, actor_id,
        actor_name, object, action, before, after
    )
    select
        n.project_id, n.id, n.provider_id, null, a.kind, a.id, a.name, 'integration', 'added', null,
        pg_catalog.jsonb_build_object('status', n.status, 'is_enabled', n.is_enabled)
    from new_rows as n
    cross join private.config_change_actor() as a
    where exists (select from public.projects as p where p.id = n.project_id);
    return null;
end
$$;

revoke all on function private.tg_project_integrations__record_added() from public;
