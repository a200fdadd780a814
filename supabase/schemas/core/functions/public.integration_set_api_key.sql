-- integration_set_api_key: sets or replaces an API-key provider's global key (Companies
-- House). For a trusted server (service_role) only, never a client app. The key goes to
-- Vault; the answer names the credential and never echoes the key. A new key is untested:
-- its status comes from a real call (`plugboard credentials set-companies-house-key` makes
-- it at once; the provider's testConnection action any time after).
create function public.integration_set_api_key(p_provider_key text, p_api_key text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
    v_method public.integration_auth_method;
    v_scope public.integration_credential_scope;
    v_key text := pg_catalog.btrim(p_api_key);
    v_credential_id uuid;
begin
    select p.auth_method, p.credential_scope into v_method, v_scope
    from public.integration_providers as p where p.key = p_provider_key;
    if v_method is null then
        raise exception using errcode = 'PB404', message = format('no provider "%s"', p_provider_key);
    end if;
    if v_method <> 'api_key' or v_scope <> 'global' then
        raise exception using errcode = 'PB400',
            message = format('%s does not use a global API key', p_provider_key);
    end if;
    if v_key is null or v_key = '' or v_key ~ '\s' or pg_catalog.length(v_key) > 200 then
        raise exception using errcode = 'PB400',
            message = 'an API key is one word of at most 200 characters';
    end if;
    v_credential_id := private.save_credential(
        p_provider_key, null, pg_catalog.jsonb_build_object('api_key', v_key)
    );
    update public.integration_credentials as c set verified_at = null where c.id = v_credential_id;
    return pg_catalog.jsonb_build_object(
        'credential_id', v_credential_id, 'provider_key', p_provider_key, 'tested', false
    );
end
$$;

comment on function public.integration_set_api_key(text, text) is
'service_role only: sets or replaces a provider''s global API key (stored in Vault). '
'Returns the credential id, never the key.';

revoke all on function public.integration_set_api_key(text, text) from public, anon, authenticated;

grant execute on function public.integration_set_api_key(text, text) to service_role;
