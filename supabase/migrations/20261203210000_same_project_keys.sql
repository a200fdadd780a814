-- Same-project integrity in the schema (issue #18): a row that ties two project records
-- together names the project on both sides, so a composite foreign key refuses a pair from
-- two projects whoever writes it (a client, service_role or a worker).
--   transactions (relationship_id, project_id) -> project_relationships (id, project_id)
-- Rows that carry no project of their own (mappings, feature overrides) or whose check
-- needs more than a key (a sync log's project, provider, feature and entity ids) are
-- checked by constraint triggers (20261203100100, 20261203100200). A host record
-- or an integration never changes project ("05_keep_project"), so a check made when a row
-- was written stays true.

alter table public.project_relationships
add constraint project_relationships_id_project_id_key unique (id, project_id);

alter table public.transactions
drop constraint transactions_relationship_id_fkey,
add constraint transactions_relationship_id_fkey foreign key (relationship_id, project_id)
references public.project_relationships (id, project_id) on delete restrict;

-- the key's index, led by its columns (replaces the one on relationship_id alone)
drop index public.transactions_relationship_id_idx;
create index transactions_relationship_id_idx on public.transactions (relationship_id, project_id);

-- Refuses a change of project_id; tg_argv[0] names the record for the message.
create function private.tg_keep_project()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    if new.project_id is distinct from old.project_id then
        raise exception using errcode = 'PB409',
            message = format('a %s stays in the project it was created in', tg_argv[0]),
            hint = 'Create it anew in the other project instead of moving it.';
    end if;
    return new;
end
$$;

revoke all on function private.tg_keep_project() from public;

-- "05_": before the other triggers, so nothing is queued or rescheduled for a move
create trigger "05_keep_project"
before update of project_id on public.project_relationships
for each row execute function private.tg_keep_project('relationship');

create trigger "05_keep_project"
before update of project_id on public.transactions
for each row execute function private.tg_keep_project('transaction');

create trigger "05_keep_project"
before update of project_id on public.project_integrations
for each row execute function private.tg_keep_project('project integration');
