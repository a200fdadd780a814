-- Stores a credential, creating or replacing it: the secret (a JSON object such as
-- {"access_token": …, "refresh_token": …} or {"api_key": …}) into Vault, the facts here.
-- p_project_integration_id null means the provider's global credential. On replace, a null
-- fact keeps the stored one (as vault.update_secret does). Returns the credential id.
create function private.save_credential(
    p_provider_key text,
    p_project_integration_id uuid,
    p_secret jsonb,
    p_token_expires_at timestamptz default null,
    p_refresh_token_expires_at timestamptz default null,
    p_scopes text[] default null,
    p_external_account_id text default null
)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
    v_provider public.integration_providers;
    v_credential_id uuid;
    v_secret_id uuid;
begin
    select p.* into v_provider from public.integration_providers as p where p.key = p_provider_key;
    if not found then
        raise exception using errcode = 'PB404', message = format('no provider "%s"', p_provider_key);
    end if;
    if (v_provider.credential_scope = 'global') <> (p_project_integration_id is null) then
        raise exception using errcode = 'PB400', message = format(
            '%s keeps %s credentials', v_provider.name,
            case v_provider.credential_scope when 'global' then 'one global' else 'per-project' end);
    end if;
    if p_secret is null or pg_catalog.jsonb_typeof(p_secret) <> 'object' then
        raise exception using errcode = 'PB400', message = 'a credential secret is a JSON object';
    end if;
    -- one writer per credential at a time: concurrent first saves would both insert
    if p_project_integration_id is null then
        perform from public.integration_providers as p where p.id = v_provider.id for no key update;
    else
        perform from public.project_integrations as pi
        where pi.id = p_project_integration_id and pi.provider_id = v_provider.id
        for no key update;
        if not found then
            raise exception using errcode = 'PB404', message = format(
                'no %s integration %s', v_provider.name, p_project_integration_id);
        end if;
    end if;

    select c.id, c.vault_secret_id into v_credential_id, v_secret_id
    from public.integration_credentials as c
    where c.provider_id = v_provider.id
        and c.project_integration_id is not distinct from p_project_integration_id;

    if v_credential_id is null then
        v_credential_id := extensions.gen_random_uuid();
        v_secret_id := vault.create_secret(
            p_secret::text,
            'integration_credential:' || v_credential_id,
            format(
                'Plugboard %s credential (%s)',
                v_provider.key, coalesce(p_project_integration_id::text, 'global')
            )
        );
        insert into public.integration_credentials (
            id, provider_id, project_integration_id, scope, vault_secret_id, token_expires_at,
            refresh_token_expires_at, scopes, external_account_id
        ) values (
            v_credential_id, v_provider.id, p_project_integration_id, v_provider.credential_scope,
            v_secret_id, p_token_expires_at, p_refresh_token_expires_at, coalesce(p_scopes, '{}'),
            p_external_account_id
        );
    else
        perform vault.update_secret(v_secret_id, p_secret::text);
        update public.integration_credentials as c set
            token_expires_at = coalesce(p_token_expires_at, c.token_expires_at),
            refresh_token_expires_at = coalesce(p_refresh_token_expires_at, c.refresh_token_expires_at),
            scopes = coalesce(p_scopes, c.scopes),
            external_account_id = coalesce(p_external_account_id, c.external_account_id),
            refresh_failure_count = 0
        where c.id = v_credential_id;
    end if;
    return v_credential_id;
end
$$;

comment on function private.save_credential(text, uuid, jsonb, timestamptz, timestamptz, text[], text) is
'Creates or replaces a credential: the secret into Vault, the non-secret facts into '
'integration_credentials. service_role only. Returns the credential id.';

revoke all on function private.save_credential(
    text, uuid, jsonb, timestamptz, timestamptz, text[], text
) from public, anon, authenticated;

grant execute on function private.save_credential(
    text, uuid, jsonb, timestamptz, timestamptz, text[], text
) to service_role;
