-- Frees the refresh lease of credential p_credential_id if p_holder still holds it: true
-- then (its row stays locked until the transaction ends, so the holder stores what it
-- learned before anyone can take the lease), false when another took it over.
create function private.give_back_credential_refresh_lease(p_credential_id uuid, p_holder uuid)
returns boolean
language sql volatile
set search_path = ''
as $$
    with freed as (
        delete from private.credential_refresh_leases as l
        where l.credential_id = p_credential_id and l.holder = p_holder
        returning 1
    )
    select exists (select from freed);
$$;

revoke all on function private.give_back_credential_refresh_lease(uuid, uuid) from public;

grant execute on function private.give_back_credential_refresh_lease(uuid, uuid) to service_role;
