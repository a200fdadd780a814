-- The Configuration page's RPCs (integration:manage): switch a project's integration on or
-- off, switch a feature on or off, override a feature's trigger. The feature RPCs are
-- security invoker (the caller's RLS and column grants apply to the write as well);
-- integration_set_enabled is security definer because it may create the project's
-- integration row and sets enabled_by, which clients cannot write themselves. The explicit
-- checks turn "0 rows" into errors a UI can show (PB404 unknown provider / integration / feature, PB403 no permission,
-- PB409 a provider that does not cover the project's country, PB400 a bad trigger config).
-- Each returns the row as v_project_integrations / v_project_integration_features show it.
create or replace function public.integration_set_enabled(p_project_id uuid, p_provider text, p_enabled boolean)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_provider public.integration_providers;
    v_country text;
begin
    select p.* into v_provider from public.integration_providers as p where p.key = p_provider and p.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('unknown provider "%s"', coalesce(private.input_excerpt(p_provider), 'null'));
    end if;
    if p_enabled is null then
        raise exception using errcode = 'PB422', message = 'enabled: give true or false';
    end if;
    if not private.rpc_may(p_project_id, 'integration:manage') then
        raise exception using errcode = 'PB403',
            message = 'you need the integration:manage permission in this project';
    end if;
    if p_enabled then
        select pr.country_code into v_country from public.projects as pr where pr.id = p_project_id;
        if not exists (
            select from public.integration_provider_countries as c
            where c.provider_id = v_provider.id and c.country_code = v_country
        ) then
            raise exception using errcode = 'PB409', message = format(
                '%s does not cover projects in %s (it covers %s)', v_provider.name, coalesce(v_country, 'no country'),
                (
                    select pg_catalog.string_agg(c.country_code, ', ' order by c.country_code)
                    from public.integration_provider_countries as c where c.provider_id = v_provider.id
                ));
        end if;
    end if;
    insert into public.project_integrations as pi (project_id, provider_id, is_enabled, enabled_by)
    values (p_project_id, v_provider.id, p_enabled, 'manual')
    on conflict (project_id, provider_id) do update
    set is_enabled = excluded.is_enabled, enabled_by = 'manual';
    return (
        select pg_catalog.to_jsonb(v) from public.v_project_integrations as v
        where v.project_id = p_project_id and v.provider_id = v_provider.id
    );
end
$$;

revoke all on function public.integration_set_enabled(uuid, text, boolean) from public, anon;

grant execute on function public.integration_set_enabled(uuid, text, boolean) to authenticated, service_role;
