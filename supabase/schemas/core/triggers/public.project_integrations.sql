create trigger "10_set_updated_at"
before update on public.project_integrations
for each row execute function private.tg_set_updated_at();

-- the WHEN clause spares the function call for every row Plugboard itself writes
create trigger "20_mark_manual"
before insert or update of is_enabled on public.project_integrations
for each row when (current_user = 'authenticated') execute function private.tg_project_integrations__mark_manual();

create trigger "30_reschedule_insert"
after insert on public.project_integrations
referencing new table as new_rows
for each statement execute function private.tg_project_integrations__reschedule();

create trigger "30_reschedule_update"
after update on public.project_integrations
referencing old table as old_rows new table as new_rows
for each statement execute function private.tg_project_integrations__reschedule();

create trigger "30_global_credential_status"
before insert on public.project_integrations
for each row execute function private.tg_project_integrations__global_credential_status();

create trigger "05_keep_project"
before update of project_id on public.project_integrations
for each row execute function private.tg_keep_project('project integration');

-- 'added' history before 30_reschedule_insert runs (as when a row trigger wrote it)
create trigger "25_record_history_added"
after insert on public.project_integrations
referencing new table as new_rows
for each statement execute function private.tg_project_integrations__record_added();

create trigger "90_record_history"
after update or delete on public.project_integrations
for each row execute function private.tg_project_integrations__record_history();
