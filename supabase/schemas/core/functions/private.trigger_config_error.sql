-- null when (trigger, config) is valid; else '<field>: <what is wrong>'.
create or replace function private.trigger_config_error(
    p_trigger public.sync_trigger_type, p_config jsonb
)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
    v_entity text;
    v_key text;
    v_value jsonb;
    v_element jsonb;
begin
    if p_config is null or pg_catalog.jsonb_typeof(p_config) <> 'object' then
        return 'trigger_config: must be a JSON object';
    end if;
    for v_key in select pg_catalog.jsonb_object_keys(p_config) loop
        if v_key not in ('entity', 'filter', 'schedule', 'owns_fields') then
            return format(
                'trigger_config.%s: unknown key (allowed: entity, filter, schedule, owns_fields)', v_key
            );
        end if;
    end loop;
    if p_config ? 'owns_fields' and pg_catalog.jsonb_typeof(p_config -> 'owns_fields') <> 'boolean' then
        return 'trigger_config.owns_fields: must be true or false';
    end if;
    if pg_catalog.jsonb_typeof(p_config -> 'entity') is distinct from 'string' then
        return 'trigger_config.entity: required, the name of a host table';
    end if;
    v_entity := p_config ->> 'entity';
    if not v_entity = any (private.trigger_entities()) then
        return format('trigger_config.entity: "%s" is not a host table features may watch (%s)',
            v_entity, pg_catalog.array_to_string(private.trigger_entities(), ', '));
    end if;
    if p_config ? 'filter' then
        if pg_catalog.jsonb_typeof(p_config -> 'filter') <> 'object' then
            return 'trigger_config.filter: must be an object of column: value';
        end if;
        for v_key, v_value in select e.key, e.value from pg_catalog.jsonb_each(p_config -> 'filter') as e loop
            if not exists (
                select from pg_catalog.pg_attribute as a
                where a.attrelid = pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(v_entity))
                    and a.attname = v_key and a.attnum > 0 and not a.attisdropped
            ) then
                return format('trigger_config.filter.%s: not a column of %s', v_key, v_entity);
            end if;
            if pg_catalog.jsonb_typeof(v_value) = 'array' then
                if pg_catalog.jsonb_array_length(v_value) = 0 then
                    return format('trigger_config.filter.%s: an any-of array needs at least one value', v_key);
                end if;
                for v_element in select pg_catalog.jsonb_array_elements(v_value) loop
                    if pg_catalog.jsonb_typeof(v_element) not in ('string', 'number', 'boolean') then
                        return format('trigger_config.filter.%s: array values must be strings, numbers or booleans', v_key);
                    end if;
                end loop;
            elsif pg_catalog.jsonb_typeof(v_value) not in ('string', 'number', 'boolean') then
                return format('trigger_config.filter.%s: must be a string, number, boolean or an array of them', v_key);
            end if;
        end loop;
    end if;
    if p_trigger = 'on_status_change' and not coalesce(p_config -> 'filter' ? 'status', false) then
        return 'trigger_config.filter.status: on_status_change needs the status it watches';
    end if;
    if p_trigger = 'on_schedule' then
        if pg_catalog.jsonb_typeof(p_config -> 'schedule') is distinct from 'string'
            or not private.cron_is_valid(p_config ->> 'schedule') then
            return 'trigger_config.schedule: on_schedule needs a 5-field cron expression such as "0 2 * * *"';
        end if;
    elsif p_config ? 'schedule' then
        return 'trigger_config.schedule: only on_schedule takes a schedule';
    end if;
    return null;
end
$$;

revoke all on function private.trigger_config_error(public.sync_trigger_type, jsonb) from public;

grant execute on function private.trigger_config_error(public.sync_trigger_type, jsonb)
to service_role;
