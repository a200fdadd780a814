create or replace function private.companies_house_apply_profile(
    p_project_integration_id uuid, p_relationship_id uuid, p_profile jsonb
)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
    v_number text := p_profile ->> 'company_number';
    v_cached jsonb;
    v_current jsonb;
    v_filled jsonb;
    v_wanted jsonb := private.companies_house_relationship_groups(p_profile);
    v_changes jsonb;
    v_group record;
    v_now_filled jsonb := '{}';
    v_written text [] := '{}';
    v_project uuid;
begin
    select pi.project_id into v_project
    from public.project_integrations as pi where pi.id = p_project_integration_id;
    select r.data into v_cached
    from public.integration_reference_data as r
    inner join public.integration_providers as p on r.provider_id = p.id
    where p.key = 'companies_house' and r.project_integration_id = p_project_integration_id
        and r.kind = 'company' and r.external_id = v_number;
    v_filled := coalesce(v_cached -> 'filled', '{}');
    v_changes := private.companies_house_profile_changes(v_cached -> 'profile', p_profile);

    if p_relationship_id is not null then
        -- only a relationship of the integration's own project, whatever link named it
        select pg_catalog.to_jsonb(rel) into v_current
        from public.project_relationships as rel
        where rel.id = p_relationship_id and rel.project_id = v_project
        for update;
        if not found then
            raise exception using errcode = 'PB404',
                message = format('there is no relationship %s in this integration''s project', p_relationship_id);
        end if;
        for v_group in select g.key, g.value from pg_catalog.jsonb_each(v_wanted) as g (key, value) loop
            -- the relationship's values of this group, as they are now
            if (
                select pg_catalog.bool_and(
                    coalesce(v_current -> c.key, 'null') in ('null', '""', '[]')
                    or coalesce(v_current -> c.key = v_filled -> v_group.key -> c.key, false)
                )
                from pg_catalog.jsonb_object_keys(v_group.value) as c (key)
            ) then
                v_now_filled := v_now_filled || pg_catalog.jsonb_build_object(v_group.key, v_group.value);
                v_written := v_written || v_group.key;
            elsif v_filled ? v_group.key then
                v_now_filled := v_now_filled || pg_catalog.jsonb_build_object(v_group.key, v_filled -> v_group.key);
            end if;
        end loop;
        update public.project_relationships as rel
        set
            address_line1 = case when 'address' = any (v_written) then f.address_line1 else rel.address_line1 end,
            address_line2 = case when 'address' = any (v_written) then f.address_line2 else rel.address_line2 end,
            city = case when 'address' = any (v_written) then f.city else rel.city end,
            region = case when 'address' = any (v_written) then f.region else rel.region end,
            postal_code = case when 'address' = any (v_written) then f.postal_code else rel.postal_code end,
            country_code = case when 'address' = any (v_written) then f.country_code else rel.country_code end,
            sic_codes = case when 'sic_codes' = any (v_written) then f.sic_codes else rel.sic_codes end,
            company_status = case when 'company_status' = any (v_written) then f.company_status else rel.company_status end,
            legal_name = case when 'legal_name' = any (v_written) then f.legal_name else rel.legal_name end,
            company_number = coalesce(rel.company_number, v_number)
        from pg_catalog.jsonb_to_record(
            coalesce(v_wanted -> 'address', '{}') || coalesce(v_wanted -> 'sic_codes', '{}')
            || coalesce(v_wanted -> 'company_status', '{}') || coalesce(v_wanted -> 'legal_name', '{}')
        ) as f (
            address_line1 text, address_line2 text, city text, region text, postal_code text,
            country_code text, sic_codes text [], company_status text, legal_name text
        )
        where rel.id = p_relationship_id and rel.project_id = v_project and pg_catalog.cardinality(v_written) > 0;
    end if;

    perform private.cache_reference_items(
        -- the company's own number as parent: its cached row, officers, PSCs and filings group under it
        'companies_house', p_project_integration_id, 'company', v_number,
        pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
            'external_id', v_number,
            'code', v_number,
            'name', p_profile ->> 'company_name',
            'data', pg_catalog.jsonb_build_object(
                'profile', p_profile,
                'filled', case when p_relationship_id is null then v_filled else v_now_filled end,
                'changes', coalesce(v_cached -> 'changes', '[]') || v_changes
            )
        ))
    );
    if pg_catalog.jsonb_array_length(v_changes) > 0 then
        update public.integration_entity_mappings as m
        set
            is_stale = true,
            stale_reason = (
                select pg_catalog.string_agg(case c.value ->> 'kind'
                    when 'dissolved' then format('Company %s was dissolved (was %s)', v_number, c.value ->> 'previous')
                    when 'name_changed' then format('Company %s changed its name from "%s" to "%s"',
                        v_number, c.value ->> 'previous', c.value ->> 'current')
                    else format('Company %s changed status from %s to %s',
                        v_number, c.value ->> 'previous', c.value ->> 'current')
                end, '; ')
                from pg_catalog.jsonb_array_elements(v_changes) as c (value)
            )
        where m.project_integration_id = p_project_integration_id
            and m.entity_type = 'company' and m.external_id = v_number;
    end if;
    return pg_catalog.jsonb_build_object('filled', pg_catalog.to_jsonb(v_written), 'changes', v_changes);
end
$$;

comment on function private.companies_house_apply_profile(uuid, uuid, jsonb) is
'Caches a Companies House profile for a project integration, fills the linked relationship '
'where a person has not, and flags dissolution and name or status changes: {filled, changes}. Workers only.';

revoke all on function private.companies_house_apply_profile(uuid, uuid, jsonb) from public;

grant execute on function private.companies_house_apply_profile(uuid, uuid, jsonb) to service_role;
