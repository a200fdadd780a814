create trigger "10_set_updated_at"
before update on public.integration_entity_mappings
for each row execute function private.tg_set_updated_at();

create trigger "40_enqueue_link"
after insert on public.integration_entity_mappings
referencing new table as new_rows
for each statement execute function private.tg_integration_entity_mappings__enqueue_link();

create constraint trigger "05_same_project"
after insert or update of project_integration_id, entity_type, internal_id
on public.integration_entity_mappings
for each row execute function private.tg_integration_entity_mappings__same_project();
