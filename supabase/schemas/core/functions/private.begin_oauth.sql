-- As before, and the state is bound to p_browser_hash too.
create function private.begin_oauth(
    p_project_id uuid,
    p_provider_key text,
    p_state_hash text,
    p_browser_hash text,
    p_code_verifier text,
    p_lifetime interval
)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
    v_user_id uuid := private.caller_uid();
    v_integration_id uuid;
    v_enabled boolean;
    v_auth_method public.integration_auth_method;
begin
    if v_user_id is null then
        raise exception using errcode = 'PB401', message = 'sign in first';
    end if;
    if not private.has_permission(p_project_id, 'integration:manage') then
        raise exception using errcode = 'PB403',
            message = 'you need the integration:manage permission in this project';
    end if;
    select pi.id, pi.is_enabled, p.auth_method into v_integration_id, v_enabled, v_auth_method
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.project_id = p_project_id and p.key = p_provider_key;
    if v_integration_id is null then
        raise exception using errcode = 'PB404',
            message = format('this project has no %s integration; enable it first', p_provider_key);
    end if;
    if v_auth_method <> 'oauth2' then
        raise exception using errcode = 'PB400',
            message = format('%s does not connect with OAuth 2.0', p_provider_key);
    end if;
    if not v_enabled then
        raise exception using errcode = 'PB409',
            message = format('the %s integration is switched off in this project; enable it first', p_provider_key);
    end if;
    delete from private.oauth_states as s where s.expires_at < now() - interval '1 day';
    insert into private.oauth_states (
        state_hash, browser_hash, project_integration_id, user_id, code_verifier, expires_at
    )
    values (p_state_hash, p_browser_hash, v_integration_id, v_user_id, p_code_verifier, now() + p_lifetime);
    return v_integration_id;
end
$$;

revoke all on function private.begin_oauth(uuid, text, text, text, text, interval)
from public, anon, authenticated;

grant execute on function private.begin_oauth(uuid, text, text, text, text, interval) to service_role;
