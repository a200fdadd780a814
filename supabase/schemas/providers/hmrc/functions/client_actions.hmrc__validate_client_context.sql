create function client_actions.hmrc__validate_client_context(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(p_params, array[
        'device_id', 'user_agent', 'screens', 'window_size', 'timezone', 'multi_factor',
        'public_ip', 'public_port', 'public_ip_timestamp'
    ], '{}');
    v_errors jsonb := '[]'::jsonb;
    v_value jsonb;
    v_item jsonb;
begin
    v_value := v_params -> 'device_id';
    if coalesce(v_value #>> '{}', '') = '' then
        v_errors := v_errors || private.client_context_required_error('device_id', 'The device id');
    elsif v_value #>> '{}' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.device_id',
            'The device id must be a UUID the browser generated once and kept');
    end if;

    if coalesce(v_params ->> 'user_agent', '') = '' then
        v_errors := v_errors || private.client_context_required_error('user_agent', 'The browser''s user agent');
    end if;

    v_value := v_params -> 'screens';
    if coalesce(pg_catalog.jsonb_typeof(v_value), 'null') <> 'array' or pg_catalog.jsonb_array_length(v_value) = 0 then
        v_errors := v_errors || private.client_context_required_error('screens', 'The screen details');
    else
        for v_item in select s.value from pg_catalog.jsonb_array_elements(v_value) as s (value) loop
            if not (
                private.client_context_positive(v_item -> 'width') and private.client_context_positive(v_item -> 'height')
                and private.client_context_positive(v_item -> 'scaling_factor')
                and private.client_context_positive(v_item -> 'colour_depth')
            ) then
                v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.screens',
                    'Every screen needs width, height, scaling_factor and colour_depth as positive numbers');
                exit;
            end if;
        end loop;
    end if;

    v_value := v_params -> 'window_size';
    if coalesce(pg_catalog.jsonb_typeof(v_value), 'null') = 'null' then
        v_errors := v_errors || private.client_context_required_error('window_size', 'The browser window size');
    elsif not (private.client_context_positive(v_value -> 'width') and private.client_context_positive(v_value -> 'height')) then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.window_size',
            'The window size needs width and height as positive numbers');
    end if;

    if coalesce(v_params ->> 'timezone', '') = '' then
        v_errors := v_errors || private.client_context_required_error('timezone', 'The browser''s time zone');
    elsif v_params ->> 'timezone' !~ '^UTC[+-](0[0-9]|1[0-4]):[0-5][0-9]$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.timezone',
            format('"%s" is not a UTC offset like UTC+01:00', v_params ->> 'timezone'));
    end if;

    v_value := coalesce(v_params -> 'multi_factor', '[]');
    if pg_catalog.jsonb_typeof(v_value) <> 'array' or exists (
        select from pg_catalog.jsonb_array_elements(v_value) as f (value)
        where not (f.value ->> 'type' in ('TOTP', 'AUTH_CODE', 'OTHER'))
            or coalesce(f.value ->> 'timestamp', '') = '' or coalesce(f.value ->> 'unique_reference', '') = ''
    ) then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.multi_factor',
            'Each factor needs type (TOTP, AUTH_CODE or OTHER), timestamp and unique_reference');
    end if;

    if coalesce(v_params ->> 'public_ip', '') = '' then
        v_errors := v_errors || private.client_context_required_error('public_ip',
            'The browser''s public IP address as your server saw it');
    elsif pg_catalog.jsonb_typeof(v_params -> 'public_ip') <> 'string'
        or v_params ->> 'public_ip' !~ '^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+)$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.public_ip',
            format('"%s" is not an IP address', v_params ->> 'public_ip'));
    end if;
    if coalesce(v_params ->> 'public_port', '') = '' then
        v_errors := v_errors || private.client_context_required_error('public_port',
            'The browser''s source port as your server saw it');
    elsif pg_catalog.jsonb_typeof(v_params -> 'public_port') <> 'number'
        or (v_params ->> 'public_port')::numeric not between 1 and 65535 then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.public_port',
            'The public port is a number from 1 to 65535');
    end if;
    if coalesce(v_params ->> 'public_ip_timestamp', '') = '' then
        v_errors := v_errors || private.client_context_required_error('public_ip_timestamp',
            'The time your server saw the public IP address');
    elsif v_params ->> 'public_ip_timestamp' !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]00:?00)$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'client_context.public_ip_timestamp',
            'The public IP timestamp is an ISO 8601 UTC time, e.g. 2026-11-25T10:15:30.123Z');
    end if;

    return private.client_action_result(v_errors, case when pg_catalog.jsonb_array_length(v_errors) = 0
        then v_params || pg_catalog.jsonb_build_object('multi_factor', v_value) end);
end
$$;

revoke all on function client_actions.hmrc__validate_client_context(jsonb) from public;

grant execute on function client_actions.hmrc__validate_client_context(jsonb) to authenticated, service_role;
