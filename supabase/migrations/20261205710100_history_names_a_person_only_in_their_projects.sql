-- A person's "Test connection" is recorded under their name in their project's history
-- (the console's connection test now names them, python_workers/connections/connection_test.py),
-- and only there: one statement can change other projects' integrations too (the Companies
-- House key's test moves every project's Companies House integration), whose history
-- records that change as Plugboard's, not under a name those projects may not read.

create or replace function private.record_config_change(
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
    v_actor record;
begin
    if not exists (select from public.projects as p where p.id = p_project_id) then
        return;
    end if;
    select a.kind, a.id, a.name into v_actor from private.config_change_actor() as a;
    if v_actor.kind = 'user' and not exists (
        select from public.project_members as m where m.project_id = p_project_id and m.user_id = v_actor.id
    ) then
        select 'system' as kind, null::uuid as id, null::text as name into v_actor;
    end if;
    insert into public.integration_config_history (
        project_id, project_integration_id, provider_id, feature_id, actor_kind, actor_id,
        actor_name, object, action, before, after
    ) values (
        p_project_id, p_project_integration_id, p_provider_id, p_feature_id,
        v_actor.kind, v_actor.id, v_actor.name, p_object, p_action, p_before, p_after
    );
end
$$;

revoke all on function private.record_config_change(uuid, uuid, uuid, uuid, text, text, jsonb, jsonb) from public;
