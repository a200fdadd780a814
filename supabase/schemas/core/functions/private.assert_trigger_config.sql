-- PB400: invalid trigger config (documented in docs/errors.md).
create function private.assert_trigger_config(p_trigger public.sync_trigger_type, p_config jsonb)
returns void
language plpgsql stable
set search_path = ''
as $$
declare
    v_error text := private.trigger_config_error(p_trigger, p_config);
begin
    if v_error is not null then
        raise exception using
            errcode = 'PB400',
            message = v_error,
            hint = 'A trigger config is {"entity": "<host table>", "filter": {"<column>": value or [values]}}'
                || ', plus "schedule": "<cron>" for on_schedule.';
    end if;
end
$$;

revoke all on function private.assert_trigger_config(public.sync_trigger_type, jsonb) from public;
