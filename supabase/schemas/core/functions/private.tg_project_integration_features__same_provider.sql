create function private.tg_project_integration_features__same_provider()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if not exists (
        select from public.project_integrations as pi
        inner join public.integration_features as f on pi.provider_id = f.provider_id
        where pi.id = new.project_integration_id and f.id = new.feature_id
    ) then
        raise exception using errcode = 'PB409',
            message = 'this feature is not one of the integration''s provider''s features',
            hint = 'Override the features of the integration''s own provider (v_project_integration_features).';
    end if;
    return null;
end
$$;

revoke all on function private.tg_project_integration_features__same_provider() from public;
