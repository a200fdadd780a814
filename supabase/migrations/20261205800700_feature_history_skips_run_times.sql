-- The history trigger of project_integration_features no longer runs for the engine's
-- own writes: every run ending notes last_run_at and every planned schedule moves
-- next_run_at, and the function was called for each (about four calls a run at 10,000
-- projects, plugboard bench scale) to find nothing to record. An update now calls it only
-- when the switch or the trigger changed, what it records.

drop trigger "90_record_history" on public.project_integration_features;

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
