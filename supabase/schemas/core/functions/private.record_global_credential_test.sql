-- The outcome of a real test of a global credential (the Companies House key): every
-- project integration of the provider follows it, and the credential remembers when it
-- last passed. p_ok false moves them to Error with the reason.
create function private.record_global_credential_test(
    p_provider_key text,
    p_ok boolean,
    p_error_code text default null,
    p_error_message text default null
)
returns integer
language sql
set search_path = ''
as $$
    with tested as (
        update public.integration_credentials as c set
            verified_at = case when p_ok then now() else c.verified_at end
        from public.integration_providers as p
        where c.provider_id = p.id and p.key = p_provider_key and c.scope = 'global'
        returning c.provider_id
    ),

    moved as (
        update public.project_integrations as pi set
            status = case when p_ok then 'Connected' else 'Error' end::public.integration_connection_status,
            connected_at = case when p_ok then coalesce(pi.connected_at, now()) end,
            last_error_code = case when not p_ok then p_error_code end,
            last_error_message = case when not p_ok then p_error_message end,
            last_error_at = case when not p_ok then now() end
        where pi.provider_id in (select t.provider_id from tested as t)
        returning 1
    )

    select count(*)::integer from moved
$$;

revoke all on function private.record_global_credential_test(text, boolean, text, text)
from public, anon, authenticated;

grant execute on function private.record_global_credential_test(text, boolean, text, text)
to service_role;
