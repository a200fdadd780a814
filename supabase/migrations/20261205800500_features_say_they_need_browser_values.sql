-- The catalogue says which features need the browser values of the person who asks
-- (integration_features.needs_browser_values, a feature field of private.register_provider):
-- public.integration_retry_sync refused HMRC's VAT calls by asking an HMRC function by name,
-- the one place the core knew a provider's actions. HMRC's description flags its VAT
-- obligations and VAT return submission features (20261205800510_register_hmrc), and the HMRC
-- function goes.

alter table public.integration_features add column needs_browser_values boolean not null default false;

comment on column public.integration_features.needs_browser_values is
'A run of this feature carries the browser values of the person who asked for it (HMRC''s '
'fraud-prevention headers), deleted when the run ends: it can only be asked for again from the '
'app, and public.integration_retry_sync refuses it.';

create or replace function private.registration_check_feature(
    p_feature jsonb, p_path text, p_server_actions text[], p_client_actions text[]
)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
    v_error text;
begin
    perform private.registration_check_fields(p_feature, p_path, '{
        "key": "string!", "name": "string!", "description": "string",
        "default_trigger": "string!", "default_trigger_config": "object!",
        "sync_direction": "string!", "entity_type": "string!",
        "server_action": "string|null", "validation_action": "string|null",
        "is_active": "boolean", "sort_order": "number", "needs_browser_values": "boolean"
    }');
    perform private.registration_enum_label(
        p_feature ->> 'default_trigger', p_path || '.default_trigger', 'public.sync_trigger_type'
    );
    perform private.registration_enum_label(
        p_feature ->> 'sync_direction', p_path || '.sync_direction', 'public.sync_direction'
    );
    perform private.registration_integer(p_feature -> 'sort_order', p_path || '.sort_order', 0);
    v_error := private.trigger_config_error(
        (p_feature ->> 'default_trigger')::public.sync_trigger_type, p_feature -> 'default_trigger_config'
    );
    if v_error is not null then
        raise exception using errcode = 'PB400', message = p_path || '.default_' || v_error;
    end if;
    if p_feature ->> 'server_action' is not null and p_feature ->> 'server_action' <> all (p_server_actions) then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s.server_action: "%s" is not one of the provider''s server_actions',
                p_path, private.input_excerpt(p_feature ->> 'server_action')),
            hint = 'add it to server_actions (and register it in the provider''s processor)';
    end if;
    if p_feature ->> 'validation_action' is not null and p_feature ->> 'validation_action' <> all (p_client_actions) then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s.validation_action: "%s" is not one of the provider''s client_actions',
                p_path, private.input_excerpt(p_feature ->> 'validation_action')),
            hint = 'add it to client_actions (and define its SQL function)';
    end if;
    return private.registration_key(p_feature ->> 'key', p_path || '.key');
end
$$;

create or replace function private.register_provider(p_description jsonb)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
    c_path constant text := 'description';
    v_key text;
    v_client_actions text [];
    v_server_actions text [];
    v_countries text [];
    v_feature_keys text [];
    v_features jsonb := coalesce(p_description -> 'features', '[]');
    v_provider_id uuid;
    v_error text;
    v_dropped text;
begin
    perform private.registration_check_fields(p_description, c_path, '{
        "key": "string!", "name": "string!", "description": "string",
        "auth_method": "string!", "credential_scope": "string!",
        "auto_enable_for_country": "boolean", "is_active": "boolean",
        "website_url": "string|null", "docs_url": "string|null",
        "client_actions": "array", "server_actions": "array", "sort_order": "number",
        "min_schedule_interval": "string|null", "countries": "array", "features": "array",
        "sync_permission_description": "string"
    }');
    v_key := private.registration_key(p_description ->> 'key', c_path || '.key');
    perform private.registration_enum_label(
        p_description ->> 'auth_method', c_path || '.auth_method', 'public.integration_auth_method'
    );
    perform private.registration_enum_label(
        p_description ->> 'credential_scope', c_path || '.credential_scope', 'public.integration_credential_scope'
    );
    v_client_actions := private.registration_strings(p_description -> 'client_actions', c_path || '.client_actions');
    v_server_actions := private.registration_strings(p_description -> 'server_actions', c_path || '.server_actions');
    v_countries := private.registration_strings(p_description -> 'countries', c_path || '.countries');
    select pg_catalog.format('%s.countries[%s]: "%s" is not an ISO 3166-1 alpha-2 code (GB, US, …)', c_path,
        c.i - 1, private.input_excerpt(c.code))
    into v_error
    from pg_catalog.unnest(v_countries) with ordinality as c (code, i)
    where not private.is_iso_country(c.code)
    order by c.i limit 1;
    if v_error is not null then
        raise exception using errcode = 'PB422', message = v_error;
    end if;
    v_feature_keys := array(
        select private.registration_check_feature(
            f.value, pg_catalog.format('%s.features[%s]', c_path, f.i - 1), v_server_actions, v_client_actions
        )
        from pg_catalog.jsonb_array_elements(v_features) with ordinality as f (value, i)
        order by f.i
    );
    select pg_catalog.format('%s.features: "%s" is listed twice', c_path, k.key) into v_error
    from pg_catalog.unnest(v_feature_keys) as k (key)
    group by k.key having pg_catalog.count(*) > 1
    order by k.key limit 1;
    if v_error is not null then
        raise exception using errcode = 'PB422', message = v_error;
    end if;

    insert into public.integration_providers as p (
        key, name, description, auth_method, credential_scope, auto_enable_for_country, is_active,
        website_url, docs_url, client_actions, server_actions, sort_order, min_schedule_interval
    ) values (
        v_key,
        p_description ->> 'name',
        coalesce(p_description ->> 'description', ''),
        (p_description ->> 'auth_method')::public.integration_auth_method,
        (p_description ->> 'credential_scope')::public.integration_credential_scope,
        coalesce((p_description ->> 'auto_enable_for_country')::boolean, false),
        coalesce((p_description ->> 'is_active')::boolean, true),
        p_description ->> 'website_url',
        p_description ->> 'docs_url',
        v_client_actions,
        v_server_actions,
        private.registration_integer(p_description -> 'sort_order', c_path || '.sort_order', 0),
        private.registration_interval(p_description ->> 'min_schedule_interval', c_path || '.min_schedule_interval')
    )
    on conflict (key) do update set
        name = excluded.name,
        description = excluded.description,
        auth_method = excluded.auth_method,
        credential_scope = excluded.credential_scope,
        auto_enable_for_country = excluded.auto_enable_for_country,
        is_active = excluded.is_active,
        website_url = excluded.website_url,
        docs_url = excluded.docs_url,
        client_actions = excluded.client_actions,
        server_actions = excluded.server_actions,
        sort_order = excluded.sort_order,
        min_schedule_interval = excluded.min_schedule_interval
    where (
        p.name, p.description, p.auth_method, p.credential_scope, p.auto_enable_for_country, p.is_active,
        p.website_url, p.docs_url, p.client_actions, p.server_actions, p.sort_order, p.min_schedule_interval
    ) is distinct from (
        excluded.name, excluded.description, excluded.auth_method, excluded.credential_scope,
        excluded.auto_enable_for_country, excluded.is_active, excluded.website_url, excluded.docs_url,
        excluded.client_actions, excluded.server_actions, excluded.sort_order, excluded.min_schedule_interval
    );
    select p.id into v_provider_id from public.integration_providers as p where p.key = v_key;

    delete from public.integration_provider_countries as c
    where c.provider_id = v_provider_id and c.country_code <> all (v_countries);
    insert into public.integration_provider_countries (provider_id, country_code)
    select v_provider_id, c.code from pg_catalog.unnest(v_countries) as c (code)
    on conflict do nothing;

    -- a feature left out goes, unless a project holds settings or sync logs for it
    select f.key into v_dropped
    from public.integration_features as f
    where f.provider_id = v_provider_id and f.key <> all (v_feature_keys)
        and (
            exists (select from public.project_integration_features as pif where pif.feature_id = f.id)
            or exists (select from public.integration_sync_logs as l where l.feature_id = f.id)
        )
    order by f.key limit 1;
    if v_dropped is not null then
        raise exception using errcode = 'PB409',
            message = pg_catalog.format('%s.features: %s no longer lists feature "%s", but projects have '
                || 'settings or sync logs for it', c_path, v_key, v_dropped),
            hint = 'keep the feature in the description with "is_active": false';
    end if;
    delete from public.integration_features as f
    where f.provider_id = v_provider_id and f.key <> all (v_feature_keys);

    insert into public.integration_features as f (
        provider_id, key, name, description, default_trigger, default_trigger_config, sync_direction,
        entity_type, server_action, validation_action, is_active, sort_order, needs_browser_values
    )
    select
        v_provider_id,
        d.value ->> 'key',
        d.value ->> 'name',
        coalesce(d.value ->> 'description', ''),
        (d.value ->> 'default_trigger')::public.sync_trigger_type,
        d.value -> 'default_trigger_config',
        (d.value ->> 'sync_direction')::public.sync_direction,
        d.value ->> 'entity_type',
        d.value ->> 'server_action',
        d.value ->> 'validation_action',
        coalesce((d.value ->> 'is_active')::boolean, true),
        coalesce((d.value ->> 'sort_order')::numeric::integer, 0),
        coalesce((d.value ->> 'needs_browser_values')::boolean, false)
    from pg_catalog.jsonb_array_elements(v_features) with ordinality as d (value, i)
    order by d.i
    on conflict (provider_id, key) do update set
        name = excluded.name,
        description = excluded.description,
        default_trigger = excluded.default_trigger,
        default_trigger_config = excluded.default_trigger_config,
        sync_direction = excluded.sync_direction,
        entity_type = excluded.entity_type,
        server_action = excluded.server_action,
        validation_action = excluded.validation_action,
        is_active = excluded.is_active,
        sort_order = excluded.sort_order,
        needs_browser_values = excluded.needs_browser_values
    where (
        f.name, f.description, f.default_trigger, f.default_trigger_config, f.sync_direction, f.entity_type,
        f.server_action, f.validation_action, f.is_active, f.sort_order, f.needs_browser_values
    ) is distinct from (
        excluded.name, excluded.description, excluded.default_trigger, excluded.default_trigger_config,
        excluded.sync_direction, excluded.entity_type, excluded.server_action, excluded.validation_action,
        excluded.is_active, excluded.sort_order, excluded.needs_browser_values
    );

    -- project:owner is granted it by rule (private.tg_grant_every_permission_to_owner)
    insert into public.permissions as pm (key, description)
    values (
        'integration:sync:' || v_key,
        coalesce(p_description ->> 'sync_permission_description', 'Trigger manual syncs for ' || (p_description ->> 'name'))
    )
    on conflict (key) do update set description = excluded.description
    where pm.description is distinct from excluded.description;

    return v_provider_id;
end
$$;

create or replace function public.integration_retry_sync(p_sync_log_id uuid)
returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_log public.integration_sync_logs;
    v_integration public.project_integrations;
    v_provider public.integration_providers;
    v_feature public.integration_features;
    v_feature_on boolean;
    v_retry_id uuid;
    v_params jsonb;
begin
    select l.* into v_log from public.integration_sync_logs as l where l.id = p_sync_log_id;
    if not found or v_log.project_integration_id is null or not private.rpc_sees_project(v_log.project_id) then
        raise exception using errcode = 'PB404',
            message = format('no sync log %s in a project you belong to', coalesce(p_sync_log_id::text, 'null'));
    end if;
    v_integration := private.rpc_integration(v_log.project_integration_id, 'integration:sync:<provider>');
    -- two clicks at once: the second waits here for the first, then finds its retry
    perform from public.integration_sync_logs as l where l.id = v_log.id for update;

    if v_log.status not in ('failed', 'partial_success') then
        raise exception using errcode = 'PB409', message = format(
            'this run is %s: only a failed or partly successful run can be retried',
            case v_log.status when 'success' then 'a success' else 'not finished yet' end);
    end if;

    select l.id into v_retry_id
    from public.integration_sync_logs as l
    where l.project_id = v_log.project_id and l.status in ('pending', 'in_progress')
        and l.details ->> 'retry_of' = v_log.id::text
    order by l.created_at desc
    limit 1;
    if v_retry_id is not null then
        return v_retry_id;
    end if;

    select p.* into v_provider from public.integration_providers as p where p.id = v_integration.provider_id;
    if not v_integration.is_enabled then
        raise exception using errcode = 'PB409', message = format(
            '%s is switched off for this project. Turn %s on (Setup > Integrations), then retry',
            v_provider.name, v_provider.name);
    end if;
    if v_integration.status <> 'Connected' then
        raise exception using errcode = 'PB409', message = format(
            '%s is not connected (status %s). Reconnect %s (Setup > Integrations), then retry',
            v_provider.name, v_integration.status, v_provider.name);
    end if;

    select f.* into v_feature
    from public.integration_features as f
    where f.id = v_log.feature_id and f.is_active and v_log.action = any(v_provider.server_actions);
    if not found then
        raise exception using errcode = 'PB409', message = format(
            'this run (%s) is not a run of a feature %s offers now: start it again where it was started',
            v_log.action, v_provider.name);
    end if;
    select s.is_enabled into v_feature_on
    from public.v_project_integration_features as s
    where s.project_integration_id = v_integration.id and s.feature_id = v_feature.id;
    if not coalesce(v_feature_on, false) then
        raise exception using errcode = 'PB409', message = format(
            '%s is switched off for this project. Turn %s on (Setup > Integrations > Configuration), then retry',
            v_feature.name, v_feature.name);
    end if;
    if v_feature.needs_browser_values then
        raise exception using errcode = 'PB409', message = format(
            '%s cannot be retried from here: %s needs your browser''s details with each such call '
            || '(fraud-prevention headers). Submit it again from the app', v_feature.name, v_provider.name);
    end if;

    -- params never hold a secret; an HMRC client context older versions kept there is not copied
    v_params := coalesce(v_log.details -> 'params', '{}') - 'client_context';
    if v_params ? 'chunk'
        and coalesce(pg_catalog.jsonb_array_length(v_log.details -> 'progress' -> 'pending'), 0) = 0 then
        v_params := v_params || pg_catalog.jsonb_build_object('chunk', pg_catalog.gen_random_uuid());
    end if;
    v_retry_id := private.enqueue_sync_run(
        v_integration.id, v_feature.id, 'on_manual', v_log.action, v_log.entity_type, v_log.entity_id,
        v_params, (select private.caller_uid())
    );
    update public.integration_sync_logs as l
    set details = l.details || pg_catalog.jsonb_build_object('retry_of', v_log.id)
    where l.id = v_retry_id and not l.details ? 'retry_of';
    return v_retry_id;
end
$$;

drop function private.hmrc_action_needs_browser_values(text);
