create policy transaction_lines_select on public.transaction_lines
for select to authenticated
using (transaction_id in (select t.id from public.transactions as t));

create policy transaction_lines_insert on public.transaction_lines
for insert to authenticated
with check (transaction_id in (select t.id from public.transactions as t));

create policy transaction_lines_update on public.transaction_lines
for update to authenticated
using (transaction_id in (select t.id from public.transactions as t))
with check (transaction_id in (select t.id from public.transactions as t));

create policy transaction_lines_delete on public.transaction_lines
for delete to authenticated
using (transaction_id in (select t.id from public.transactions as t));
