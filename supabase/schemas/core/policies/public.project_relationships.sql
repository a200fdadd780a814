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
