create trigger "10_set_updated_at"
before update on public.project_relationships
for each row execute function private.tg_set_updated_at();

create trigger "40_enqueue_status_change_insert"
after insert on public.project_relationships
referencing new table as new_rows
for each statement execute function private.tg_host_records__enqueue_status_change();

create trigger "40_enqueue_status_change_update"
after update on public.project_relationships
referencing old table as old_rows new table as new_rows
for each statement execute function private.tg_host_records__enqueue_status_change();

-- "05_": before the other triggers, so nothing is queued or rescheduled for a move
create trigger "05_keep_project"
before update of project_id on public.project_relationships
for each row execute function private.tg_keep_project('relationship');
