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
