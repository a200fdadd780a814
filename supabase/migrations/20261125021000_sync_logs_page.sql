-- The Logs page's data: public.integration_sync_logs_page serves v_integration_sync_logs
-- newest first, a page at a time by keyset (the last row's created_at and id, never
-- OFFSET), with filters; public.integration_sync_log_status lets a client poll runs until
-- they reach a final status (or subscribe with Supabase Realtime: docs/engine.md).
-- Both are security invoker: RLS decides which logs (integration:logs:view).
--
-- Filters (p_filters, every key optional): provider (key or array of keys), feature_id,
-- status (value or array), trigger_type (value or array), from (created_at >=), to
-- (created_at <), entity_type, entity_id. Each filter an index serves on its own at
-- millions of rows: provider through the project integration's time index; status,
-- feature and entity through the indexes below; the time range through the project's
-- time index. The query is built from fixed fragments with only the filters given, so
-- each call is planned for its own filters.

create index integration_sync_logs_project_status_time_idx
on public.integration_sync_logs (project_id, status, created_at desc, id desc);
create index integration_sync_logs_project_feature_time_idx
on public.integration_sync_logs (project_id, feature_id, created_at desc, id desc);
create index integration_sync_logs_project_entity_time_idx
on public.integration_sync_logs (project_id, entity_type, entity_id, created_at desc, id desc)
where entity_id is not null;

-- A filter value as a text array: a JSON string, or an array of strings; else PB422.
create function private.logs_filter_values(p_filters jsonb, p_key text)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
declare
    v_value jsonb := p_filters -> p_key;
begin
    if v_value is null then
        return null;
    end if;
    if pg_catalog.jsonb_typeof(v_value) = 'string' then
        return array[v_value ->> 0];
    end if;
    if pg_catalog.jsonb_typeof(v_value) = 'array'
        and not pg_catalog.jsonb_path_exists(v_value, '$[*] ? (@.type() != "string")') then
        return array(select pg_catalog.jsonb_array_elements_text(v_value));
    end if;
    raise exception using errcode = 'PB422',
        message = format('filters.%s: a string or an array of strings', p_key);
end
$$;

create function public.integration_sync_logs_page(
    p_project_id uuid,
    p_filters jsonb default '{}',
    p_after_created_at timestamptz default null,
    p_after_id uuid default null,
    p_limit integer default 50
)
returns setof public.v_integration_sync_logs
language plpgsql stable security invoker
set search_path = ''
as $$
declare
    v_filters jsonb := coalesce(p_filters, '{}');
    v_key text;
    v_where text := 'l.project_id = $1';
begin
    if pg_catalog.jsonb_typeof(v_filters) <> 'object' then
        raise exception using errcode = 'PB422', message = 'filters: a JSON object';
    end if;
    for v_key in select pg_catalog.jsonb_object_keys(v_filters) loop
        if v_key not in (
            'provider', 'feature_id', 'status', 'trigger_type', 'from', 'to', 'entity_type', 'entity_id'
        ) then
            raise exception using errcode = 'PB422', message = format('filters.%s: unknown filter', v_key),
                hint = 'filters: provider, feature_id, status, trigger_type, from, to, entity_type, entity_id';
        end if;
    end loop;
    if (p_after_created_at is null) <> (p_after_id is null) then
        raise exception using errcode = 'PB422',
            message = 'p_after_created_at and p_after_id: give both (the last row of a page) or neither';
    end if;
    if v_filters ? 'provider' then
        v_where := v_where || ' and l.project_integration_id = any (array(select pi.id'
            || ' from public.project_integrations as pi inner join public.integration_providers as p'
            || ' on pi.provider_id = p.id where pi.project_id = $1 and p.key = any ($2)))';
    end if;
    if v_filters ? 'feature_id' then
        v_where := v_where || ' and l.feature_id = ($3 ->> ''feature_id'')::uuid';
    end if;
    if v_filters ? 'status' then
        v_where := v_where || ' and l.status::text = any ($4)';
    end if;
    if v_filters ? 'trigger_type' then
        v_where := v_where || ' and l.trigger_type::text = any ($5)';
    end if;
    if v_filters ? 'from' then
        v_where := v_where || ' and l.created_at >= ($3 ->> ''from'')::timestamptz';
    end if;
    if v_filters ? 'to' then
        v_where := v_where || ' and l.created_at < ($3 ->> ''to'')::timestamptz';
    end if;
    if v_filters ? 'entity_type' then
        v_where := v_where || ' and l.entity_type = $3 ->> ''entity_type''';
    end if;
    if v_filters ? 'entity_id' then
        v_where := v_where || ' and l.entity_id = $3 ->> ''entity_id''';
    end if;
    if p_after_id is not null then
        v_where := v_where || ' and (l.created_at, l.id) < ($6, $7)';
    end if;
    return query execute
        'select v.* from (select l.id, l.created_at from public.integration_sync_logs as l where '
        || v_where
        || ' order by l.created_at desc, l.id desc limit $8) as page'
        || ' inner join public.v_integration_sync_logs as v on page.id = v.id'
        || ' order by page.created_at desc, page.id desc'
    using
        p_project_id,
        private.logs_filter_values(v_filters, 'provider'),
        v_filters,
        private.logs_filter_values(v_filters, 'status'),
        private.logs_filter_values(v_filters, 'trigger_type'),
        p_after_created_at,
        p_after_id,
        least(greatest(coalesce(p_limit, 50), 1), 200);
end
$$;

comment on function public.integration_sync_logs_page(uuid, jsonb, timestamptz, uuid, integer) is
'A page of the project''s sync logs, newest first (keyset: pass the last row''s created_at '
'and id for the next page), filtered by provider, feature_id, status, trigger_type, from, to, '
'entity_type, entity_id. RLS applies (integration:logs:view). At most 200 rows a page.';

create function public.integration_sync_log_status(p_log_ids uuid[])
returns table (
    id uuid,
    status public.sync_status,
    is_final boolean,
    attempt integer,
    records_processed integer,
    records_failed integer,
    error_code text,
    error_message text,
    started_at timestamptz,
    finished_at timestamptz,
    duration_ms bigint
)
language sql stable security invoker
set search_path = ''
as $$
    select
        l.id,
        l.status,
        l.status in ('success', 'partial_success', 'failed'),
        l.attempt,
        l.records_processed,
        l.records_failed,
        l.error_code,
        l.error_message,
        l.started_at,
        l.finished_at,
        l.duration_ms
    from public.integration_sync_logs as l
    where l.id = any (p_log_ids)
$$;

comment on function public.integration_sync_log_status(uuid[]) is
'Where the given sync runs are (poll until is_final); RLS applies (integration:logs:view).';

revoke all on function private.logs_filter_values(jsonb, text) from public;
grant execute on function private.logs_filter_values(jsonb, text) to authenticated, service_role;
revoke all on function public.integration_sync_logs_page(
    uuid, jsonb, timestamptz, uuid, integer
) from public, anon;
grant execute on function public.integration_sync_logs_page(
    uuid, jsonb, timestamptz, uuid, integer
) to authenticated, service_role;
revoke all on function public.integration_sync_log_status(uuid[]) from public, anon;
grant execute on function public.integration_sync_log_status(uuid[]) to authenticated, service_role;
