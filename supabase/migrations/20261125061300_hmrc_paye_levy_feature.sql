-- PAYE: what HMRC's documented REST APIs can honestly back. HMRC offers no public REST API
-- for PAYE Real Time Information (the payroll itself: Full Payment Submissions, employees'
-- pay and deductions); payroll software files those over the Government Gateway XML
-- channel. The one documented REST API with PAYE scheme data is the Apprenticeship Levy
-- API 1.0 (scope read:apprenticeship-levy): per employer PAYE reference, the levy
-- declarations made on the scheme's Employer Payment Summaries (levy due year to date,
-- allowance, periods of inactivity, cessation) and the English fraction. The feature
-- paye_levy_declarations fetches and caches those (reference data kinds levy_declaration,
-- parent the employer PAYE reference, and levy_fraction), on a schedule and on request;
-- v_hmrc_paye_levy_declarations shows them for the project's current reference.
-- The provider's description and the PAYE features say the scope plainly.

update public.integration_providers
set
    description = 'Making Tax Digital for VAT: obligations and return submission. PAYE: the '
    || 'Apprenticeship Levy declarations and English fraction HMRC''s Apprenticeship Levy API gives '
    || 'for the employer PAYE reference. HMRC has no public REST API for Corporation Tax or for PAYE '
    || '(RTI) payroll data: Plugboard stores and validates the UTR, employer PAYE reference and '
    || 'Accounts Office reference.',
    server_actions = server_actions || array['hmrc_paye_levy_declarations']
where key = 'hmrc' and 'hmrc_paye_levy_declarations' <> all(server_actions);

update public.integration_features as f
set
    description = 'HMRC has no public REST API for PAYE (RTI) payroll data: stores and validates the '
    || 'employer PAYE reference and Accounts Office reference (the levy declarations feature uses the former).'
from public.integration_providers as p
where f.provider_id = p.id and p.key = 'hmrc' and f.key = 'paye';

insert into public.integration_features (
    provider_id, key, name, description, default_trigger, default_trigger_config, sync_direction,
    entity_type, server_action, sort_order
)
select
    p.id as provider_id,
    'paye_levy_declarations' as key,
    'PAYE Apprenticeship Levy declarations' as name,
    'Fetch the Apprenticeship Levy declarations (levy due year to date, allowance, inactive '
    || 'and ceased periods) reported on the scheme''s Employer Payment Summaries, and the English '
    || 'fraction, for the employer PAYE reference (HMRC Apprenticeship Levy API). Not payroll data: '
    || 'HMRC offers no public REST API for RTI Full Payment Submissions or employees'' pay.' as description,
    'on_schedule'::public.sync_trigger_type as default_trigger,
    '{"entity": "projects", "schedule": "30 6 * * *"}'::jsonb as default_trigger_config,
    'inbound'::public.sync_direction as sync_direction,
    'levy_declaration' as entity_type,
    'hmrc_paye_levy_declarations' as server_action,
    45 as sort_order
from public.integration_providers as p
where p.key = 'hmrc'
on conflict (provider_id, key) do update set
    name = excluded.name,
    description = excluded.description,
    default_trigger = excluded.default_trigger,
    default_trigger_config = excluded.default_trigger_config,
    sync_direction = excluded.sync_direction,
    entity_type = excluded.entity_type,
    server_action = excluded.server_action,
    sort_order = excluded.sort_order;
