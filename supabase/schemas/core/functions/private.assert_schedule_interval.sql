create function private.assert_schedule_interval(
    p_trigger public.sync_trigger_type, p_config jsonb, p_provider_id uuid
)
returns void
language plpgsql stable
set search_path = ''
as $$
declare
    v_error text := private.schedule_interval_error(p_trigger, p_config, p_provider_id);
begin
    if v_error is not null then
        raise exception using errcode = 'PB400', message = v_error;
    end if;
end
$$;

revoke all on function private.assert_schedule_interval(public.sync_trigger_type, jsonb, uuid) from public;
