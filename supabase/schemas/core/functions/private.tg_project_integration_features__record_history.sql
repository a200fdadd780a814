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
