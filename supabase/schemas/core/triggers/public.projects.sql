create trigger "10_set_updated_at"
before update on public.projects
for each row execute function private.tg_set_updated_at();

create trigger "20_auto_enable_integrations_insert"
after insert on public.projects
referencing new table as new_rows
for each statement execute function private.auto_enable_integrations();

create trigger "20_auto_enable_integrations_update"
after update of country_code on public.projects
for each row
when (old.country_code is distinct from new.country_code)
execute function private.auto_enable_integrations();

create trigger "10_add_owner"
after insert on public.projects
for each row execute function private.tg_projects__add_owner();

create trigger "05_set_created_by"
before insert or update of created_by on public.projects
for each row execute function private.tg_projects__set_created_by();
