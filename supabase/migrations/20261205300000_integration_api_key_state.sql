-- integration_api_key_state: what a person managing a project may know of an API-key
-- provider's key (Companies House) — whether one is set, whether a real call accepted it,
-- whose it is (global: the deployment's, shared by every project) and who may set it —
-- never the key or its Vault id. Security definer: clients may not read credentials.
create function public.integration_api_key_state(p_project_integration_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_project_id uuid;
    v_provider_id uuid;
    v_method public.integration_auth_method;
    v_scope public.integration_credential_scope;
    v_credential public.integration_credentials;
begin
    select pi.project_id, p.id, p.auth_method, p.credential_scope
    into v_project_id, v_provider_id, v_method, v_scope
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.id = p_project_integration_id;
    if v_project_id is null or not private.has_permission(v_project_id, 'integration:manage') then
        -- the same answer for an unknown integration and another project's: nothing leaks
        raise exception using errcode = 'PB403',
            message = 'you need the integration:manage permission in this integration''s project';
    end if;
    if v_method <> 'api_key' then
        raise exception using errcode = 'PB400',
            message = 'this provider connects with OAuth, not an API key';
    end if;
    select c.* into v_credential
    from public.integration_credentials as c
    where c.provider_id = v_provider_id
        and (
            (c.scope = 'global' and v_scope = 'global')
            or (c.scope = 'per_project' and c.project_integration_id = p_project_integration_id)
        );
    return pg_catalog.jsonb_build_object(
        'scope', v_scope,
        'is_set', v_credential.id is not null,
        'verified_at', v_credential.verified_at,
        'updated_at', v_credential.updated_at,
        -- a global key is the deployment's: only its operator (service_role) sets it
        'set_by', case v_scope when 'global' then 'operator' else 'project' end,
        'may_set', v_scope = 'per_project'
    );
end
$$;

comment on function public.integration_api_key_state(uuid) is
'For members with integration:manage: whether an API-key provider''s key is set and was '
'accepted by a real call, whether it is global or the project''s own, and who may set it. '
'Never the key.';

revoke all on function public.integration_api_key_state(uuid) from public, anon;

grant execute on function public.integration_api_key_state(uuid) to authenticated, service_role;
