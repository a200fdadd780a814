create policy permissions_select on public.permissions
for select to authenticated using (true);
