-- OAuth state bound to the browser that started the flow (issue #18, connection CSRF):
-- begin_oauth also keeps the SHA-256 of a nonce that functions/ sets as an HttpOnly,
-- SameSite=Lax cookie in that browser, and take_oauth_state gives the state only to a
-- callback bringing the same nonce. A callback from another browser, and one whose state
-- is unknown, expired or already used, changes nothing: only an 'ok' state is marked used.
--
-- Redefines private.begin_oauth and private.take_oauth_state of
-- 20261125030200_oauth_states.sql (each gains a browser hash argument, so the old
-- signatures are dropped). Flows in flight now were started without a cookie: they are
-- cleared and have to be started again.

delete from private.oauth_states;
alter table private.oauth_states
add column browser_hash text not null check (browser_hash ~ '^[0-9a-f]{64}$');
comment on column private.oauth_states.browser_hash is
'SHA-256 of the nonce in the starting browser''s plugboard_oauth_<provider> cookie.';

drop function private.begin_oauth(uuid, text, text, text, interval);
drop function private.take_oauth_state(text, text);

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

-- Uses up the authorization request a callback's state names, when the callback comes
-- from the browser that started it (p_browser_hash: the hash of its cookie's nonce, null
-- without one). outcome: ok; unknown (never issued, or for another provider);
-- other_browser; replayed (already used); expired. Only 'ok' writes (marks the state
-- used) and gives the ids and the PKCE verifier.
create function private.take_oauth_state(p_state_hash text, p_provider_key text, p_browser_hash text)
returns table (
    outcome text,
    project_integration_id uuid,
    project_id uuid,
    user_id uuid,
    code_verifier text
)
language plpgsql
set search_path = ''
as $$
declare
    v_state private.oauth_states;
    v_project_id uuid;
begin
    select s.* into v_state from private.oauth_states as s where s.state_hash = p_state_hash for update;
    select pi.project_id into v_project_id
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.id = v_state.project_integration_id and p.key = p_provider_key;
    outcome := case
        when v_project_id is null then 'unknown'
        when v_state.browser_hash is distinct from p_browser_hash then 'other_browser'
        when v_state.used_at is not null then 'replayed'
        when v_state.expires_at < now() then 'expired'
        else 'ok'
    end;
    if outcome = 'ok' then
        update private.oauth_states as s set used_at = now() where s.state_hash = p_state_hash;
        project_integration_id := v_state.project_integration_id;
        project_id := v_project_id;
        user_id := v_state.user_id;
        code_verifier := v_state.code_verifier;
    end if;
    return next;
end
$$;

revoke all on function private.begin_oauth(uuid, text, text, text, text, interval)
from public, anon, authenticated;
revoke all on function private.take_oauth_state(text, text, text) from public, anon, authenticated;
grant execute on function private.begin_oauth(uuid, text, text, text, text, interval) to service_role;
grant execute on function private.take_oauth_state(text, text, text) to service_role;
