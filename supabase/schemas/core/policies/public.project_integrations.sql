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
