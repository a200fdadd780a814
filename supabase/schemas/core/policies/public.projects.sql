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
