-- integration_sync_logs_page checks every filter value here before its query runs:
-- feature_id a uuid, from / to timestamps, status and trigger_type values of their enums,
-- else PB422 'filters.<name>: "<value>" is not …', quoting the caller's input at most 40
-- characters long (private.input_excerpt), never a raw PostgreSQL error echoing the whole
-- value (a 1 MB feature_id filter came back whole as 22P02, issue #18).
-- PB422 unless every filter value is of its kind. Filter names are checked by the caller.
create or replace function private.logs_filters_check(p_filters jsonb)
returns void
language plpgsql immutable
set search_path = ''
as $$
declare
    v_key text;
    v_bad text;
begin
    if p_filters ? 'feature_id'
        and coalesce(p_filters ->> 'feature_id', '')
        !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        raise exception using errcode = 'PB422', message = format('filters.feature_id: "%s" is not a uuid',
            private.input_excerpt(p_filters ->> 'feature_id'));
    end if;
    foreach v_key in array array['from', 'to'] loop
        continue when not p_filters ? v_key;
        if pg_catalog.jsonb_typeof(p_filters -> v_key) <> 'string' then
            raise exception using errcode = 'PB422', message = format('filters.%s: a string', v_key),
                hint = 'an ISO 8601 timestamp, e.g. 2026-11-25T10:00:00Z';
        end if;
        begin
            perform (p_filters ->> v_key)::timestamptz;
        exception when invalid_datetime_format or datetime_field_overflow then
            raise exception using errcode = 'PB422', message = format(
                'filters.%s: "%s" is not a timestamp (ISO 8601, e.g. 2026-11-25T10:00:00Z)',
                v_key, private.input_excerpt(p_filters ->> v_key));
        end;
    end loop;
    select v.value into v_bad
    from pg_catalog.unnest(private.logs_filter_values(p_filters, 'status')) as v (value)
    where v.value not in (select e::text from pg_catalog.unnest(pg_catalog.enum_range(null::public.sync_status)) as e)
    limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = format('filters.status: "%s" is not a status', private.input_excerpt(v_bad)),
            hint = 'statuses: ' || pg_catalog.array_to_string(pg_catalog.enum_range(null::public.sync_status), ', ');
    end if;
    select v.value into v_bad
    from pg_catalog.unnest(private.logs_filter_values(p_filters, 'trigger_type')) as v (value)
    where v.value not in (
        select e::text from pg_catalog.unnest(pg_catalog.enum_range(null::public.sync_trigger_type)) as e
    )
    limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = format('filters.trigger_type: "%s" is not a trigger type', private.input_excerpt(v_bad)),
            hint = 'trigger types: '
            || pg_catalog.array_to_string(pg_catalog.enum_range(null::public.sync_trigger_type), ', ');
    end if;
end
$$;

revoke all on function private.logs_filters_check(jsonb) from public;

grant execute on function private.logs_filters_check(jsonb) to authenticated, service_role;
