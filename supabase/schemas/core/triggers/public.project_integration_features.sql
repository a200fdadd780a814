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

create trigger "90_record_history"
after insert or delete on public.project_integration_features
for each row execute function private.tg_project_integration_features__record_history();

-- an update records only a switch or a trigger change: the engine's own writes of a run's
-- times (last_run_at when a run ends, next_run_at when a schedule is planned) stop here
create trigger "90_record_history_update"
after update on public.project_integration_features
for each row when (
    old.is_enabled is distinct from new.is_enabled
    or old.trigger_type is distinct from new.trigger_type
    or old.trigger_config is distinct from new.trigger_config
)
execute function private.tg_project_integration_features__record_history();
