-- RPC errors name the field and quote the caller's input at most 40 characters long
-- (private.input_excerpt), never a raw PostgreSQL error echoing the whole value: a 1 MB
-- feature_id filter came back whole as 22P02 (issue #18).
--
-- integration_sync_logs_page (20261125021300, redefined): every filter value is checked
-- before the query runs (private.logs_filters_check): feature_id a uuid, from / to
-- timestamps, status and trigger_type values of their enums, else PB422
-- 'filters.<name>: "<value>" is not …'. An unknown filter's name is quoted briefly too.
-- Redefined for the brief quote only (bodies otherwise unchanged):
--   private.client_action_params   20261125010000  (an unknown param's name)
--   integration_client_action      20261125010100  (provider, action)
--   private.rpc_feature            20261125011300  (feature key)
--   private.send_errors            20261125011300  (record id, in the message and the entity_id tag)
--   integration_set_enabled        20261125011600  (provider)

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

create or replace function private.client_action_params(p_params jsonb, p_allowed text[], p_required text[])
returns jsonb
language plpgsql immutable
set search_path = ''
as $$
declare
    v_key text;
    v_expected text := 'params are a JSON object with the keys: '
        || pg_catalog.array_to_string(p_allowed, ', ')
        || ' (required: ' || coalesce(pg_catalog.array_to_string(p_required, ', '), '') || ')';
begin
    if p_params is null or pg_catalog.jsonb_typeof(p_params) <> 'object' then
        raise exception using errcode = 'PB422',
            message = format('params must be a JSON object, not %s',
                coalesce(pg_catalog.jsonb_typeof(p_params), 'null')),
            hint = v_expected;
    end if;
    for v_key in select pg_catalog.jsonb_object_keys(p_params) loop
        if not v_key = any (p_allowed) then
            raise exception using errcode = 'PB422',
                message = format('params.%s: unknown key', private.input_excerpt(v_key)), hint = v_expected;
        end if;
    end loop;
    foreach v_key in array p_required loop
        if pg_catalog.jsonb_typeof(p_params -> v_key) is null
            or pg_catalog.jsonb_typeof(p_params -> v_key) = 'null' then
            raise exception using errcode = 'PB422',
                message = format('params.%s: required', v_key), hint = v_expected;
        end if;
    end loop;
    return p_params;
end
$$;

create or replace function public.integration_client_action(
    p_provider text, p_action text, p_params jsonb default '{}'
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_actions text [];
    v_function text := p_provider || '__' || p_action;
    v_result jsonb;
begin
    select p.client_actions into v_actions
    from public.integration_providers as p
    where p.key = p_provider and p.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('unknown provider "%s"', coalesce(private.input_excerpt(p_provider), 'null')),
            hint = 'Known providers: ' || coalesce((
                select pg_catalog.string_agg(p.key, ', ' order by p.key)
                from public.integration_providers as p where p.is_active
            ), 'none');
    end if;
    if p_action is null or not p_action = any (v_actions) then
        raise exception using errcode = 'PB404',
            message = format('provider "%s" has no client action "%s"', p_provider,
                coalesce(private.input_excerpt(p_action), 'null')),
            hint = format('Client actions of %s: %s', p_provider,
                coalesce(pg_catalog.array_to_string(v_actions, ', '), 'none'));
    end if;
    if pg_catalog.to_regprocedure(format('client_actions.%I(jsonb)', v_function)) is null then
        raise exception using errcode = 'PB501',
            message = format('client action %s.%s is in the catalogue but not installed', p_provider, p_action);
    end if;
    execute format('select client_actions.%I($1)', v_function) into v_result using p_params;
    return v_result;
end
$$;

create or replace function private.rpc_feature(p_integration public.project_integrations, p_key text)
returns public.integration_features
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_feature public.integration_features;
begin
    select f.* into v_feature
    from public.integration_features as f
    where f.provider_id = p_integration.provider_id and f.key = p_key and f.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('no feature "%s" for this integration', coalesce(private.input_excerpt(p_key), 'null')),
            hint = 'Features: ' || (
                select pg_catalog.string_agg(f.key, ', ' order by f.sort_order)
                from public.integration_features as f
                where f.provider_id = p_integration.provider_id and f.is_active
            );
    end if;
    return v_feature;
end
$$;

create or replace function private.send_errors(
    p_integration public.project_integrations,
    p_feature public.integration_features,
    p_entity text,
    p_entity_id text
)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_tag jsonb := pg_catalog.jsonb_build_object(
        'entity_id', private.input_excerpt(p_entity_id), 'feature', p_feature.key
    );
    v_result jsonb;
begin
    if p_entity_id is null
        or p_entity_id !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        return pg_catalog.jsonb_build_array(v_tag || private.client_action_error('invalid_format', 'entity_ids',
            format('"%s" is not a record id (a uuid)', coalesce(private.input_excerpt(p_entity_id), 'null'))));
    end if;
    if private.entity_project_id(p_entity, p_entity_id::uuid) is distinct from p_integration.project_id then
        return pg_catalog.jsonb_build_array(v_tag || private.client_action_error('not_found', 'entity_ids',
            format('No record %s in this project', p_entity_id)));
    end if;
    if p_feature.validation_action is null then
        return '[]'::jsonb;
    end if;
    v_result := public.integration_client_action(
        (select p.key from public.integration_providers as p where p.id = p_feature.provider_id),
        p_feature.validation_action,
        pg_catalog.jsonb_build_object(
            case p_entity when 'transactions' then 'transaction_id' else 'relationship_id' end, p_entity_id,
            'feature', p_feature.key
        )
    );
    return coalesce((
        select pg_catalog.jsonb_agg(v_tag || e.value order by e.ordinality)
        from pg_catalog.jsonb_array_elements(v_result -> 'errors') with ordinality as e (value, ordinality)
    ), '[]');
end
$$;

create or replace function public.integration_set_enabled(p_project_id uuid, p_provider text, p_enabled boolean)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_provider public.integration_providers;
    v_country text;
begin
    select p.* into v_provider from public.integration_providers as p where p.key = p_provider and p.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('unknown provider "%s"', coalesce(private.input_excerpt(p_provider), 'null'));
    end if;
    if p_enabled is null then
        raise exception using errcode = 'PB422', message = 'enabled: give true or false';
    end if;
    if not private.rpc_may(p_project_id, 'integration:manage') then
        raise exception using errcode = 'PB403',
            message = 'you need the integration:manage permission in this project';
    end if;
    if p_enabled then
        select pr.country_code into v_country from public.projects as pr where pr.id = p_project_id;
        if not exists (
            select from public.integration_provider_countries as c
            where c.provider_id = v_provider.id and c.country_code = v_country
        ) then
            raise exception using errcode = 'PB409', message = format(
                '%s does not cover projects in %s (it covers %s)', v_provider.name, coalesce(v_country, 'no country'),
                (
                    select pg_catalog.string_agg(c.country_code, ', ' order by c.country_code)
                    from public.integration_provider_countries as c where c.provider_id = v_provider.id
                ));
        end if;
    end if;
    insert into public.project_integrations as pi (project_id, provider_id, is_enabled, enabled_by)
    values (p_project_id, v_provider.id, p_enabled, 'manual')
    on conflict (project_id, provider_id) do update
    set is_enabled = excluded.is_enabled, enabled_by = 'manual';
    return (
        select pg_catalog.to_jsonb(v) from public.v_project_integrations as v
        where v.project_id = p_project_id and v.provider_id = v_provider.id
    );
end
$$;
