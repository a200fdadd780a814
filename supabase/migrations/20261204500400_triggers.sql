-- Baseline (issue #19): Triggers, table by table.
-- The schema files below, in supabase/schemas/load_order.txt's order; a later change is a
-- new migration plus the edited schema file (docs/contributing.md).

-- supabase/schemas/core/triggers/public.integration_credentials.sql

create trigger "10_set_updated_at"
before update on public.integration_credentials
for each row execute function private.tg_set_updated_at();

create trigger "10_delete_secret"
after delete on public.integration_credentials
for each row execute function private.tg_integration_credentials__delete_secret();

-- supabase/schemas/core/triggers/public.integration_entity_mappings.sql

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

-- supabase/schemas/core/triggers/public.integration_features.sql

create trigger "10_set_updated_at"
before update on public.integration_features
for each row execute function private.tg_set_updated_at();

create trigger "20_check_trigger_config"
before insert or update of default_trigger, default_trigger_config
on public.integration_features
for each row execute function private.tg_integration_features__check_trigger_config();

create trigger "30_reschedule_insert"
after insert on public.integration_features
for each row execute function private.tg_integration_features__reschedule();

create trigger "30_reschedule_update"
after update of default_trigger, default_trigger_config, is_active on public.integration_features
for each row
when (
    old.default_trigger is distinct from new.default_trigger
    or old.default_trigger_config is distinct from new.default_trigger_config
    or old.is_active is distinct from new.is_active
)
execute function private.tg_integration_features__reschedule();

-- supabase/schemas/core/triggers/public.integration_providers.sql

create trigger "10_set_updated_at"
before update on public.integration_providers
for each row execute function private.tg_set_updated_at();

-- supabase/schemas/core/triggers/public.integration_sync_logs.sql

create trigger "50_global_credential_refused"
after update of status on public.integration_sync_logs
for each row
when (new.status = 'failed' and old.status <> 'failed' and new.error_code = 'invalid_api_key')
execute function private.tg_integration_sync_logs__global_credential_refused();

create constraint trigger "05_same_project_insert"
after insert on public.integration_sync_logs
for each row execute function private.tg_integration_sync_logs__same_project();

-- an update re-checks only when what the run is about changes: a run whose record was
-- deleted meanwhile must still be able to record how it ended
create constraint trigger "05_same_project_update"
after update on public.integration_sync_logs
for each row when (
    old.project_integration_id is distinct from new.project_integration_id
    or old.project_id is distinct from new.project_id
    or old.provider_id is distinct from new.provider_id
    or old.feature_id is distinct from new.feature_id
    or old.trigger_type is distinct from new.trigger_type
    or old.entity_type is distinct from new.entity_type
    or old.entity_id is distinct from new.entity_id
    or old.details -> 'params' is distinct from new.details -> 'params'
)
execute function private.tg_integration_sync_logs__same_project();

-- supabase/schemas/core/triggers/public.permissions.sql

create trigger "10_owner_holds_every_permission"
after insert on public.permissions
for each statement execute function private.tg_grant_every_permission_to_owner();

-- supabase/schemas/core/triggers/public.project_integration_features.sql

create trigger "10_set_updated_at"
before update on public.project_integration_features
for each row execute function private.tg_set_updated_at();

create trigger "20_check_trigger_config"
before insert or update of trigger_type, trigger_config, feature_id
on public.project_integration_features
for each row execute function private.tg_project_integration_features__check_trigger_config();

create trigger "30_schedule_insert"
before insert on public.project_integration_features
for each row
when (new.next_run_at is null)
execute function private.tg_project_integration_features__schedule();

create trigger "30_schedule_update"
before update of is_enabled, trigger_type, trigger_config on public.project_integration_features
for each row execute function private.tg_project_integration_features__schedule();

create constraint trigger "05_same_provider"
after insert or update of project_integration_id, feature_id on public.project_integration_features
for each row execute function private.tg_project_integration_features__same_provider();

-- supabase/schemas/core/triggers/public.project_integrations.sql

create trigger "10_set_updated_at"
before update on public.project_integrations
for each row execute function private.tg_set_updated_at();

create trigger "20_mark_manual"
before insert or update of is_enabled on public.project_integrations
for each row execute function private.tg_project_integrations__mark_manual();

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

-- supabase/schemas/core/triggers/public.project_relationships.sql

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

-- supabase/schemas/core/triggers/public.projects.sql

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

-- supabase/schemas/core/triggers/public.role_permissions.sql

create trigger "10_owner_keeps_every_permission"
after delete or update on public.role_permissions
for each statement execute function private.tg_role_permissions__owner_keeps_every_permission();

-- supabase/schemas/core/triggers/public.roles.sql

create trigger "10_owner_holds_every_permission"
after insert or update of key on public.roles
for each statement execute function private.tg_grant_every_permission_to_owner();

-- supabase/schemas/core/triggers/public.transactions.sql

create trigger "10_set_updated_at"
before update on public.transactions
for each row execute function private.tg_set_updated_at();

create trigger "40_enqueue_status_change_insert"
after insert on public.transactions
referencing new table as new_rows
for each statement execute function private.tg_host_records__enqueue_status_change();

create trigger "40_enqueue_status_change_update"
after update on public.transactions
referencing old table as old_rows new table as new_rows
for each statement execute function private.tg_host_records__enqueue_status_change();

create trigger "05_keep_project"
before update of project_id on public.transactions
for each row execute function private.tg_keep_project('transaction');
