-- The project's QuickBooks integration (null fields when it has none the caller can see).
create function private.quickbooks_integration(p_project_id uuid)
returns public.project_integrations
language plpgsql stable
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
begin
    select pi.* into v_integration
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.project_id = p_project_id and p.key = 'quickbooks';
    return v_integration;
end
$$;

revoke all on function private.quickbooks_integration(uuid) from public;

grant execute on function private.quickbooks_integration(uuid) to authenticated, service_role;
