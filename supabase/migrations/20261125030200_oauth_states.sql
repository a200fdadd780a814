-- OAuth 2.0 authorization requests in flight: the `state` sent to the provider is bound to
-- the person who started the connection and the project integration, works once and
-- expires. Only its SHA-256 is kept, so a leaked table cannot forge a callback. The PKCE
-- code verifier of the request waits here for the code exchange.

create table private.oauth_states (
    state_hash text primary key check (state_hash ~ '^[0-9a-f]{64}$'),
    project_integration_id uuid not null
    references public.project_integrations (id) on delete cascade,
    user_id uuid not null references auth.users (id) on delete cascade,
    code_verifier text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz
);

comment on table private.oauth_states is
'OAuth authorization requests in flight: state (hashed) bound to user and project '
'integration, single use, expiring. service_role only.';

create index oauth_states_project_integration_id_idx
on private.oauth_states (project_integration_id);
create index oauth_states_user_id_idx on private.oauth_states (user_id);
create index oauth_states_expires_at_idx on private.oauth_states (expires_at);

alter table private.oauth_states enable row level security;
revoke all on private.oauth_states from public, anon, authenticated;
grant select, insert, update, delete on private.oauth_states to service_role;

-- Starts an authorization for the signed-in user (auth.uid() from request.jwt.claims):
-- they need integration:manage in the project, whose integration of the provider must
-- exist, be enabled and use OAuth 2.0. Returns the project integration id. Requests that
-- expired a day ago are cleared on the way (kept that long so a replay is told apart from
-- a forgery).
create function private.begin_oauth(
    p_project_id uuid,
    p_provider_key text,
    p_state_hash text,
    p_code_verifier text,
    p_lifetime interval
)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
    v_user_id uuid := (select auth.uid());
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
    insert into private.oauth_states (state_hash, project_integration_id, user_id, code_verifier, expires_at)
    values (p_state_hash, v_integration_id, v_user_id, p_code_verifier, now() + p_lifetime);
    return v_integration_id;
end
$$;

-- Uses up the authorization request a callback's state names. outcome: ok; unknown (never
-- issued, or for another provider); replayed (already used); expired. The ids are given
-- for every outcome but unknown, so the callback can record what happened.
create function private.take_oauth_state(p_state_hash text, p_provider_key text)
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
begin
    update private.oauth_states as s set used_at = now()
    where s.state_hash = p_state_hash and s.used_at is null
    returning s.* into v_state;
    if v_state.state_hash is not null then
        outcome := case when v_state.expires_at < now() then 'expired' else 'ok' end;
    else
        select s.* into v_state from private.oauth_states as s where s.state_hash = p_state_hash;
        outcome := case when v_state.state_hash is null then 'unknown' else 'replayed' end;
    end if;
    select pi.id, pi.project_id into project_integration_id, project_id
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.id = v_state.project_integration_id and p.key = p_provider_key;
    if project_integration_id is null then
        outcome := 'unknown';
        return next;
        return;
    end if;
    user_id := v_state.user_id;
    code_verifier := case when outcome = 'ok' then v_state.code_verifier end;
    return next;
end
$$;

revoke all on function private.begin_oauth(uuid, text, text, text, interval)
from public, anon, authenticated;
revoke all on function private.take_oauth_state(text, text) from public, anon, authenticated;
grant execute on function private.begin_oauth(uuid, text, text, text, interval) to service_role;
grant execute on function private.take_oauth_state(text, text) to service_role;
