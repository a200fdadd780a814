-- integration_client_action(provider, action, params): the one RPC through which a client
-- app runs a provider's client action. Security invoker: the action runs as the caller and
-- sees only what the caller's RLS lets it see. The catalogue decides what exists
-- (integration_providers.client_actions); the action is client_actions.<provider>__<action>.
--
--   PB404  unknown (or inactive) provider, or an action the provider's catalogue row lacks
--   PB422  params of the wrong shape (raised by the action itself)
--   PB501  the catalogue names an action that has no SQL function (a deployment bug)
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

comment on function public.integration_client_action(text, text, jsonb) is
'Runs a provider''s client action as the caller (RLS applies). Returns {valid, errors, data}. '
'PB404 unknown provider/action, PB422 bad params. See docs/rpc.md.';

revoke all on function public.integration_client_action(text, text, jsonb) from public, anon;

grant execute on function public.integration_client_action(text, text, jsonb) to authenticated, service_role;
