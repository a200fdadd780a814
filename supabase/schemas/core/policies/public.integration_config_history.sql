/** --- Configuration history: those who may change the configuration read it --- */

create policy integration_config_history_select on public.integration_config_history
for select to authenticated
using (project_id in (select private.permitted_project_ids('integration:manage')));
