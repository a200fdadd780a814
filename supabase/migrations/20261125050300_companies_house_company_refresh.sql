-- Companies House: the scheduled company refresh (catalogue). Every night each linked
-- company's profile is fetched again; what a person has not typed on the relationship is
-- brought up to date, and a company that was dissolved, renamed or changed status is
-- flagged on its link (v_companies_house_company_changes lists them).
-- Server action ch_company_refresh (all companies linked in the project, one request each,
-- within the shared 600-per-5-minutes budget of the one API key).

update public.integration_providers
set server_actions = server_actions || array['ch_company_refresh']
where key = 'companies_house' and 'ch_company_refresh' <> all(server_actions);

insert into public.integration_features (
    provider_id, key, name, description, default_trigger, default_trigger_config,
    sync_direction, entity_type, server_action, sort_order
)
select
    p.id,
    'company_refresh' as key,
    'Company changes' as name,
    'Refresh every linked company''s profile nightly; flag companies that were dissolved, renamed '
    || 'or changed status, and fill what the relationship still lacks.' as description,
    'on_schedule'::public.sync_trigger_type as default_trigger,
    '{"entity": "projects", "schedule": "30 3 * * *"}'::jsonb as default_trigger_config,
    'inbound'::public.sync_direction as sync_direction,
    'company' as entity_type,
    'ch_company_refresh' as server_action,
    35 as sort_order
from public.integration_providers as p
where p.key = 'companies_house'
on conflict (provider_id, key) do update set
    name = excluded.name,
    description = excluded.description,
    default_trigger = excluded.default_trigger,
    default_trigger_config = excluded.default_trigger_config,
    sync_direction = excluded.sync_direction,
    entity_type = excluded.entity_type,
    server_action = excluded.server_action,
    sort_order = excluded.sort_order;
