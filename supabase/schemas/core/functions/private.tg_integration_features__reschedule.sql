create function private.tg_integration_features__reschedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.reschedule_integrations(
        array(select pi.id from public.project_integrations as pi where pi.provider_id = new.provider_id),
        true
    );
    return null;
end
$$;

revoke all on function private.tg_integration_features__reschedule() from public;
