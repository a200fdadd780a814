create or replace function private.tg_integration_features__check_trigger_config()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.assert_trigger_config(new.default_trigger, new.default_trigger_config);
    perform private.assert_schedule_interval(new.default_trigger, new.default_trigger_config, new.provider_id);
    return new;
end
$$;

revoke all on function private.tg_integration_features__check_trigger_config() from public;
