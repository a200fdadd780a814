-- companies_house_link_company(relationship, company number): a person links a business
-- relationship to its Companies House company. The number is checked and normalised by
-- the client action validate_company_number; the relationship keeps it in company_number;
-- the link is an entity mapping (entity type company, created_via link), whose insert runs
-- the on_link features (profile, officers, PSCs) in this same transaction.
-- Linking the same company again changes nothing; linking another company replaces the link.
-- Needs integration:sync:companies_house. Returns {"linked": bool, "company_number",
-- "mapping_id", "log_ids": [uuid], "errors": [{code, field, message}]}.
-- Raises PB404 (no such relationship in a project you belong to, or the project has no
-- Companies House integration), PB403 (no permission).
-- It links through private.link_mapping; one PB404 names only the caller's relationship id
-- whether the relationship is missing, in a project without Companies House or in a
-- project the caller is not in.
create or replace function public.companies_house_link_company(p_relationship_id uuid, p_company_number text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_relationship public.project_relationships;
    v_integration public.project_integrations;
    v_checked jsonb;
    v_number text;
    v_error jsonb;
begin
    select r.* into v_relationship from public.project_relationships as r where r.id = p_relationship_id;
    select pi.* into v_integration
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where p.key = 'companies_house' and pi.project_id = v_relationship.project_id;
    begin
        v_integration := private.rpc_integration(v_integration.id, 'integration:sync:<provider>');
    exception
        when sqlstate 'PB404' then
            raise exception using errcode = 'PB404', message = format(
                'no relationship %s with a Companies House integration in a project you belong to',
                coalesce(p_relationship_id::text, 'null'));
    end;

    v_checked := public.integration_client_action(
        'companies_house', 'validate_company_number',
        pg_catalog.jsonb_build_object('company_number', coalesce(p_company_number, ''))
    );
    v_number := v_checked -> 'data' ->> 'company_number';
    if v_relationship.entity_type <> 'Business' then
        v_error := private.client_action_error('not_a_business', 'relationship_id',
            format('%s is an individual; only businesses are on the Companies House register',
                v_relationship.display_name));
    elsif v_number is null then
        v_error := v_checked -> 'errors' -> 0;
    elsif exists (
        select from public.integration_entity_mappings as m
        where m.project_integration_id = v_integration.id and m.entity_type = 'company'
            and m.external_id = v_number and m.internal_id <> p_relationship_id::text
    ) then
        v_error := private.client_action_error('already_linked', 'company_number', format(
            'Company %s is already linked to another relationship in this project', v_number));
    end if;
    if v_error is not null then
        return pg_catalog.jsonb_build_object('linked', false, 'company_number', v_number, 'mapping_id', null,
            'log_ids', '[]'::jsonb, 'errors', pg_catalog.jsonb_build_array(v_error));
    end if;

    update public.project_relationships as r set company_number = v_number
    where r.id = p_relationship_id and r.company_number is distinct from v_number;
    return pg_catalog.jsonb_build_object('linked', true, 'company_number', v_number, 'errors', '[]'::jsonb)
        || private.link_mapping(v_integration, 'company', p_relationship_id::text, v_number);
end
$$;

comment on function public.companies_house_link_company(uuid, text) is
'Links a business relationship to its Companies House company (runs the on_link features): '
'{linked, company_number, mapping_id, log_ids, errors}. Needs integration:sync:companies_house.';

revoke all on function public.companies_house_link_company(uuid, text) from public, anon;

grant execute on function public.companies_house_link_company(uuid, text) to authenticated, service_role;
