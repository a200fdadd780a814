-- Deletes a credential; the Vault secret goes with it (trigger below). True when it existed.
create function private.delete_credential(p_credential_id uuid)
returns boolean
language sql
set search_path = ''
as $$
    with gone as (
        delete from public.integration_credentials as c where c.id = p_credential_id returning 1
    )

    select exists (select from gone)
$$;

revoke all on function private.delete_credential(uuid) from public, anon, authenticated;

grant execute on function private.delete_credential(uuid) to service_role;
