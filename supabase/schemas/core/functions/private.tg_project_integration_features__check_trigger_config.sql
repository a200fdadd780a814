-- Both trigger functions are security definer: they run for members editing overrides,
-- who may not call the private validators directly.
-- An override is checked as it takes effect: the override or the feature's default for
-- whichever of trigger and config is not overridden.
create or replace function private.tg_project_integration_features__check_trigger_config()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_feature public.integration_features;
begin
    if new.trigger_type is null and new.trigger_config is null then
        return new;
    end if;
    select * into v_feature from public.integration_features as f where f.id = new.feature_id;
    perform private.assert_trigger_config(
        coalesce(new.trigger_type, v_feature.default_trigger),
        coalesce(new.trigger_config, v_feature.default_trigger_config)
    );
    perform private.assert_schedule_interval(
        coalesce(new.trigger_type, v_feature.default_trigger),
        coalesce(new.trigger_config, v_feature.default_trigger_config),
        v_feature.provider_id
    );
    return new;
end
$$;

revoke all on function private.tg_project_integration_features__check_trigger_config() from public;
