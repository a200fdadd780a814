-- Takes the refresh lease of credential p_credential_id for p_holder for p_seconds: true
-- when it is p_holder's now. A lease is free when no row names the credential or its
-- holder let it expire (a holder that died is taken over). A live lease is left alone
-- and unlocked (no ON CONFLICT DO UPDATE, which would lock its row): refreshers looking
-- at it do not queue behind one another, nor delay the holder giving it back.
create function private.take_credential_refresh_lease(
    p_credential_id uuid, p_holder uuid, p_seconds double precision
)
returns boolean
language plpgsql volatile
set search_path = ''
as $$
begin
    insert into private.credential_refresh_leases (credential_id, holder, expires_at)
    values (p_credential_id, p_holder, now() + make_interval(secs => p_seconds))
    on conflict (credential_id) do nothing;
    if found then
        return true;
    end if;
    update private.credential_refresh_leases as l
    set holder = p_holder, expires_at = now() + make_interval(secs => p_seconds), taken_at = now()
    where l.credential_id = p_credential_id and l.expires_at <= now();
    return found;
end;
$$;

revoke all on function private.take_credential_refresh_lease(uuid, uuid, double precision) from public;

grant execute on function private.take_credential_refresh_lease(uuid, uuid, double precision) to service_role;
