create or replace function public.integration_sync_logs_page(
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
            raise exception using errcode = 'PB422', message = format('filters.%s: unknown filter', private.input_excerpt(v_key)),
                hint = 'filters: provider, feature_id, status, trigger_type, from, to, entity_type, entity_id';
        end if;
    end loop;
    perform private.logs_filters_check(v_filters);
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
        v_where := v_where || ' and l.status = any ($4::public.sync_status [])';
    end if;
    if v_filters ? 'trigger_type' then
        v_where := v_where || ' and l.trigger_type = any ($5::public.sync_trigger_type [])';
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

revoke all on function public.integration_sync_logs_page(
    uuid, jsonb, timestamptz, uuid, integer
) from public, anon;

grant execute on function public.integration_sync_logs_page(
    uuid, jsonb, timestamptz, uuid, integer
) to authenticated, service_role;
