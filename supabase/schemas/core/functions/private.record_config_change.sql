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
