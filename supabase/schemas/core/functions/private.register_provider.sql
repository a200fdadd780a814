-- One call registers a provider: private.register_provider(description) writes the
-- catalogue from one JSON description — the provider row, its countries, its features and
-- the integration:sync:<key> permission — so a provider's catalogue data lives in one file
-- (supabase/schemas/providers/<key>/registration.sql, and its migration) instead of being
-- patched across files. Idempotent: a second call with the same description changes
-- nothing (not even updated_at); a changed description updates what changed. The
-- description is the whole truth: a field left out takes its default, a country left out
-- is removed, a feature left out is deleted (refused, PB409, while projects have settings
-- or sync logs for it: keep it with "is_active": false). A description of the wrong shape
-- is refused (PB422) naming the field. docs/catalogue.md lists the fields.

create function private.register_provider(p_description jsonb)
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

comment on function private.register_provider(jsonb) is
'Writes a provider''s catalogue data (provider, countries, features, sync permission) from one '
'description; idempotent. Fields: docs/catalogue.md.';

revoke all on function private.register_provider(jsonb) from public;
