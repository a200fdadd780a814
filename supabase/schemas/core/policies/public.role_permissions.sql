create policy role_permissions_select on public.role_permissions
for select to authenticated using (true);
