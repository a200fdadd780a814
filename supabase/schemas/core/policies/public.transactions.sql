create policy transactions_select on public.transactions
for select to authenticated
using (project_id in (select private.member_project_ids()));

create policy transactions_insert on public.transactions
for insert to authenticated
with check (
    project_id in (select private.member_project_ids())
    and (
        relationship_id is null
        or exists (
            select
            from public.project_relationships as r
            where r.id = transactions.relationship_id and r.project_id = transactions.project_id
        )
    )
);

create policy transactions_update on public.transactions
for update to authenticated
using (project_id in (select private.member_project_ids()))
with check (
    project_id in (select private.member_project_ids())
    and (
        relationship_id is null
        or exists (
            select
            from public.project_relationships as r
            where r.id = transactions.relationship_id and r.project_id = transactions.project_id
        )
    )
);

create policy transactions_delete on public.transactions
for delete to authenticated
using (project_id in (select private.member_project_ids()));
