-- Companies House client action sic_code_search: look a SIC code up, or search the SIC
-- codes (global reference data, kind sic_code) by code prefix or by words.
--   params: {"code": "62012"} (lookup) or {"query": "software", "limit": 1-100, default 20}
--   data:   lookup: code, description, version ("2007" | "2003");
--           search: results [{code, description, version}] (SIC 2007 first, then the
--           condensed SIC 2003 codes older filings carry), total (all matches)
-- A query of 2-5 digits matches codes starting with it; otherwise every word of the query
-- must occur in the description (case-insensitive), descriptions starting with the query first.
create function client_actions.companies_house__sic_code_search(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(p_params, array['code', 'query', 'limit'], '{}');
    v_code text := pg_catalog.btrim(private.client_action_text(v_params, 'code'));
    v_query text := pg_catalog.lower(pg_catalog.btrim(private.client_action_text(v_params, 'query')));
    v_limit integer := private.client_action_integer(v_params, 'limit', 1, 100, 20);
    v_words text [] := pg_catalog.regexp_split_to_array(v_query, '\s+');
    v_found public.integration_reference_data;
    v_results jsonb;
    v_total integer;
begin
    if (v_code is null) = (v_query is null) then
        raise exception using errcode = 'PB422',
            message = 'params: give either "code" (a lookup) or "query" (a search), not both or neither';
    end if;

    if v_code is not null then
        if v_code !~ '^[0-9]{4,5}$' then
            return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
                'invalid_format', 'code', format('"%s" is not a SIC code (5 digits, or 4 for SIC 2003)', v_code)
            )), null);
        end if;
        select r.* into v_found
        from public.integration_reference_data as r
        inner join public.integration_providers as p on r.provider_id = p.id
        where p.key = 'companies_house' and r.project_integration_id is null
            and r.kind = 'sic_code' and r.external_id = v_code and r.is_active;
        if not found then
            return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
                'unknown_sic_code', 'code', format('%s is not a SIC code Companies House uses', v_code)
            )), null);
        end if;
        return private.client_action_result(null, pg_catalog.jsonb_build_object(
            'code', v_found.code, 'description', v_found.name, 'version', v_found.data ->> 'version'
        ));
    end if;

    if v_query = '' then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'required', 'query', 'Type a SIC code or words of its description')), null);
    end if;
    with matches as (
        select
            r.code,
            r.name,
            r.data ->> 'version' as version,
            pg_catalog.row_number() over (order by
                r.data ->> 'version' desc,
                pg_catalog.starts_with(pg_catalog.lower(r.name), v_query) desc,
                r.code
            ) as position,
            pg_catalog.count(*) over () as total
        from public.integration_reference_data as r
        inner join public.integration_providers as p on r.provider_id = p.id
        where p.key = 'companies_house' and r.project_integration_id is null
            and r.kind = 'sic_code' and r.is_active
            and case
                when v_query ~ '^[0-9]{2,5}$' then pg_catalog.starts_with(r.code, v_query)
                else not exists (
                    select from pg_catalog.unnest(v_words) as w (word)
                    where pg_catalog.strpos(pg_catalog.lower(r.name), w.word) = 0
                )
            end
    )

    select
        coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
            'code', m.code, 'description', m.name, 'version', m.version
        ) order by m.position) filter (where m.position <= v_limit), '[]'),
        coalesce(pg_catalog.max(m.total), 0)
    into v_results, v_total
    from matches as m;
    return private.client_action_result(null, pg_catalog.jsonb_build_object(
        'results', v_results, 'total', v_total
    ));
end
$$;

revoke all on function client_actions.companies_house__sic_code_search(jsonb) from public;

grant execute on function client_actions.companies_house__sic_code_search(jsonb) to authenticated, service_role;
