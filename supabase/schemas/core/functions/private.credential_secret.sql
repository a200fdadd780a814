-- The decrypted secret of a credential (a JSON object), or null when there is none.
create function private.credential_secret(p_credential_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
    select d.decrypted_secret::jsonb
    from public.integration_credentials as c
    inner join vault.decrypted_secrets as d on c.vault_secret_id = d.id
    where c.id = p_credential_id
$$;

revoke all on function private.credential_secret(uuid) from public, anon, authenticated;

grant execute on function private.credential_secret(uuid) to service_role;
