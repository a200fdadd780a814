-- v_companies_house_company_changes: every change the Companies House refresh detected on a
-- linked company (dissolved, name_changed, status_changed), newest first per company, with
-- the relationship it is linked to. needs_review is the link's stale flag, which stays set
-- until someone clears it (integration:manage may update the mapping).
create or replace view public.v_companies_house_company_changes
with (security_invoker = true) as
select
    pi.project_id,
    r.project_integration_id,
    m.id as mapping_id,
    rel.id as relationship_id,
    rel.display_name as relationship_name,
    r.external_id as company_number,
    r.name as company_name,
    c.value ->> 'kind' as change,
    c.value ->> 'previous' as previous_value,
    c.value ->> 'current' as current_value,
    (c.value ->> 'detected_at')::timestamptz as detected_at,
    coalesce(m.is_stale, false) and not c.value ? 'acknowledged_at' as needs_review,
    (c.value ->> 'acknowledged_at')::timestamptz as acknowledged_at,
    (c.value ->> 'acknowledged_by')::uuid as acknowledged_by
from public.integration_reference_data as r
inner join public.integration_providers as p on r.provider_id = p.id
inner join public.project_integrations as pi on r.project_integration_id = pi.id
cross join lateral pg_catalog.jsonb_array_elements(coalesce(r.data -> 'changes', '[]')) as c (value)
left join public.integration_entity_mappings as m
    on
        r.project_integration_id = m.project_integration_id
        and m.entity_type = 'company'
        and r.external_id = m.external_id
left join public.project_relationships as rel on m.internal_id = rel.id::text
where p.key = 'companies_house' and r.kind = 'company';

revoke all on public.v_companies_house_company_changes from anon, authenticated;

grant select on public.v_companies_house_company_changes to authenticated, service_role;

comment on view public.v_companies_house_company_changes is
'Changes the Companies House refresh found on linked companies (dissolved, name_changed, '
'status_changed); needs_review until companies_house_acknowledge_change clears them. '
'Read-only; RLS of the underlying tables applies.';
