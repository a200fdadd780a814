-- v_hmrc_paye_levy_declarations (20261125061400), same columns: submission_time is null
-- rather than an error when HMRC's submissionTime is not an ISO date-time. HMRC documents
-- that a bad date from its back end comes as 1970-01-01T01:00:00.000 (still read), and its
-- own schema example ("2016–02–21T16:05:23.000.000") would otherwise break the whole view
-- for the project.

create or replace view public.v_hmrc_paye_levy_declarations
with (security_invoker = true) as
select
    pi.project_id,
    r.project_integration_id,
    r.parent_external_id as employer_paye_reference,
    r.external_id as declaration_id,
    r.code as entry_type,
    r.data ->> 'submissionId' as submission_id,
    case
        when r.data ->> 'submissionTime' ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$'
            then (r.data ->> 'submissionTime')::timestamp
    end as submission_time,
    r.data #>> '{payrollPeriod,year}' as tax_year,
    (r.data #>> '{payrollPeriod,month}')::integer as tax_month,
    (r.data ->> 'levyDueYTD')::numeric as levy_due_ytd,
    (coalesce(r.data ->> 'levyAllowanceForFullYear', r.data ->> 'allowance'))::numeric as levy_allowance_for_full_year,
    (r.data ->> 'inactiveFrom')::date as inactive_from,
    (r.data ->> 'inactiveTo')::date as inactive_to,
    (r.data ->> 'dateCeased')::date as date_ceased,
    r.fetched_at
from public.integration_reference_data as r
inner join public.integration_providers as p on r.provider_id = p.id
inner join public.project_integrations as pi on r.project_integration_id = pi.id
where
    p.key = 'hmrc' and r.kind = 'levy_declaration' and r.is_active
    and r.parent_external_id = pi.settings ->> 'employer_paye_reference';
