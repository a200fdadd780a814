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

revoke all on function private.take_oauth_state(text, text, text) from public, anon, authenticated;

grant execute on function private.take_oauth_state(text, text, text) to service_role;
