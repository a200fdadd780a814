create policy integration_reference_data_select on public.integration_reference_data
for select to authenticated
using (
    project_integration_id is null
    or project_integration_id in (select private.permitted_integration_ids(null))
);
