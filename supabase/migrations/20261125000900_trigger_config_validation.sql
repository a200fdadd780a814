-- Trigger configs follow the original design's entity + filter pattern:
--   {"entity": "<host table>", "filter": {"<column>": <scalar> | [<scalar>, …]},
--    "schedule": "<5-field cron>"}   (schedule: on_schedule only)
-- The entity must be a host table a feature may watch and every filter key one of its
-- columns; an array means any-of; on_status_change watches the `status` the filter names;
-- on_schedule needs a valid cron expression. python_workers/trigger_config.py holds the
-- same rules as a pydantic model (a property test shows both agree).

-- The host tables features may point at.
create function private.trigger_entities()
returns text[]
language sql immutable parallel safe
set search_path = ''
as $$
    select array['project_relationships', 'transactions', 'transaction_lines', 'projects']
$$;

-- One cron field: `*` or a comma list of n, n-m, optionally /step, within bounds.
create function private.cron_field_is_valid(p_field text, p_min integer, p_max integer)
returns boolean
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
    v_item text;
    v_parts text [];
begin
    foreach v_item in array pg_catalog.string_to_array(p_field, ',') loop
        v_parts := pg_catalog.regexp_match(v_item, '^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:/(\d{1,2}))?$');
        if v_parts is null
            or (v_parts[2] is not null and v_parts[2]::integer not between p_min and p_max)
            or (v_parts[3] is not null and (
                v_parts[3]::integer not between p_min and p_max
                or v_parts[3]::integer < v_parts[2]::integer))
            or (v_parts[4] is not null and v_parts[4]::integer = 0) then
            return false;
        end if;
    end loop;
    return true;
end
$$;

create function private.cron_is_valid(p_expression text)
returns boolean
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
    v_fields text [] := pg_catalog.regexp_split_to_array(pg_catalog.btrim(p_expression), ' +');
begin
    return pg_catalog.cardinality(v_fields) = 5
        and private.cron_field_is_valid(v_fields[1], 0, 59)
        and private.cron_field_is_valid(v_fields[2], 0, 23)
        and private.cron_field_is_valid(v_fields[3], 1, 31)
        and private.cron_field_is_valid(v_fields[4], 1, 12)
        and private.cron_field_is_valid(v_fields[5], 0, 7);
end
$$;

-- null when (trigger, config) is valid; else '<field>: <what is wrong>'.
create function private.trigger_config_error(
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
        if v_key not in ('entity', 'filter', 'schedule') then
            return format('trigger_config.%s: unknown key (allowed: entity, filter, schedule)', v_key);
        end if;
    end loop;
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

create function private.tg_integration_features__check_trigger_config()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.assert_trigger_config(new.default_trigger, new.default_trigger_config);
    return new;
end
$$;

-- Both trigger functions are security definer: they run for members editing overrides,
-- who may not call the private validators directly.
-- An override is checked as it takes effect: the override or the feature's default for
-- whichever of trigger and config is not overridden.
create function private.tg_project_integration_features__check_trigger_config()
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
    return new;
end
$$;

create trigger "20_check_trigger_config"
before insert or update of default_trigger, default_trigger_config
on public.integration_features
for each row execute function private.tg_integration_features__check_trigger_config();

create trigger "20_check_trigger_config"
before insert or update of trigger_type, trigger_config, feature_id
on public.project_integration_features
for each row execute function private.tg_project_integration_features__check_trigger_config();

revoke all on function private.trigger_entities() from public;
revoke all on function private.cron_field_is_valid(text, integer, integer) from public;
revoke all on function private.cron_is_valid(text) from public;
revoke all on function private.trigger_config_error(public.sync_trigger_type, jsonb) from public;
revoke all on function private.assert_trigger_config(public.sync_trigger_type, jsonb) from public;
revoke all on function private.tg_integration_features__check_trigger_config() from public;
revoke all on function private.tg_project_integration_features__check_trigger_config() from public;
grant execute on function private.trigger_config_error(public.sync_trigger_type, jsonb)
to service_role;
