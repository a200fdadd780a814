/** --- The connected company, from what Plugboard cached --- */

-- The currencies the company takes: its home currency, plus its active currencies when
-- multicurrency is on; null while the company info has not been fetched yet.
create function private.quickbooks_currencies(p_integration public.project_integrations)
returns text[]
language plpgsql stable
set search_path = ''
as $$
begin
    return (
        select case when p_integration.settings ->> 'home_currency' is not null then
            array[p_integration.settings ->> 'home_currency'] || case
                when p_integration.settings -> 'multicurrency_enabled' = 'true'::jsonb then array(
                    select r.code
                    from public.integration_reference_data as r
                    where r.project_integration_id = p_integration.id
                        and r.provider_id = p_integration.provider_id
                        and r.kind = 'currency' and r.is_active and r.code is not null
                    order by r.code
                )
                else '{}'::text []
            end
        end
    );
end
$$;

revoke all on function private.quickbooks_currencies(public.project_integrations) from public;

grant execute on function private.quickbooks_currencies(public.project_integrations) to authenticated, service_role;
