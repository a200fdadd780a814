-- One call registers a provider (issue #19): private.register_provider(description) writes
-- the catalogue from one JSON description — the provider row, its countries, its features
-- and the integration:sync:<key> permission — so a provider's catalogue data lives in one
-- migration (supabase/migrations/…_register_<key>.sql) instead of being patched across
-- files. Idempotent: a second call with the same description changes nothing (not even
-- updated_at); a changed description updates what changed. The description is the whole
-- truth: a field left out takes its default, a country left out is removed, a feature
-- left out is deleted (refused, PB409, while projects have settings or sync logs for it:
-- keep it with "is_active": false). A description of the wrong shape is refused (PB422)
-- naming the field. docs/catalogue.md lists the fields.

-- Checks p_value is an object holding only p_fields' keys, each of its JSON type. p_fields
-- maps a key to its type: 'string', 'number', 'boolean', 'array' or 'object', several
-- joined by '|' ('string|null'), a trailing '!' for a required key (never null).
create function private.registration_check_fields(p_value jsonb, p_path text, p_fields jsonb)
returns void
language plpgsql immutable
set search_path = ''
as $$
declare
    v_key text;
    v_spec text;
    v_types text [];
    v_hint text := 'the fields: ' || (
        select pg_catalog.string_agg(f.key || ' (' || f.value || ')', ', ' order by f.key)
        from pg_catalog.jsonb_each_text(p_fields) as f
    ) || '; ! marks a required one';
begin
    if pg_catalog.jsonb_typeof(p_value) is distinct from 'object' then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: must be a JSON object, not %s', p_path,
                coalesce(pg_catalog.jsonb_typeof(p_value), 'missing')),
            hint = v_hint;
    end if;
    select k into v_key from pg_catalog.jsonb_object_keys(p_value) as k where not p_fields ? k order by k limit 1;
    if v_key is not null then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s.%s: not a field of this description', p_path,
                private.input_excerpt(v_key)),
            hint = v_hint;
    end if;
    for v_key, v_spec in select f.key, f.value from pg_catalog.jsonb_each_text(p_fields) as f order by f.key loop
        v_types := pg_catalog.string_to_array(pg_catalog.rtrim(v_spec, '!'), '|');
        if not p_value ? v_key then
            if v_spec like '%!' then
                raise exception using errcode = 'PB422',
                    message = pg_catalog.format('%s.%s: required, missing', p_path, v_key), hint = v_hint;
            end if;
        elsif pg_catalog.jsonb_typeof(p_value -> v_key) <> all (v_types) then
            raise exception using errcode = 'PB422',
                message = pg_catalog.format('%s.%s: must be %s, not %s', p_path, v_key,
                    pg_catalog.array_to_string(v_types, ' or '), pg_catalog.jsonb_typeof(p_value -> v_key)),
                hint = v_hint;
        end if;
    end loop;
end
$$;

-- A JSON array of distinct non-empty strings as text[] ('{}' when p_value is null).
create function private.registration_strings(p_value jsonb, p_path text)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
declare
    v_bad record;
begin
    select e.ordinality - 1 as i, e.value into v_bad
    from pg_catalog.jsonb_array_elements(coalesce(p_value, '[]')) with ordinality as e
    where pg_catalog.jsonb_typeof(e.value) <> 'string' or e.value #>> '{}' = ''
    order by e.ordinality limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s[%s]: must be a non-empty string, not %s', p_path, v_bad.i,
                private.input_excerpt(v_bad.value::text));
    end if;
    select e.value #>> '{}' as value, e.ordinality - 1 as i into v_bad
    from pg_catalog.jsonb_array_elements(coalesce(p_value, '[]')) with ordinality as e
    where exists (
        select from pg_catalog.jsonb_array_elements(p_value) with ordinality as o
        where o.value = e.value and o.ordinality < e.ordinality
    )
    order by e.ordinality limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s[%s]: "%s" is listed twice', p_path, v_bad.i,
                private.input_excerpt(v_bad.value));
    end if;
    return array(
        select e.value #>> '{}' from pg_catalog.jsonb_array_elements(coalesce(p_value, '[]')) with ordinality as e
        order by e.ordinality
    );
end
$$;

-- p_value when it is a label of the enum p_type, else PB422 listing the labels.
create function private.registration_enum_label(p_value text, p_path text, p_type regtype)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
    v_labels text [] := array(
        select e.enumlabel::text from pg_catalog.pg_enum as e where e.enumtypid = p_type order by e.enumsortorder
    );
begin
    if p_value = any (v_labels) then
        return p_value;
    end if;
    raise exception using errcode = 'PB422',
        message = pg_catalog.format('%s: "%s" is not one of %s', p_path, private.input_excerpt(p_value),
            pg_catalog.array_to_string(v_labels, ', '));
end
$$;

-- A key as the catalogue tables accept it (lower case, digits and _, a letter first).
create function private.registration_key(p_value text, p_path text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
    if p_value !~ '^[a-z][a-z0-9_]*$' then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: "%s" is not a key (lower-case letters, digits and _, a letter first)',
                p_path, private.input_excerpt(p_value));
    end if;
    return p_value;
end
$$;

-- A whole JSON number that fits an integer, or p_default when p_value is null.
create function private.registration_integer(p_value jsonb, p_path text, p_default integer)
returns integer
language plpgsql immutable
set search_path = ''
as $$
begin
    if p_value is null then
        return p_default;
    end if;
    if p_value::text::numeric <> pg_catalog.trunc(p_value::text::numeric)
        or p_value::text::numeric not between -2147483648 and 2147483647 then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: must be a whole number, not %s', p_path,
                private.input_excerpt(p_value::text));
    end if;
    return p_value::text::integer;
end
$$;

-- A positive interval as PostgreSQL reads one ("1 hour", "90 minutes"), or null.
create function private.registration_interval(p_value text, p_path text)
returns interval
language plpgsql immutable
set search_path = ''
as $$
declare
    v_interval interval;
begin
    if p_value is null then
        return null;
    end if;
    begin
        v_interval := p_value::interval;
    exception when data_exception then
        v_interval := null;
    end;
    if v_interval is null or v_interval <= interval '0' then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: "%s" is not a positive interval such as "1 hour"', p_path,
                private.input_excerpt(p_value));
    end if;
    return v_interval;
end
$$;

-- Validates one feature of a provider's description (at p_path): its fields, its default
-- trigger config (PB400, as the table's own check says it, with the feature's path), its
-- server action one of server_actions, its validation action one of client_actions.
-- Returns its key.
create function private.registration_check_feature(
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
        "is_active": "boolean", "sort_order": "number"
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
    into v_dropped
    from pg_catalog.unnest(v_countries) with ordinality as c (code, i)
    where not private.is_iso_country(c.code)
    order by c.i limit 1;
    if v_dropped is not null then
        raise exception using errcode = 'PB422', message = v_dropped;
    end if;
    v_feature_keys := array(
        select private.registration_check_feature(
            f.value, pg_catalog.format('%s.features[%s]', c_path, f.i - 1), v_server_actions, v_client_actions
        )
        from pg_catalog.jsonb_array_elements(v_features) with ordinality as f (value, i)
        order by f.i
    );
    select pg_catalog.format('%s.features: "%s" is listed twice', c_path, k.key) into v_dropped
    from pg_catalog.unnest(v_feature_keys) as k (key)
    group by k.key having pg_catalog.count(*) > 1
    order by k.key limit 1;
    if v_dropped is not null then
        raise exception using errcode = 'PB422', message = v_dropped;
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
        entity_type, server_action, validation_action, is_active, sort_order
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
        coalesce((d.value ->> 'sort_order')::integer, 0)
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
        sort_order = excluded.sort_order
    where (
        f.name, f.description, f.default_trigger, f.default_trigger_config, f.sync_direction, f.entity_type,
        f.server_action, f.validation_action, f.is_active, f.sort_order
    ) is distinct from (
        excluded.name, excluded.description, excluded.default_trigger, excluded.default_trigger_config,
        excluded.sync_direction, excluded.entity_type, excluded.server_action, excluded.validation_action,
        excluded.is_active, excluded.sort_order
    );

    -- project:owner is granted it by rule (20261204600010_owner_holds_every_permission)
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

revoke all on function private.registration_check_fields(jsonb, text, jsonb) from public;
revoke all on function private.registration_strings(jsonb, text) from public;
revoke all on function private.registration_enum_label(text, text, regtype) from public;
revoke all on function private.registration_key(text, text) from public;
revoke all on function private.registration_integer(jsonb, text, integer) from public;
revoke all on function private.registration_interval(text, text) from public;
revoke all on function private.registration_check_feature(jsonb, text, text[], text[]) from public;
revoke all on function private.register_provider(jsonb) from public;
