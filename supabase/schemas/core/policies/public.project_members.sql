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
