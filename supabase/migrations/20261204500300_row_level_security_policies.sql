-- Baseline (issue #19): Row level security policies, table by table.
-- The schema files below, in supabase/schemas/load_order.txt's order; a later change is a
-- new migration plus the edited schema file (docs/contributing.md).

-- supabase/schemas/core/policies/public.integration_entity_mappings.sql

create policy integration_entity_mappings_select on public.integration_entity_mappings
for select to authenticated
using (project_integration_id in (select private.permitted_integration_ids(null)));

-- supabase/schemas/core/policies/public.integration_features.sql

create policy integration_features_select on public.integration_features
for select to authenticated using (true);

-- supabase/schemas/core/policies/public.integration_provider_countries.sql

create policy integration_provider_countries_select on public.integration_provider_countries
for select to authenticated using (true);

-- supabase/schemas/core/policies/public.integration_providers.sql

create policy integration_providers_select on public.integration_providers
for select to authenticated using (true);

-- supabase/schemas/core/policies/public.integration_reference_data.sql

create policy integration_reference_data_select on public.integration_reference_data
for select to authenticated
using (
    project_integration_id is null
    or project_integration_id in (select private.permitted_integration_ids(null))
);

-- supabase/schemas/core/policies/public.integration_sync_logs.sql

/** --- Logs and cached reference data: read-only for clients --- */

create policy integration_sync_logs_select on public.integration_sync_logs
for select to authenticated
using (project_id in (select private.permitted_project_ids('integration:logs:view')));

-- supabase/schemas/core/policies/public.menu_items.sql

create policy menu_items_select on public.menu_items
for select to authenticated using (true);

-- supabase/schemas/core/policies/public.permissions.sql

create policy permissions_select on public.permissions
for select to authenticated using (true);

-- supabase/schemas/core/policies/public.project_integration_features.sql

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

-- supabase/schemas/core/policies/public.project_integrations.sql

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

-- supabase/schemas/core/policies/public.project_members.sql

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

-- supabase/schemas/core/policies/public.project_relationships.sql

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

-- supabase/schemas/core/policies/public.projects.sql

create policy projects_select on public.projects
for select to authenticated
using (
    id in (select private.member_project_ids())
    or (created_by = (select private.caller_uid()) and not private.project_has_members(id))
);

create policy projects_insert on public.projects
for insert to authenticated
with check (created_by = (select private.caller_uid()));

create policy projects_update on public.projects
for update to authenticated
using (id in (select private.permitted_project_ids('project:manage')))
with check (id in (select private.permitted_project_ids('project:manage')));

create policy projects_delete on public.projects
for delete to authenticated
using (id in (select private.permitted_project_ids('project:manage')));

-- supabase/schemas/core/policies/public.role_permissions.sql

create policy role_permissions_select on public.role_permissions
for select to authenticated using (true);

-- supabase/schemas/core/policies/public.roles.sql

/** --- Read-only reference tables: roles, permissions, menu, the catalogue --- */

create policy roles_select on public.roles
for select to authenticated using (true);

-- supabase/schemas/core/policies/public.transaction_lines.sql

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

-- supabase/schemas/core/policies/public.transactions.sql

create policy transactions_select on public.transactions
for select to authenticated
using (project_id in (select private.member_project_ids()));

create policy transactions_insert on public.transactions
for insert to authenticated
with check (
    project_id in (select private.member_project_ids())
    and (
        relationship_id is null
        or exists (
            select
            from public.project_relationships as r
            where r.id = transactions.relationship_id and r.project_id = transactions.project_id
        )
    )
);

create policy transactions_update on public.transactions
for update to authenticated
using (project_id in (select private.member_project_ids()))
with check (
    project_id in (select private.member_project_ids())
    and (
        relationship_id is null
        or exists (
            select
            from public.project_relationships as r
            where r.id = transactions.relationship_id and r.project_id = transactions.project_id
        )
    )
);

create policy transactions_delete on public.transactions
for delete to authenticated
using (project_id in (select private.member_project_ids()));
