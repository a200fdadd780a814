/** --- Logs and cached reference data: read-only for clients --- */

create policy integration_sync_logs_select on public.integration_sync_logs
for select to authenticated
using (project_id in (select private.permitted_project_ids('integration:logs:view')));
