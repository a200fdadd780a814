"""What the console reads, as the signed-in person (functions/as_person.py): the same views
and RPCs any client app uses, so RLS and the RPCs' permission checks decide everything."""

from __future__ import annotations

PROJECTS = "select id, name, country_code from public.projects order by name, id"

# Setup > Integrations entries the person may open in the project (menu_items.permission_key)
MENU = """
select m.key, m.label, m.path
from public.menu_items as m
where m.parent_key = 'setup.integrations'
    and (m.permission_key is null or private.has_permission(%(project)s, m.permission_key))
order by m.sort_order, m.key
"""

LOGS_PAGE = """
select * from public.integration_sync_logs_page(%(project)s, %(filters)s::jsonb, %(after_at)s,
    %(after_id)s, %(limit)s)
"""

# runs per UTC day and status, the last `days` days (the Logs page's chart): closed days cached
# in the database, today counted live (integration_sync_log_outcomes)
OUTCOMES_BY_DAY = "select * from public.integration_sync_log_outcomes(%(project)s, %(days)s)"

LOG = """
select l.*, public.project_member_name(l.project_id, l.requested_by) as started_by_name
from public.v_integration_sync_logs as l
where l.project_id = %(project)s and l.id = %(id)s
"""

# every provider offered in the project's country, with its integration when there is one
PROVIDERS = """
select p.key as provider_key, p.name as provider_name, p.description as provider_description,
    p.auth_method::text as auth_method,
    i.id, i.status::text as status, i.is_enabled, i.external_account_name, i.connected_at,
    i.connection_expiry_warning, i.last_error_code, i.last_error_message, i.last_error_at,
    s.settings
from public.projects as pr
inner join public.integration_provider_countries as c on pr.country_code = c.country_code
inner join public.integration_providers as p on c.provider_id = p.id
left join public.v_project_integrations as i on pr.id = i.project_id and p.id = i.provider_id
left join public.project_integrations as s on i.id = s.id
where pr.id = %(project)s
order by p.name
"""

FEATURES = """
select v.project_integration_id, v.provider_key, p.name as provider_name, v.feature_id,
    v.feature_key, v.feature_name, v.is_enabled, v.trigger_type::text as trigger_type,
    v.trigger_config, v.last_run_at, v.next_run_at
from public.v_project_integration_features as v
inner join public.integration_providers as p on v.provider_key = p.key
where v.project_id = %(project)s
order by v.provider_key, v.feature_name
"""

HISTORY = """
select at, actor_name, provider_name, feature_name, object, action, before, after
from public.v_integration_config_history
where project_id = %(project)s
order by at desc, id desc
limit 50
"""

SET_FEATURE_ENABLED = (
    "select public.integration_feature_set_enabled(%(integration)s, %(feature)s, %(enabled)s)"
)

REQUEST_SYNC = "select public.integration_request_sync(%(integration)s, %(feature)s)"

RETRY_SYNC = "select public.integration_retry_sync(%(log)s) as log_id"

# one feature of the open project, its effective trigger
FEATURE = """
select v.trigger_type::text as trigger_type, v.trigger_config
from public.v_project_integration_features as v
where v.project_id = %(project)s and v.project_integration_id = %(integration)s
    and v.feature_key = %(feature)s
"""

SET_TRIGGER = """
select public.integration_feature_set_trigger(
    %(integration)s, %(feature)s, %(trigger)s::public.sync_trigger_type, %(config)s::jsonb
)
"""

SET_HMRC_REFERENCES = "select public.hmrc_set_references(%(integration)s, %(references)s)"

# the person's own view of a project's integration of a provider (RLS decides)
INTEGRATION_OF = """
select id, provider_key, provider_name, auth_method::text as auth_method, status::text as status
from public.v_project_integrations
where project_id = %(project)s and provider_key = %(provider)s
"""

MAY_MANAGE = "select private.has_permission(%(project)s, 'integration:manage') as may"

API_KEY_STATE = "select public.integration_api_key_state(%(integration)s) as state"
