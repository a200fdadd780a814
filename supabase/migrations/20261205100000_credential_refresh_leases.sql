-- Credential refresh leases: a token refresh holds no transaction across the token
-- endpoint's answer (issue #22). The refresher takes a lease in a short transaction,
-- calls the token endpoint with none open, then stores the rotated tokens and frees the
-- lease only if it still holds it (python_workers/credentials/refresh.py).

-- Who is refreshing each OAuth credential, until when (python_workers/credentials/refresh.py,
-- issue #22): single-flight refreshes without a transaction open across the token call.
create table private.credential_refresh_leases (
    credential_id uuid primary key references public.integration_credentials (id) on delete cascade,
    holder uuid not null,
    expires_at timestamptz not null,
    taken_at timestamptz not null default now()
);

comment on table private.credential_refresh_leases is
'Which refresher holds each credential''s refresh (service_role only): live until expires_at.';

revoke all on table private.credential_refresh_leases from public;

grant select, insert, update, delete on table private.credential_refresh_leases to service_role;

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
