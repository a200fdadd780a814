-- Who is calling, read so that a missing, empty or malformed JWT claim never means
-- "allowed". auth.uid() / auth.role() are null when a claim is missing (and raise on
-- malformed JSON), and `(select auth.role()) = 'service_role' or …` is null for a caller
-- without a role claim: `if not null` does not raise, so private.rpc_integration and
-- private.rpc_may let such a caller through (issue #18). Every permission decision now
-- reads these three instead; each answers a plain true/false or a uuid/null, never an error.
-- The request's JWT claims as a JSON object; {} when missing, empty, not JSON or not an object.
create function private.caller_claims()
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_raw text := pg_catalog.current_setting('request.jwt.claims', true);
    v_claims jsonb;
begin
    if v_raw is null or v_raw = '' then
        return '{}'::jsonb;
    end if;
    begin
        v_claims := v_raw::jsonb;
    exception when invalid_text_representation then
        return '{}'::jsonb;
    end;
    if pg_catalog.jsonb_typeof(v_claims) <> 'object' then
        return '{}'::jsonb;
    end if;
    return v_claims;
end
$$;

revoke all on function private.caller_claims() from public;

grant execute on function private.caller_claims() to authenticated, service_role;
