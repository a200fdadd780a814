-- v_hmrc_paye_levy_declarations: the Apprenticeship Levy declarations HMRC holds for the
-- project's employer PAYE reference, as last fetched by the paye_levy_declarations
-- feature (integration_reference_data kind levy_declaration, external_id HMRC's
-- declaration id, parent the employer PAYE reference, code the entry type, data the
-- declaration as HMRC gives it). Entry types (HMRC: the id modulo 10): levy_declaration
-- (levy due year to date and the year's allowance for a tax month), no_payment (nothing
-- due for the period), inactive (inactive_from .. inactive_to), ceased (date_ceased).
-- Tax months count from April (month 1). Newest submission first when ordered by
-- submission_time desc.
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

comment on view public.v_hmrc_paye_levy_declarations is
'Apprenticeship Levy declarations (from EPS submissions) of the project''s employer PAYE reference; '
'not RTI payroll data. Read-only, RLS of the underlying tables applies.';

revoke all on public.v_hmrc_paye_levy_declarations from anon, authenticated;

grant select on public.v_hmrc_paye_levy_declarations to authenticated, service_role;
