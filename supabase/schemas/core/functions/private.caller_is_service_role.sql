-- A trusted server app: the claims say role service_role AND the request runs as the
-- service_role database role (the SET ROLE of the request, which security definer does
-- not change; a login as service_role without SET ROLE counts too). Claims alone, under
-- another role, are not enough.
create function private.caller_is_service_role()
returns boolean
language plpgsql stable
set search_path = ''
as $$
declare
    v_role text := pg_catalog.current_setting('role');
begin
    return coalesce(private.caller_claims() ->> 'role' = 'service_role', false)
        and case v_role when 'none' then session_user else v_role end = 'service_role';
end
$$;

revoke all on function private.caller_is_service_role() from public;

grant execute on function private.caller_is_service_role() to authenticated, service_role;
