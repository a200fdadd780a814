-- A transaction's relationship must belong to the transaction's own project. The foreign
-- key alone does not see RLS, so a member could point a transaction of their project at a
-- relationship of another project (knowing its id) and a sync would then push that other
-- tenant's supplier or customer data to this project's provider. Clients may only link a
-- relationship they can see in the same project.

drop policy transactions_insert on public.transactions;

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

drop policy transactions_update on public.transactions;

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
