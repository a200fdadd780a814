create policy integration_entity_mappings_select on public.integration_entity_mappings
for select to authenticated
using (project_integration_id in (select private.permitted_integration_ids(null)));
