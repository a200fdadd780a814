-- RLS on every table. Members see only their own projects' rows; changing integrations,
-- features or mappings needs integration:manage; reading sync logs needs
-- integration:logs:view; the catalogue is readable by signed-in users; credentials are
-- reachable by service_role only (no policy, no grant). Writes to sync logs and reference
-- data happen in security-definer RPCs and workers, never directly by clients.

alter table public.projects enable row level security;
alter table public.roles enable row level security;
alter table public.permissions enable row level security;
alter table public.role_permissions enable row level security;
alter table public.project_members enable row level security;
alter table public.project_relationships enable row level security;
alter table public.transactions enable row level security;
alter table public.transaction_lines enable row level security;
alter table public.menu_items enable row level security;
alter table public.integration_providers enable row level security;
alter table public.integration_provider_countries enable row level security;
alter table public.integration_features enable row level security;
alter table public.project_integrations enable row level security;
alter table public.integration_credentials enable row level security;
alter table public.project_integration_features enable row level security;
alter table public.integration_sync_logs enable row level security;
alter table public.integration_entity_mappings enable row level security;
alter table public.integration_reference_data enable row level security;

revoke all on public.integration_credentials from anon, authenticated;

/** --- Projects and membership --- */

create policy projects_select on public.projects
for select to authenticated
using (id in (select private.member_project_ids()));

create policy projects_insert on public.projects
for insert to authenticated
with check (created_by = (select auth.uid()));

create policy projects_update on public.projects
for update to authenticated
using (id in (select private.permitted_project_ids('project:manage')))
with check (id in (select private.permitted_project_ids('project:manage')));

create policy projects_delete on public.projects
for delete to authenticated
using (id in (select private.permitted_project_ids('project:manage')));

create policy project_members_select on public.project_members
for select to authenticated
using (project_id in (select private.member_project_ids()));

create policy project_members_insert on public.project_members
for insert to authenticated
with check (project_id in (select private.permitted_project_ids('project:manage')));

create policy project_members_update on public.project_members
for update to authenticated
using (project_id in (select private.permitted_project_ids('project:manage')))
with check (project_id in (select private.permitted_project_ids('project:manage')));

create policy project_members_delete on public.project_members
for delete to authenticated
using (project_id in (select private.permitted_project_ids('project:manage')));

/** --- Read-only reference tables: roles, permissions, menu, the catalogue --- */

create policy roles_select on public.roles
for select to authenticated using (true);

create policy permissions_select on public.permissions
for select to authenticated using (true);

create policy role_permissions_select on public.role_permissions
for select to authenticated using (true);

create policy menu_items_select on public.menu_items
for select to authenticated using (true);

create policy integration_providers_select on public.integration_providers
for select to authenticated using (true);

create policy integration_provider_countries_select on public.integration_provider_countries
for select to authenticated using (true);

create policy integration_features_select on public.integration_features
for select to authenticated using (true);

/** --- Host records: any member of the project --- */

create policy project_relationships_select on public.project_relationships
for select to authenticated
using (project_id in (select private.member_project_ids()));

create policy project_relationships_insert on public.project_relationships
for insert to authenticated
with check (project_id in (select private.member_project_ids()));

create policy project_relationships_update on public.project_relationships
for update to authenticated
using (project_id in (select private.member_project_ids()))
with check (project_id in (select private.member_project_ids()));

create policy project_relationships_delete on public.project_relationships
for delete to authenticated
using (project_id in (select private.member_project_ids()));

create policy transactions_select on public.transactions
for select to authenticated
using (project_id in (select private.member_project_ids()));

create policy transactions_insert on public.transactions
for insert to authenticated
with check (project_id in (select private.member_project_ids()));

create policy transactions_update on public.transactions
for update to authenticated
using (project_id in (select private.member_project_ids()))
with check (project_id in (select private.member_project_ids()));

create policy transactions_delete on public.transactions
for delete to authenticated
using (project_id in (select private.member_project_ids()));

create policy transaction_lines_select on public.transaction_lines
for select to authenticated
using (transaction_id in (select t.id from public.transactions as t));

create policy transaction_lines_insert on public.transaction_lines
for insert to authenticated
with check (transaction_id in (select t.id from public.transactions as t));

create policy transaction_lines_update on public.transaction_lines
for update to authenticated
using (transaction_id in (select t.id from public.transactions as t))
with check (transaction_id in (select t.id from public.transactions as t));

create policy transaction_lines_delete on public.transaction_lines
for delete to authenticated
using (transaction_id in (select t.id from public.transactions as t));

/** --- Integrations: members read, integration:manage changes --- */

create policy project_integrations_select on public.project_integrations
for select to authenticated
using (project_id in (select private.member_project_ids()));

create policy project_integrations_insert on public.project_integrations
for insert to authenticated
with check (project_id in (select private.permitted_project_ids('integration:manage')));

create policy project_integrations_update on public.project_integrations
for update to authenticated
using (project_id in (select private.permitted_project_ids('integration:manage')))
with check (project_id in (select private.permitted_project_ids('integration:manage')));

create policy project_integrations_delete on public.project_integrations
for delete to authenticated
using (project_id in (select private.permitted_project_ids('integration:manage')));

create policy project_integration_features_select on public.project_integration_features
for select to authenticated
using (project_integration_id in (select private.permitted_integration_ids(null)));

create policy project_integration_features_insert on public.project_integration_features
for insert to authenticated
with check (
    project_integration_id in (select private.permitted_integration_ids('integration:manage'))
);

create policy project_integration_features_update on public.project_integration_features
for update to authenticated
using (project_integration_id in (select private.permitted_integration_ids('integration:manage')))
with check (
    project_integration_id in (select private.permitted_integration_ids('integration:manage'))
);

create policy project_integration_features_delete on public.project_integration_features
for delete to authenticated
using (project_integration_id in (select private.permitted_integration_ids('integration:manage')));

create policy integration_entity_mappings_select on public.integration_entity_mappings
for select to authenticated
using (project_integration_id in (select private.permitted_integration_ids(null)));

create policy integration_entity_mappings_insert on public.integration_entity_mappings
for insert to authenticated
with check (
    project_integration_id in (select private.permitted_integration_ids('integration:manage'))
);

create policy integration_entity_mappings_update on public.integration_entity_mappings
for update to authenticated
using (project_integration_id in (select private.permitted_integration_ids('integration:manage')))
with check (
    project_integration_id in (select private.permitted_integration_ids('integration:manage'))
);

create policy integration_entity_mappings_delete on public.integration_entity_mappings
for delete to authenticated
using (project_integration_id in (select private.permitted_integration_ids('integration:manage')));

/** --- Logs and cached reference data: read-only for clients --- */

create policy integration_sync_logs_select on public.integration_sync_logs
for select to authenticated
using (project_id in (select private.permitted_project_ids('integration:logs:view')));

create policy integration_reference_data_select on public.integration_reference_data
for select to authenticated
using (
    project_integration_id is null
    or project_integration_id in (select private.permitted_integration_ids(null))
);
