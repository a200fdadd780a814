-- The signed-in person: the claims' sub when it is a uuid, else null.
create function private.caller_uid()
returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
    v_sub text := private.caller_claims() ->> 'sub';
begin
    if v_sub ~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        return v_sub::uuid;
    end if;
    return null;
end
$$;

revoke all on function private.caller_uid() from public;

grant execute on function private.caller_uid() to authenticated, service_role;
