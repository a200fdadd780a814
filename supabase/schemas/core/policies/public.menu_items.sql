create policy menu_items_select on public.menu_items
for select to authenticated using (true);
