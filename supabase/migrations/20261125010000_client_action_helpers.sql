-- Client actions: the original design's instant, pure checks ("can this be sent?",
-- dropdown filters), as SQL any client app reaches through one RPC,
-- public.integration_client_action(provider, action, params).
--
-- Every client action is `client_actions.<provider>__<action>(p_params jsonb) returns jsonb`:
-- stable, security invoker (the caller's RLS applies), `set search_path = ''`; it reads the
-- project's records, mappings and cached reference data and never writes, calls out or
-- touches a secret. It returns {"valid": bool, "errors": [{code, field, message}], "data": {}}.
-- The client_actions schema holds client actions only (the conformance test checks it
-- against the catalogue); the shared helpers below live in private.
--
-- Errors: params that are not an object, name an unknown key, miss a required key or hold
-- a value of the wrong type raise PB422 (docs/errors.md); everything about the data itself
-- is an entry in "errors", with a stable code, the field (or line) and a message.

create schema if not exists client_actions;
revoke all on schema client_actions from public;
grant usage on schema client_actions to authenticated, service_role;

comment on schema client_actions is
'Client actions: client_actions.<provider>__<action>(jsonb) returns jsonb, one per catalogue '
'entry (integration_providers.client_actions), called through public.integration_client_action.';

/** --- Params: shape checks (PB422) --- */

-- p_params itself, once it is an object whose keys are all in p_allowed and which holds
-- every key of p_required; else PB422 naming the problem.
create function private.client_action_params(p_params jsonb, p_allowed text[], p_required text[])
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
                message = format('params.%s: unknown key', v_key), hint = v_expected;
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

-- params.<key> as text: a JSON string, or null when absent or null; else PB422.
create function private.client_action_text(p_params jsonb, p_key text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
    if coalesce(pg_catalog.jsonb_typeof(p_params -> p_key), 'null') not in ('string', 'null') then
        raise exception using errcode = 'PB422',
            message = format('params.%s: must be a string, not %s', p_key,
                pg_catalog.jsonb_typeof(p_params -> p_key));
    end if;
    return p_params ->> p_key;
end
$$;

-- params.<key> as a uuid (a JSON string in uuid form), or null when absent; else PB422.
create function private.client_action_uuid(p_params jsonb, p_key text)
returns uuid
language plpgsql immutable
set search_path = ''
as $$
declare
    v_text text := private.client_action_text(p_params, p_key);
begin
    if v_text is not null
        and v_text !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        raise exception using errcode = 'PB422',
            message = format('params.%s: must be a uuid, not "%s"', p_key, pg_catalog.left(v_text, 60));
    end if;
    return v_text::uuid;
end
$$;

-- params.<key> as an integer within [p_min, p_max], p_default when absent; else PB422.
create function private.client_action_integer(
    p_params jsonb, p_key text, p_min integer, p_max integer, p_default integer
)
returns integer
language plpgsql immutable
set search_path = ''
as $$
declare
    v_value jsonb := p_params -> p_key;
begin
    if v_value is null or pg_catalog.jsonb_typeof(v_value) = 'null' then
        return p_default;
    end if;
    if pg_catalog.jsonb_typeof(v_value) <> 'number'
        or v_value::text !~ '^-?[0-9]{1,9}$'
        or (v_value::text)::integer not between p_min and p_max then
        raise exception using errcode = 'PB422',
            message = format('params.%s: must be a whole number from %s to %s, not %s',
                p_key, p_min, p_max, pg_catalog.left(v_value::text, 60));
    end if;
    return (v_value::text)::integer;
end
$$;

/** --- Results --- */

-- One entry of "errors". p_field names the param, column or line (e.g. lines[2].account_code).
create function private.client_action_error(p_code text, p_field text, p_message text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select pg_catalog.jsonb_build_object('code', p_code, 'field', p_field, 'message', p_message)
    );
end
$$;

create function private.client_action_result(p_errors jsonb, p_data jsonb)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select pg_catalog.jsonb_build_object(
            'valid', pg_catalog.jsonb_array_length(coalesce(p_errors, '[]')) = 0,
            'errors', coalesce(p_errors, '[]'),
            'data', coalesce(p_data, '{}')
        )
    );
end
$$;

-- "too_long" errors for each field whose value is longer than its limit.
-- p_values: {"field": "value", ...}; p_limits: {"field": max characters, ...}.
create function private.client_action_length_errors(p_values jsonb, p_limits jsonb, p_system text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select coalesce(pg_catalog.jsonb_agg(
            private.client_action_error('too_long', l.key, format(
                '%s is %s characters; %s allows at most %s',
                pg_catalog.upper(pg_catalog.left(l.key, 1)) || pg_catalog.replace(pg_catalog.substr(l.key, 2), '_', ' '),
                pg_catalog.length(p_values ->> l.key), p_system, l.value
            )) order by l.key
        ), '[]')
        from pg_catalog.jsonb_each_text(p_limits) as l
        where pg_catalog.length(p_values ->> l.key) > l.value::integer
    );
end
$$;

/** --- Feature filters (the trigger config's entity + filter pattern) --- */

-- The filter keys (sorted) whose value the row does not have; a filter array means any-of.
-- Keys in p_ignore are skipped (e.g. status, which "Send To" reports on its own).
create function private.filter_mismatches(p_filter jsonb, p_row jsonb, p_ignore text[])
returns text[]
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select coalesce(pg_catalog.array_agg(f.key order by f.key), '{}')
        from pg_catalog.jsonb_each(coalesce(p_filter, '{}')) as f
        where not f.key = any (coalesce(p_ignore, '{}'))
            and not case pg_catalog.jsonb_typeof(f.value)
                when 'array' then coalesce(f.value @> pg_catalog.jsonb_build_array(p_row -> f.key), false)
                else coalesce(p_row -> f.key = f.value, false)
            end
    );
end
$$;

-- A filter value as people read it: "Business", or "Invoice, Payroll Invoice or Reimbursement".
create function private.filter_value_text(p_value jsonb)
returns text
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case pg_catalog.jsonb_typeof(p_value)
            when 'array' then (
                select pg_catalog.regexp_replace(
                    pg_catalog.string_agg(e.value, ', ' order by e.ordinality), ', ([^,]*)$', ' or \1'
                )
                from pg_catalog.jsonb_array_elements_text(p_value) with ordinality as e (value, ordinality)
            )
            else p_value #>> '{}'
        end
    );
end
$$;

/** --- Reading a project's data without RLS, under the same rule --- */

-- Whether the caller may read a project's records: the rule the select policies apply,
-- for the security-definer cores of client actions. A client action reads its root record
-- under RLS; its core then reads mappings, cached reference data and feature state without
-- RLS, because every RLS'd table reference calls the (SQL-language, re-planned per
-- statement) policy helpers again: ~0.1 ms each, most of a check's cost. The role in
-- effect is the SET ROLE of the request (security definer does not change it):
-- authenticated -> a member of the project; any other role (service_role, a worker's own
-- login without SET ROLE) -> only if RLS would let it read everything anyway.
create function private.caller_can_read_project(p_project_id uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_role text := pg_catalog.current_setting('role');
begin
    if v_role = 'authenticated' then
        return exists (
            select
            from public.project_members as m
            where m.project_id = p_project_id and m.user_id = (select auth.uid())
        );
    end if;
    return exists (
        select
        from pg_catalog.pg_roles as r
        where r.rolname = case v_role when 'none' then session_user else v_role end
            and (r.rolsuper or r.rolbypassrls)
    );
end
$$;

/** --- The project's integration, as a client action sees it --- */

-- Errors that stop anything being sent through a provider: the project has no such
-- integration, it is disabled, or it is not connected.
create function private.integration_state_errors(
    p_integration public.project_integrations, p_provider_name text
)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case
            when p_integration.id is null then pg_catalog.jsonb_build_array(private.client_action_error(
                'integration_missing', 'project_id',
                format('This project has no %s integration', p_provider_name)))
            when not p_integration.is_enabled then pg_catalog.jsonb_build_array(private.client_action_error(
                'integration_disabled', 'project_id',
                format('%s is switched off for this project', p_provider_name)))
            when p_integration.status <> 'Connected' then pg_catalog.jsonb_build_array(private.client_action_error(
                'integration_not_connected', 'project_id',
                format('%s is not connected (status %s); connect it first', p_provider_name, p_integration.status)))
            else '[]'::jsonb
        end
    );
end
$$;

revoke all on function private.client_action_params(jsonb, text[], text[]) from public;
revoke all on function private.client_action_text(jsonb, text) from public;
revoke all on function private.client_action_uuid(jsonb, text) from public;
revoke all on function private.client_action_integer(jsonb, text, integer, integer, integer) from public;
revoke all on function private.client_action_error(text, text, text) from public;
revoke all on function private.client_action_result(jsonb, jsonb) from public;
revoke all on function private.client_action_length_errors(jsonb, jsonb, text) from public;
revoke all on function private.filter_mismatches(jsonb, jsonb, text[]) from public;
revoke all on function private.filter_value_text(jsonb) from public;
revoke all on function private.integration_state_errors(public.project_integrations, text) from public;
revoke all on function private.caller_can_read_project(uuid) from public;
grant execute on function private.client_action_params(jsonb, text[], text[]) to authenticated, service_role;
grant execute on function private.client_action_text(jsonb, text) to authenticated, service_role;
grant execute on function private.client_action_uuid(jsonb, text) to authenticated, service_role;
grant execute on function private.client_action_integer(jsonb, text, integer, integer, integer)
to authenticated, service_role;
grant execute on function private.client_action_error(text, text, text) to authenticated, service_role;
grant execute on function private.client_action_result(jsonb, jsonb) to authenticated, service_role;
grant execute on function private.client_action_length_errors(jsonb, jsonb, text) to authenticated, service_role;
grant execute on function private.filter_mismatches(jsonb, jsonb, text[]) to authenticated, service_role;
grant execute on function private.filter_value_text(jsonb) to authenticated, service_role;
grant execute on function private.integration_state_errors(public.project_integrations, text)
to authenticated, service_role;
grant execute on function private.caller_can_read_project(uuid) to authenticated, service_role;
