/** --- Read-only reference tables: roles, permissions, menu, the catalogue --- */

create policy roles_select on public.roles
for select to authenticated using (true);
