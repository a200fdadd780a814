-- companies_house_search_companies(project integration, query, limit): a person searches
-- the Companies House register by name (e.g. to find the number to link a relationship
-- to). Queues one ch_company_search run (trigger on_manual, requested_by the person); its
-- matches are the run's result, details.results in v_integration_sync_logs. Before, the
-- server action ch_company_search was registered but nothing could start it.
-- Needs integration:sync:companies_house. Returns {"queued": true, "log_ids": [uuid],
-- "errors": []}. Raises PB404 (unknown integration, or not Companies House), PB403 (no
-- permission), PB409 (integration off), PB422 (empty or over-long query, limit not 1–100).
create function public.companies_house_search_companies(
    p_project_integration_id uuid, p_query text, p_limit integer default 20
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:sync:<provider>'
    );
    v_query text := pg_catalog.btrim(coalesce(p_query, ''));
    v_log_id uuid;
begin
    if (select p.key from public.integration_providers as p where p.id = v_integration.provider_id)
        <> 'companies_house' then
        raise exception using errcode = 'PB404', message = format(
            'integration %s is not a Companies House integration', p_project_integration_id);
    end if;
    if not v_integration.is_enabled then
        raise exception using errcode = 'PB409', message = 'Companies House is switched off for this project';
    end if;
    if v_query = '' or pg_catalog.length(v_query) > 160 then
        raise exception using errcode = 'PB422',
            message = 'query: give a company name or number to search for (at most 160 characters)';
    end if;
    if p_limit is null or p_limit not between 1 and 100 then
        raise exception using errcode = 'PB422', message = 'limit: give a number from 1 to 100';
    end if;

    v_log_id := private.enqueue_sync_run(
        v_integration.id, null, 'on_manual', 'ch_company_search', 'company', null,
        pg_catalog.jsonb_build_object('query', v_query, 'limit', p_limit), (select private.caller_uid())
    );
    return pg_catalog.jsonb_build_object(
        'queued', true, 'log_ids', pg_catalog.jsonb_build_array(v_log_id), 'errors', '[]'::jsonb
    );
end
$$;

comment on function public.companies_house_search_companies(uuid, text, integer) is
'A person searches the Companies House register: one ch_company_search run, whose '
'details.results are the matches. Needs integration:sync:companies_house. See docs/rpc.md.';

revoke all on function public.companies_house_search_companies(uuid, text, integer) from public, anon;

grant execute on function public.companies_house_search_companies(uuid, text, integer)
to authenticated, service_role;
